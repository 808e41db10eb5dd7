using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Infrastructure.Authorization;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

[Flags]
public enum Who
{
    Nobody = 0,
    Anonymous = 1,
    Admin = 2,
    Office = 4,
    Leadership = 8,
    UnitHead = 16,
    Editors = Admin | Office,
    AuditReaders = Admin | Leadership,
    Signed = Admin | Office | Leadership | UnitHead,
    Everyone = Anonymous | Signed,
}

/// <summary>
/// One page handler or API endpoint and who may reach it. <paramref name="Route"/> is the route pattern with a leading
/// slash ("/Plans/{year}/Tasks/{id}"), <paramref name="Handler"/> the Razor Pages handler name ("" for the default one),
/// <paramref name="Method"/> GET or POST (or PUT/DELETE/PATCH for APIs). <paramref name="Antiforgery"/> false only for
/// handlers that deliberately skip the token check (the error page). <paramref name="Record"/> names the record-level
/// requirement a handler declares with <c>[RecordRule]</c> ("TaskRightRequirement.Full"): who passes the page may still be
/// refused on one record, which the feature's own tests prove.
/// </summary>
public sealed record Access(string Method, string Route, string Handler, Who Allowed, bool Antiforgery = true, string? Record = null)
{
    public string Key => $"{Method} {Route} handler={(Handler.Length == 0 ? "(default)" : Handler)}";
    public override string ToString() => Key;
}

