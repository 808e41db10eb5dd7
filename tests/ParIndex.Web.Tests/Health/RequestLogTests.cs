using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Health;

/// <summary>
/// Request logging writes to the application's own logger (the log file of record), not to the start-up console
/// logger: a host keeps the static logger as it was, so the request logger must be given the host's.
/// </summary>
public class RequestLogTests
{
    [Fact]
    public async Task Each_request_is_in_the_log_file()
    {
        using var factory = new ParIndexFactory();
        var response = await factory.CreateClient().GetAsync("/Account/Login");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        var folder = Path.Combine(factory.Folder, "logs");
        var text = string.Concat(Directory.GetFiles(folder, "parindex-*.log").Order().Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
        Assert.Contains("HTTP GET /Account/Login responded 200", text);
    }
}
