using Microsoft.AspNetCore.Http;
using ParIndex.Web.Infrastructure;
using Serilog.AspNetCore;
using Serilog.Events;

namespace ParIndex.Web.Tests.Health;

/// <summary>Errors in the log are the server's own: a request the client abandoned is not one.</summary>
public class RequestLoggingTests
{
    private static readonly RequestLoggingOptions Options = Configured();

    private static RequestLoggingOptions Configured()
    {
        var options = new RequestLoggingOptions();
        ParIndex.Web.Infrastructure.Logging.ConfigureRequests(options);
        return options;
    }

    private static DefaultHttpContext Request(bool aborted, int status = 200)
    {
        var http = new DefaultHttpContext { RequestAborted = new CancellationToken(aborted) };
        http.Request.Method = "GET";
        http.Response.StatusCode = status;
        return http;
    }

    private static object? Status(DefaultHttpContext http, int status) =>
        ((ScalarValue)Options.GetMessageTemplateProperties(http, "/Dashboard", 12.5, status)
            .Single(p => p.Name == "StatusCode").Value).Value;

    [Fact]
    public void A_request_the_client_abandoned_is_logged_as_information_with_status_499()
    {
        var http = Request(aborted: true);
        Assert.Equal(LogEventLevel.Information, Options.GetLevel(http, 12.5, new TaskCanceledException()));
        Assert.Equal(LogEventLevel.Information, Options.GetLevel(http, 12.5, new IOException("The client reset the request stream.")));
        Assert.Equal(ParIndex.Web.Infrastructure.Logging.ClientClosedRequest, Status(http, 500));
    }

    [Fact]
    public void A_failure_of_the_server_stays_an_error_with_its_status()
    {
        // The same cancellation while the client is still there is the server's own failure (a timeout, say).
        Assert.Equal(LogEventLevel.Error, Options.GetLevel(Request(aborted: false), 12.5, new TaskCanceledException()));
        Assert.Equal(500, Status(Request(aborted: false), 500));
        // Another exception is an error even if the client has gone.
        Assert.Equal(LogEventLevel.Error, Options.GetLevel(Request(aborted: true), 12.5, new InvalidOperationException()));
        Assert.Equal(LogEventLevel.Error, Options.GetLevel(Request(aborted: false, status: 503), 12.5, null));
        Assert.Equal(LogEventLevel.Information, Options.GetLevel(Request(aborted: false, status: 404), 12.5, null));
        Assert.Equal(200, Status(Request(aborted: true), 200));
    }
}
