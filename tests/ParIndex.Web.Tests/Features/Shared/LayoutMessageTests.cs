using System.Net;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Shared;

/// <summary>
/// The layout's success message travels in the TempData cookie from a post to the page it redirects to. Without that
/// cookie the layout does not read TempData, so no page answers with a Set-Cookie deleting a cookie nobody has.
/// </summary>
public sealed class LayoutMessageTests : IDisposable
{
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [Fact]
    public async Task A_first_visit_and_a_signed_in_page_set_no_TempData_cookie()
    {
        using var anonymous = _factory.CreateTestClient();
        var login = await anonymous.Http.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(SetCookies(login), c => c.StartsWith("ParIndex.Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain(SetCookies(login), c => c.StartsWith(TempDataCookie, StringComparison.Ordinal));

        var lead = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Leadership);
        var plan = await lead.Http.GetAsync("/Plans/2023");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.DoesNotContain(SetCookies(plan), c => c.StartsWith(TempDataCookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_set_before_a_redirect_shows_once_on_the_next_page()
    {
        var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);

        var created = await admin.SubmitAsync("/Admin/Units", "#create-unit", new() { ["Input.Code"] = "TDMSG", ["Input.Name"] = "Phòng Thử thông báo" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains(SetCookies(created), c => c.StartsWith(TempDataCookie, StringComparison.Ordinal));
        var next = await admin.GetDocumentAsync(created.Headers.Location!.OriginalString);
        Assert.Equal("Đã thêm đơn vị Phòng Thử thông báo.", next.QuerySelector("main .alert-success")?.TextContent.Trim());
        var after = await admin.GetDocumentAsync(created.Headers.Location!.OriginalString);
        Assert.Null(after.QuerySelector("main .alert-success"));
    }
}
