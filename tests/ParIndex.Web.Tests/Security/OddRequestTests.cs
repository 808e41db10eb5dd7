using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Data.Seed;

namespace ParIndex.Web.Tests.Security;

/// <summary>
/// No request answers 500 because of what a client sent. Every page handler and endpoint the authorization matrix
/// discovers is sent non-numeric, out-of-range and extreme values for each of its route and query parameters
/// (signed in as an Admin, who passes every page's authorization), and every route is sent the other verbs.
/// </summary>
public class OddRequestTests(OddRequestTests.Fixture fixture) : IClassFixture<OddRequestTests.Fixture>
{
    public static readonly string[] OddValues =
    [
        "abc", "-1", "0", "2147483647", "-2147483648", "99999999999999999999", "0001-01-01", "9999-12-31", "1e309", "%FF%FE", "%00",
        new string('9', 400),
    ];

    public static readonly string[] OtherVerbs = ["OPTIONS", "TRACE", "PUT", "DELETE", "PATCH"];

    public sealed class Fixture : IAsyncLifetime
    {
        public SecurityFactory Factory { get; } = new();
        public HttpClient Client { get; private set; } = null!;
        public CookieJar Admin { get; } = new();
        public IReadOnlyList<Access> Discovered { get; private set; } = [];
        public Dictionary<string, SortedSet<string>> QueryNames { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Client = Factory.CreateRawClient();
            if ((await Admin.SignInAsync(Client, DemoAccounts.Admin)).StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException("Admin sign-in failed");
            Discovered = await AuthorizationMatrixTests.DiscoverAsync(Factory.Services);
            QueryNames = await QueryParametersAsync(Factory.Services);
        }

        public Task DisposeAsync()
        {
            Client.Dispose();
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private static readonly HashSet<Type> Simple =
    [
        typeof(string), typeof(int), typeof(long), typeof(decimal), typeof(double), typeof(bool), typeof(DateOnly), typeof(DateTime),
        typeof(Guid),
    ];

    private static bool IsSimple(Type t) => Simple.Contains(Nullable.GetUnderlyingType(t) ?? t) || (Nullable.GetUnderlyingType(t) ?? t).IsEnum;

    /// <summary>Names a client can send in the query string, per route: handler parameters, GET-bound properties, [FromQuery] members.</summary>
    public static async Task<Dictionary<string, SortedSet<string>>> QueryParametersAsync(IServiceProvider services)
    {
        var result = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        void Add(string route, string name) =>
            (result.TryGetValue(route, out var set) ? set : result[route] = new SortedSet<string>(StringComparer.Ordinal)).Add(name);
        void AddType(string route, string? prefix, Type type, string name, BindingInfo? binding)
        {
            var bound = binding?.BinderModelName ?? name;
            if (IsSimple(type)) { Add(route, prefix is null ? bound : $"{prefix}.{bound}"); return; }
            if (type.IsClass && type.Namespace?.StartsWith("ParIndex", StringComparison.Ordinal) == true)
                foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsSimple(p.PropertyType)))
                    Add(route, p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? (prefix is null ? $"{bound}.{p.Name}" : $"{prefix}.{bound}.{p.Name}"));
        }
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + System.Text.RegularExpressions.Regex.Replace((endpoint.RoutePattern.RawText ?? "").TrimStart('/'),
                @"\{(\*?\w+)(:[^}]*)?(\?)?\}", "{$1$3}");
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                    foreach (var p in handler.Parameters.Where(p => !routeNames.Contains(p.Name)))
                        AddType(route, null, p.ParameterType, p.Name, p.BindingInfo);
                foreach (var p in compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>())
                    if (!routeNames.Contains(p.Name)) AddType(route, null, p.ParameterType, p.Name, p.BindingInfo);
                Add(route, "handler");
                continue;
            }
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
                foreach (var p in method.GetParameters().Where(p => p.Name is not null && !routeNames.Contains(p.Name) && IsSimple(p.ParameterType)))
                    Add(route, p.Name!);
        }
        return result;
    }

    private static string Fill(string route, string? oddParameter, string? oddValue) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{(\*?)(\w+)(:[^}]*)?\??\}",
            m => m.Groups[2].Value == oddParameter ? oddValue! : AuthorizationMatrixTests.RouteValues.GetValueOrDefault(m.Groups[2].Value, "1"));

    private async Task<string?> SendAsync(string method, string url, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
            request.Content = new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        request.Headers.Add("Cookie", fixture.Admin.Header); // the answer's cookies are not kept: nothing can sign the Admin out
        using var response = await fixture.Client.SendAsync(request);
        return (int)response.StatusCode >= 500 ? $"{method} {url}: {(int)response.StatusCode}" : null;
    }

    private IEnumerable<Access> Targets() =>
        // Signing out would end the session the test runs in.
        fixture.Discovered.Where(a => a.Route != "/Account/Logout");

    private static string WithHandler(string path, Access a) => a.Handler.Length == 0 ? path : $"{path}?handler={a.Handler}";

    [Fact]
    public async Task Odd_route_values_never_answer_500()
    {
        var token = await fixture.Admin.TokenAsync(fixture.Client, "/Account/TwoFactor");
        var failures = new List<string>();
        foreach (var access in Targets())
        {
            var method = access.Method == "ANY" ? "GET" : access.Method;
            var names = System.Text.RegularExpressions.Regex.Matches(access.Route, @"\{\*?(\w+)").Select(m => m.Groups[1].Value).ToList();
            foreach (var name in names)
                // A NUL in the path never reaches the application (Kestrel refuses it; the test host throws): query values only.
                foreach (var value in OddValues.Where(v => v != "%00"))
                    if (await SendAsync(method, WithHandler(Fill(access.Route, name, value), access), token) is { } failure) failures.Add(failure);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Odd_query_values_never_answer_500()
    {
        var token = await fixture.Admin.TokenAsync(fixture.Client, "/Account/TwoFactor");
        var failures = new List<string>();
        var sent = 0;
        foreach (var access in Targets())
        {
            var method = access.Method == "ANY" ? "GET" : access.Method;
            var path = Fill(access.Route, null, null);
            foreach (var name in fixture.QueryNames.GetValueOrDefault(access.Route, []).Where(n => n != "handler"))
                foreach (var value in OddValues)
                {
                    var query = (access.Handler.Length == 0 ? "" : $"handler={access.Handler}&") + $"{Uri.EscapeDataString(name)}={value}";
                    sent++;
                    if (await SendAsync(method, $"{path}?{query}", token) is { } failure) failures.Add(failure);
                }
            foreach (var value in OddValues)
            {
                sent++;
                if (await SendAsync(method, $"{path}?handler={value}", token) is { } failure) failures.Add(failure);
            }
        }
        Assert.True(sent > 500, $"only {sent} requests: the discovery found too few parameters");
        // The audit filter's dates and the plan API's paging are among the parameters discovered.
        Assert.Contains("from", fixture.QueryNames["/Audit"]);
        Assert.Contains("page", fixture.QueryNames["/api/v1/plans/{year}"]);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Other_verbs_never_answer_500_and_a_page_refuses_them_with_405()
    {
        var failures = new List<string>();
        foreach (var route in Targets().Select(a => a.Route).Distinct())
        {
            var path = Fill(route, null, null);
            foreach (var verb in OtherVerbs)
                if (await SendAsync(verb, path, null) is { } failure) failures.Add(failure);
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        var request = new HttpRequestMessage(HttpMethod.Options, "/Plans/2023/Tasks/12");
        request.Headers.Add("Cookie", fixture.Admin.Header);
        using var options = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, options.StatusCode);
        Assert.Contains("không được hỗ trợ", await options.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/Audit?from=0001-01-01")]
    [InlineData("/Audit?to=9999-12-31")]
    [InlineData("/Audit?handler=Export&from=0001-01-01")]
    [InlineData("/Audit?handler=Export&to=9999-12-31")]
    public async Task Audit_dates_out_of_range_answer_400_with_the_reason(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", fixture.Admin.Header);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Refused by the one date parser (years 1990-2100), or by the audit filter's own range (from 01/01/2000).
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("ngoài khoảng cho phép", StringComparison.Ordinal) || body.Contains("phải từ 01/01/2000", StringComparison.Ordinal), body[..Math.Min(300, body.Length)]);
    }

    [Theory]
    [InlineData("/api/v1/plans/2023?page=abc", "page")]
    [InlineData("/api/v1/plans/2023?pageSize=abc", "pageSize")]
    [InlineData("/api/v1/plans/2023?page=2147483647&pageSize=500", "page quá lớn")]
    [InlineData("/api/v1/plans/2023?page=99999999999", "page")]
    public async Task Plan_paging_that_is_not_a_number_or_overflows_answers_400_problem_json(string url, string detail)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", fixture.Admin.Header);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync());
    }
}