/// <summary>
/// Discovers every Razor Pages handler and every minimal-API endpoint the application maps, and checks each role
/// against the table below: a handler not in the table, or a row for a handler that no longer exists, fails the test.
/// "Allowed" means the endpoint's authorization let the request through (anything but a redirect to the sign-in or
/// access-denied page, a 401 or a 403); "denied" means exactly those. POSTs are sent without an antiforgery token,
/// so an allowed POST must answer 400 (authorization runs before the token check, and nothing is written either way).
/// Every page handler's rule is declared where the framework and this test can read it (the page's policy, a folder
/// convention, <c>[HandlerPolicy]</c> on the handler, <c>[RecordRule]</c> for a per-record check), and the table must
/// say the same. Record-level rules (which unit's task) are tested by each feature's own tests.
/// </summary>
public class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture fixture) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    // ── The table. Adding a page or endpoint = adding one line here. ───────────────────────────────────────────────
    public static readonly Access[] Table =
    [
        new("GET", "/", "", Who.Signed),
        new("GET", "/Error", "", Who.Everyone),
        new("POST", "/Error", "", Who.Everyone, Antiforgery: false),

        new("GET", "/Account/Login", "", Who.Everyone),
        new("POST", "/Account/Login", "", Who.Everyone),
        new("GET", "/Account/LoginTwoFactor", "", Who.Everyone),
        new("POST", "/Account/LoginTwoFactor", "", Who.Everyone),
        new("GET", "/Account/AccessDenied", "", Who.Everyone),
        new("GET", "/Account/ForgotPassword", "", Who.Everyone),
        new("POST", "/Account/ForgotPassword", "", Who.Everyone),
        new("GET", "/Account/ResetPassword", "", Who.Everyone),
        new("POST", "/Account/ResetPassword", "", Who.Everyone),
        new("GET", "/Account/Manage", "", Who.Signed),
        new("POST", "/Account/Manage", "Password", Who.Signed),
        new("GET", "/Account/Logout", "", Who.Signed),
        new("POST", "/Account/Logout", "", Who.Signed),
        new("POST", "/Account/Logout", "Everywhere", Who.Signed),
        new("GET", "/Account/TwoFactor", "", Who.Signed),
        new("POST", "/Account/TwoFactor", "Setup", Who.Signed),
        new("POST", "/Account/TwoFactor", "Enable", Who.Signed),
        new("POST", "/Account/TwoFactor", "Disable", Who.Signed),
        new("POST", "/Account/TwoFactor", "RecoveryCodes", Who.Signed),

        new("GET", "/Admin", "", Who.Admin),
        new("GET", "/Admin/Users/Create", "", Who.Admin),
        new("POST", "/Admin/Users/Create", "", Who.Admin),
        new("GET", "/Admin/Users/Edit/{id}", "", Who.Admin),
        new("POST", "/Admin/Users/Edit/{id}", "", Who.Admin),
        new("POST", "/Admin/Users/Edit/{id}", "ResetPassword", Who.Admin),
        new("POST", "/Admin/Users/Edit/{id}", "Disable", Who.Admin),
        new("POST", "/Admin/Users/Edit/{id}", "Enable", Who.Admin),
        new("GET", "/Admin/Units", "", Who.Admin),
        new("POST", "/Admin/Units", "Create", Who.Admin),
        new("GET", "/Admin/Units/Edit/{id}", "", Who.Admin),
        new("POST", "/Admin/Units/Edit/{id}", "", Who.Admin),
        new("POST", "/Admin/Units/Edit/{id}", "Retire", Who.Admin),
        new("POST", "/Admin/Units/Edit/{id}", "Reinstate", Who.Admin),

        new("GET", "/Audit", "", Who.AuditReaders),
        new("GET", "/Audit", "Export", Who.AuditReaders),
        // Feature pages: every signed-in role reads them; writes are the editors' ([HandlerPolicy]) unless stated.
        new("GET", "/Assessments", "", Who.Signed),
        new("GET", "/Assessments/{year}", "", Who.Signed),
        // Opening a year's assessment is the editors' whole page (form and save).
        new("GET", "/Assessments/Open/{year}", "", Who.Editors),
        new("POST", "/Assessments/Open/{year}", "", Who.Editors),
        new("GET", "/Assessments/{year}/Area/{code}", "", Who.Signed),
        new("GET", "/Assessments/{year}/Explanations", "", Who.Signed),
        new("GET", "/Assessments/{year}/Phases", "", Who.Signed),
        new("GET", "/Assessments/{year}/Published", "", Who.Signed),
        new("GET", "/Assessments/{year}/Score/{id}", "", Who.Signed),
        new("GET", "/Assessments/{year}/Score/{id}", "Evidence", Who.Signed),
        new("GET", "/Dashboard", "", Who.Signed),
        new("GET", "/Frameworks", "", Who.Signed),
        new("GET", "/Frameworks", "Export", Who.Signed),
        new("GET", "/Frameworks", "Template", Who.Signed),
        new("GET", "/Frameworks/{year}", "", Who.Signed),
        new("GET", "/Operations", "", Who.Signed),
        new("GET", "/Operations/Calendar", "", Who.Signed),
        new("GET", "/Operations/Dossier/{id}", "", Who.Editors),
        new("GET", "/Operations/Dossiers", "", Who.Signed),
        new("GET", "/Operations/Dossiers", "Template", Who.Signed),
        new("GET", "/Operations/Projection", "", Who.Signed),
        new("POST", "/Operations/Projection", "Record", Who.Editors),
        new("GET", "/Operations/Reports", "", Who.Signed),
        new("GET", "/Operations/Sources", "", Who.Signed),
        new("GET", "/Plans", "", Who.Signed),
        new("GET", "/Plans/{year}", "", Who.Signed),
        new("GET", "/Plans/{year}/Edit", "", Who.Editors),
        new("GET", "/Plans/{year}/Tasks/Edit/{id}", "", Who.Editors),
        new("GET", "/Plans/{year}/Tasks/{id}", "", Who.Signed),
        new("GET", "/Plans/{year}/Tasks/{id}", "Evidence", Who.Signed),
        new("GET", "/Reminders", "", Who.Signed),
        new("GET", "/Status/{code}", "", Who.Everyone),
        new("POST", "/Status/{code}", "", Who.Everyone, Antiforgery: false),
        new("GET", "/Tasks/Mine", "", Who.Signed),
        new("GET", "/Search", "", Who.Signed),
        new("POST", "/Tasks/Mine", "Bulk", Who.Signed),
        new("GET", "/api/v1/assessments/{year}", "", Who.Signed),
        new("GET", "/api/v1/assessments/{year}/export.xlsx", "", Who.Signed),
        new("GET", "/api/v1/plans/{year}", "", Who.Signed),
        new("GET", "/api/v1/plans/{year}/export.docx", "", Who.Signed),
        new("GET", "/api/v1/plans/{year}/export.pdf", "", Who.Signed),
        new("GET", "/api/v1/plans/{year}/export.xlsx", "", Who.Signed),
        new("GET", "/api/v1/plans/{year}/progress/{period}/export.docx", "", Who.Signed),
        new("GET", "/api/v1/plans/{year}/progress/{period}/export.pdf", "", Who.Signed),
        new("GET", "/api/v1/plans/{year}/progress/{period}/export.xlsx", "", Who.Signed),
        new("GET", "/api/v1/years", "", Who.Signed),
        new("GET", "/exports/assessments/{year}/scores.xlsx", "", Who.Signed),
        new("GET", "/exports/assessments/{year}/self-assessment.xlsx", "", Who.Signed),
        new("GET", "/exports/assessments/{year}/self-assessment.pdf", "", Who.Signed),
        new("GET", "/exports/assessments/{year}/self-assessment.docx", "", Who.Signed),
        new("GET", "/exports/assessments/{year}/explanation.pdf", "", Who.Signed),
        new("GET", "/exports/assessments/{year}/explanation.docx", "", Who.Signed),
        new("GET", "/exports/dossiers/{year}.xlsx", "", Who.Signed),
        new("GET", "/exports/plans/{year}.docx", "", Who.Signed),
        new("GET", "/exports/plans/{year}.pdf", "", Who.Signed),
        new("GET", "/exports/plans/{year}/appendix.xlsx", "", Who.Signed),
        new("GET", "/exports/plans/{year}/ban/{revision}.docx", "", Who.Signed),
        new("GET", "/exports/plans/{year}/ban/{revision}.pdf", "", Who.Signed),
        new("GET", "/exports/plans/{year}/ban/{revision}/appendix.xlsx", "", Who.Signed),
        new("GET", "/exports/plans/{year}/progress/{period}.docx", "", Who.Signed),
        new("GET", "/exports/plans/{year}/progress/{period}.pdf", "", Who.Signed),
        new("GET", "/exports/plans/{year}/progress/{period}.xlsx", "", Who.Signed),
        new("GET", "/openapi/{documentName}.json", "", Who.Everyone),
        new("POST", "/Assessments/{year}/Area/{code}", "", Who.Editors),
        new("POST", "/Assessments/{year}/Area/{code}", "Evidence", Who.Editors),
        new("POST", "/Assessments/{year}/Explanations", "Add", Who.Editors),
        new("POST", "/Assessments/{year}/Explanations", "Drop", Who.Editors),
        new("POST", "/Assessments/{year}/Phases", "Close", Who.Editors),
        new("POST", "/Assessments/{year}/Phases", "OpenNow", Who.Editors),
        new("POST", "/Assessments/{year}/Phases", "Reopen", Who.Editors),
        new("POST", "/Assessments/{year}/Phases", "Reschedule", Who.Editors),
        new("POST", "/Assessments/{year}/Published", "", Who.Editors),
        new("POST", "/Assessments/{year}/Score/{id}", "", Who.Editors),
        new("POST", "/Assessments/{year}/Score/{id}", "Link", Who.Editors),
        new("POST", "/Assessments/{year}/Score/{id}", "AcceptRule", Who.Editors),
        new("POST", "/Assessments/{year}/Score/{id}", "KeepScore", Who.Editors),
        new("POST", "/Assessments/{year}/Score/{id}", "Upload", Who.Editors),
        new("POST", "/Assessments/{year}/Score/{id}", "Shares", Who.Editors),
        new("POST", "/Frameworks", "Copy", Who.Editors),
        new("POST", "/Frameworks", "Import", Who.Editors),
        new("POST", "/Frameworks/{year}", "Edit", Who.Editors),
        new("POST", "/Frameworks/{year}", "Bands", Who.Editors),
        new("POST", "/Frameworks/{year}", "NotApplicable", Who.Editors),
        new("POST", "/Frameworks/{year}", "Survey", Who.Editors),
        new("POST", "/Frameworks/{year}", "Adjustment", Who.Editors),
        new("POST", "/Operations/Calendar", "Add", Who.Editors),
        new("POST", "/Operations/Calendar", "Change", Who.Editors),
        new("POST", "/Operations/Calendar", "Remove", Who.Editors),
        new("POST", "/Operations/Dossier/{id}", "", Who.Editors),
        new("POST", "/Operations/Dossier/{id}", "Delete", Who.Editors),
        new("POST", "/Operations/Dossiers", "Import", Who.Editors),
        new("POST", "/Operations/Dossiers", "Total", Who.Editors),
        new("POST", "/Operations/Dossiers", "Undo", Who.Editors),
        new("POST", "/Operations/Reports", "Add", Who.Editors),
        new("POST", "/Operations/Reports", "Standard", Who.Editors),
        new("POST", "/Operations/Reports", "Submit", Who.Editors),
        new("POST", "/Operations/Sources", "", Who.Editors),
        new("POST", "/Plans", "Create", Who.Editors),
        new("POST", "/Plans/{year}", "FromLostPoints", Who.Editors),
        new("POST", "/Plans/{year}", "Issue", Who.Leadership),
        new("POST", "/Plans/{year}", "Replace", Who.Editors),
        new("POST", "/Plans/{year}", "Abandon", Who.Editors),
        new("POST", "/Plans/{year}", "Return", Who.Editors | Who.Leadership),
        new("POST", "/Plans/{year}", "Submit", Who.Editors),
        new("POST", "/Plans/{year}/Edit", "Regenerate", Who.Editors),
        new("POST", "/Plans/{year}/Edit", "Save", Who.Editors),
        new("POST", "/Plans/{year}/Tasks/Edit/{id}", "Delete", Who.Editors),
        new("POST", "/Plans/{year}/Tasks/Edit/{id}", "Save", Who.Editors),
        new("POST", "/Plans/{year}/Tasks/{id}", "Progress", Who.Signed, Record: "TaskRightRequirement.Note"),
        new("POST", "/Plans/{year}/Tasks/{id}", "Status", Who.Signed, Record: "TaskRightRequirement.Full"),
    ];

    /// <summary>Values for route parameters; ids that exist nowhere, so an allowed request finds nothing to act on.</summary>
    public static readonly Dictionary<string, string> RouteValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "999999",
        ["year"] = "2023",
        ["areaCode"] = "I",
        ["subCriterionId"] = "999999",
        ["taskId"] = "999999",
        ["period"] = "Q1",
        ["revision"] = "1",
    };

    public sealed class Fixture : IAsyncLifetime
    {
        public SecurityFactory Factory { get; } = new();
        public HttpClient Client { get; private set; } = null!;
        public Dictionary<Who, CookieJar> Jars { get; } = [];
        public IReadOnlyList<Access> Discovered { get; private set; } = [];
        public IReadOnlyDictionary<string, Declared> Declared { get; private set; } = new Dictionary<string, Declared>();

        public async Task InitializeAsync()
        {
            Client = Factory.CreateRawClient();
            Jars[Who.Anonymous] = new CookieJar();
            foreach (var (who, email) in new[]
                     {
                         (Who.Admin, DemoAccounts.Admin), (Who.Office, DemoAccounts.Office), (Who.Leadership, DemoAccounts.Leadership),
                         (Who.UnitHead, DemoAccounts.UnitHead("QHGD")),
                     })
            {
                var jar = new CookieJar();
                var response = await jar.SignInAsync(Client, email);
                if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed");
                Jars[who] = jar;
            }
            Discovered = await DiscoverAsync(Factory.Services);
            Declared = await DeclaredAsync(Factory.Services);
        }

        public Task DisposeAsync()
        {
            Client.Dispose();
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>Every page handler (route + handler + method) and every minimal-API endpoint the application maps.</summary>
    public static async Task<IReadOnlyList<Access>> DiscoverAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var found = new Dictionary<string, Access>();
        // A page has one endpoint per route ("Admin/Index" and "Admin"); keep the shortest route of each page.
        var pages = new Dictionary<string, (string Route, RouteEndpoint Endpoint, PageActionDescriptor Page)>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            // Constraints are left out of the table's patterns: "/Admin/Units/Edit/{id:int}" is "/Admin/Units/Edit/{id}".
            var route = "/" + System.Text.RegularExpressions.Regex.Replace((endpoint.RoutePattern.RawText ?? "").TrimStart('/'),
                @"\{(\*?\w+)(:[^}]*)?(\?)?\}", "{$1$3}");
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                if (!pages.TryGetValue(page.ViewEnginePath, out var known) || route.Length < known.Route.Length)
                    pages[page.ViewEnginePath] = (route, endpoint, page);
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            foreach (var method in methods)
            {
                var access = new Access(method, route, "", Who.Nobody);
                found[access.Key] = access;
            }
        }
        foreach (var (_, (route, endpoint, page)) in pages)
        {
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var handlers = compiled.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), Name: h.Name ?? "")).ToList();
            // A page without handler methods still answers GET.
            if (handlers.Count == 0) handlers.Add(("GET", ""));
            foreach (var (method, name) in handlers.Distinct())
            {
                var access = new Access(method, route, name, Who.Nobody);
                found[access.Key] = access;
            }
        }
        return [.. found.Values.OrderBy(a => a.Route, StringComparer.Ordinal).ThenBy(a => a.Method).ThenBy(a => a.Handler)];
    }

    /// <summary>What a page handler declares: who its policies let through, and the record-level rule it names.</summary>
    public sealed record Declared(Who Allowed, string? Record);

    /// <summary>
    /// The rule each page handler declares, read from the metadata the framework enforces: the page's endpoint
    /// (its [Authorize]/[AllowAnonymous], folder conventions, else the fallback policy), narrowed by the handler's
    /// [HandlerPolicy]; plus the [RecordRule] it names. Roles are read from each policy's role requirements.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Declared>> DeclaredAsync(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var declared = new Dictionary<string, Declared>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var route = "/" + System.Text.RegularExpressions.Regex.Replace((endpoint.RoutePattern.RawText ?? "").TrimStart('/'),
                @"\{(\*?\w+)(:[^}]*)?(\?)?\}", "{$1$3}");
            var pageRule = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                ? Who.Everyone
                : await WhoAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods)
            {
                var who = pageRule;
                if (handler.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>() is { } own)
                    who &= await WhoAsync(policies, [new AuthorizeAttribute(own.Policy)]);
                var record = handler.MethodInfo.GetCustomAttribute<RecordRuleAttribute>();
                // The named requirement must exist: a typo would declare a rule nobody checks.
                _ = record?.Instance;
                declared[new Access(handler.HttpMethod.ToUpperInvariant(), route, handler.Name ?? "", who).Key] =
                    new Declared(who, record?.ToString());
            }
        }
        return declared;
    }

    private static async Task<Who> WhoAsync(IAuthorizationPolicyProvider policies, IEnumerable<IAuthorizeData> data)
    {
        var policy = await AuthorizationPolicy.CombineAsync(policies, data) ?? await policies.GetFallbackPolicyAsync();
        if (policy is null) return Who.Everyone;
        var who = Who.Signed;
        foreach (var roles in policy.Requirements.OfType<RolesAuthorizationRequirement>())
            who &= roles.AllowedRoles.Aggregate(Who.Nobody, (w, role) => w | role switch
            {
                ParIndex.Web.Identity.Roles.Admin => Who.Admin,
                ParIndex.Web.Identity.Roles.Office => Who.Office,
                ParIndex.Web.Identity.Roles.Leadership => Who.Leadership,
                ParIndex.Web.Identity.Roles.UnitHead => Who.UnitHead,
                _ => throw new InvalidOperationException($"Unknown role {role}"),
            });
        return who;
    }

    [Fact]
    public void Every_page_handler_declares_the_rule_its_row_states()
    {
        var failures = new List<string>();
        foreach (var row in Table)
        {
            if (!fixture.Declared.TryGetValue(row.Key, out var declared)) continue; // API endpoints: proved by the requests below
            if (declared.Allowed != row.Allowed)
                failures.Add($"{row.Key}: the table says {row.Allowed}, the handler declares {declared.Allowed}");
            if (declared.Record != row.Record)
                failures.Add($"{row.Key}: the table names the record rule {row.Record ?? "(none)"}, the handler {declared.Record ?? "(none)"}");
        }
        // Every POST handler of a page is among them: none is left to a check buried in its body.
        var pagePosts = fixture.Declared.Keys.Count(k => k.StartsWith("POST ", StringComparison.Ordinal));
        Assert.True(pagePosts >= Table.Count(r => r.Method == "POST" && !r.Route.StartsWith("/api", StringComparison.Ordinal)),
            $"{pagePosts} page POST handlers declared");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_handler_and_endpoint_has_a_row_and_every_row_exists()
    {
        var rows = Table.ToDictionary(r => r.Key);
        var missing = fixture.Discovered.Where(d => !rows.ContainsKey(d.Key)).ToList();
        var stale = Table.Where(r => fixture.Discovered.All(d => d.Key != r.Key)).ToList();
        var message = new StringBuilder();
        if (missing.Count > 0)
        {
            message.AppendLine("These handlers/endpoints have no row in AuthorizationMatrixTests.Table. Add one line each, saying who may reach it:");
            foreach (var m in missing)
                message.AppendLine($"    new(\"{m.Method}\", \"{m.Route}\", \"{m.Handler}\", Who.???),");
        }
        if (stale.Count > 0)
        {
            message.AppendLine("These rows name handlers that no longer exist; remove or correct them:");
            foreach (var s in stale) message.AppendLine("    " + s.Key);
        }
        Assert.True(message.Length == 0, message.ToString());
    }

    public static IEnumerable<object[]> Roles() =>
        new[] { Who.Anonymous, Who.Admin, Who.Office, Who.Leadership, Who.UnitHead }.Select(w => new object[] { w });

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_is_let_in_or_turned_away_as_the_table_says(Who role)
    {
        var failures = new List<string>();
        foreach (var row in Table.Where(r => fixture.Discovered.Any(d => d.Key == r.Key)))
        {
            var response = await SendAsync(row, role, withToken: false);
            var allowed = row.Allowed.HasFlag(role);
            var outcome = Classify(row, response);
            if (outcome == Outcome.ServerError) failures.Add($"{row.Key} as {role}: 500");
            else if (allowed && outcome == Outcome.Denied) failures.Add($"{row.Key} as {role}: expected allowed, got {Describe(response)}");
            else if (!allowed && outcome != Outcome.Denied) failures.Add($"{row.Key} as {role}: expected denied, got {Describe(response)}");
            else if (allowed && row.Method == "POST" && row.Antiforgery && !row.Route.StartsWith("/api", StringComparison.OrdinalIgnoreCase)
                     && response.StatusCode != HttpStatusCode.BadRequest)
                failures.Add($"{row.Key} as {role}: a POST without its antiforgery token must answer 400, got {Describe(response)}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task No_GET_changes_the_database_for_any_role()
    {
        var failures = new List<string>();
        foreach (var row in Table.Where(r => r.Method == "GET" && fixture.Discovered.Any(d => d.Key == r.Key)))
        {
            var before = DatabaseFingerprint.Of(fixture.Factory.DatabasePath);
            foreach (var role in new[] { Who.Anonymous, Who.Admin, Who.Office, Who.Leadership, Who.UnitHead })
                await SendAsync(row, role, withToken: false);
            var after = DatabaseFingerprint.Of(fixture.Factory.DatabasePath);
            if (before != after) failures.Add($"{row.Key} changed the database: {before} → {after}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_POST_by_a_role_the_table_denies_changes_nothing_even_with_a_valid_token()
    {
        var failures = new List<string>();
        foreach (var row in Table.Where(r => r.Method == "POST" && fixture.Discovered.Any(d => d.Key == r.Key)))
        {
            foreach (var role in new[] { Who.Anonymous, Who.Office, Who.Leadership, Who.UnitHead, Who.Admin }.Where(w => !row.Allowed.HasFlag(w)))
            {
                var before = DatabaseFingerprint.Of(fixture.Factory.DatabasePath);
                var response = await SendAsync(row, role, withToken: true);
                var after = DatabaseFingerprint.Of(fixture.Factory.DatabasePath);
                if (Classify(row, response) != Outcome.Denied) failures.Add($"{row.Key} as {role}: expected denied, got {Describe(response)}");
                if (before != after) failures.Add($"{row.Key} as {role}: the database changed");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private enum Outcome { Allowed, Denied, ServerError }

    private static Outcome Classify(Access row, HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 500) return Outcome.ServerError;
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            && (location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)
                || location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)))
            return Outcome.Denied;
        if (response.StatusCode == HttpStatusCode.Unauthorized) return Outcome.Denied;
        // The access-denied page itself answers 403 to whoever asks.
        if (response.StatusCode == HttpStatusCode.Forbidden && row.Route != "/Account/AccessDenied") return Outcome.Denied;
        return Outcome.Allowed;
    }

    private static string Describe(HttpResponseMessage r) => $"{(int)r.StatusCode} {r.Headers.Location}";

    public static string UrlOf(Access row)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(row.Route, @"\{(\*?)(\w+)(:[^}]*)?\??\}",
            m => RouteValues.GetValueOrDefault(m.Groups[2].Value, "1"));
        return row.Handler.Length == 0 ? path : $"{path}?handler={row.Handler}";
    }

    private async Task<HttpResponseMessage> SendAsync(Access row, Who role, bool withToken)
    {
        var jar = fixture.Jars[role];
        var request = new HttpRequestMessage(new HttpMethod(row.Method == "ANY" ? "GET" : row.Method), UrlOf(row));
        if (row.Method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            var form = new Dictionary<string, string>();
            if (withToken) form["__RequestVerificationToken"] = await jar.TokenAsync(fixture.Client, role == Who.Anonymous ? "/Account/Login" : "/Account/TwoFactor");
            request.Content = new FormUrlEncodedContent(form);
        }
        // Sent with the role's cookies but without keeping what comes back, so one request cannot sign a role out.
        var copy = new CookieJar();
        if (jar.Header.Length > 0) request.Headers.Add("Cookie", jar.Header);
        var response = await fixture.Client.SendAsync(request);
        copy.Take(response);
        return response;
    }
}
