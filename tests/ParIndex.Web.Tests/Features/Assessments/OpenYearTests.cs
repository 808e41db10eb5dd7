using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Features.Assessments;

/// <summary>
/// The Office opens a new year's assessment from the years list (/Assessments/Open/{year}) once the year's framework has
/// been copied or imported: the five phases' dates prefilled with the usual calendar, checked by the domain, saved with
/// the assessment in one transaction and audited; the year's pages and score form work right after. Two tabs or two
/// people opening the same year create one assessment; other roles are refused.
/// </summary>
public sealed class OpenYearTests : IDisposable
{
    private const int Year = 2024;
    private const string Form = "/Assessments/Open/2024";
    private readonly ParIndexFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>2024's framework, copied from 2023's through the real form, as the Office starts a new year.</summary>
    private async Task<TestClient> OfficeWithFrameworkAsync()
    {
        var client = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Office);
        var copied = await client.SubmitAsync("/Frameworks", "#copy-2023", new() { ["NewYear"] = "2024" });
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        return client;
    }

    private Task<int> AssessmentCountAsync(int year = Year) => _factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.Year == year));

    /// <summary>A post built by hand with the usual calendar of <paramref name="year"/> and the token of another form of the signed-in user.</summary>
    private static FormUrlEncodedContent Posted(string token, int year)
    {
        var c = PhaseCalendar.UsualFor(year);
        return new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.SelfStart"] = c.SelfStart.ToString("dd/MM/yyyy"),
            ["Input.SelfEnd"] = c.SelfEnd.ToString("dd/MM/yyyy"),
            ["Input.Round1End"] = c.Round1End.ToString("dd/MM/yyyy"),
            ["Input.ExplanationEnd"] = c.ExplanationEnd.ToString("dd/MM/yyyy"),
            ["Input.Round2End"] = c.Round2End.ToString("dd/MM/yyyy"),
            ["Input.PublishedOn"] = c.PublishedOn.ToString("dd/MM/yyyy"),
        });
    }

    private static string Field(IHtmlFormElement form, string name) =>
        form.QuerySelector<IHtmlInputElement>($"input[name='Input.{name}']")!.Value;

    [Fact]
    public async Task The_office_opens_a_copied_year_with_the_usual_calendar_and_enters_a_score_through_the_real_form()
    {
        using var office = await OfficeWithFrameworkAsync();
        var list = await office.GetDocumentAsync("/Assessments");
        Assert.Contains("chưa mở đợt tự đánh giá", list.QuerySelector("[data-testid=unopened-2024]")!.TextContent);
        Assert.Equal(Form, list.QuerySelector("[data-testid=open-2024]")!.GetAttribute("href"));
        Assert.Equal("Mở đợt đánh giá năm 2024", list.QuerySelector("[data-testid=open-2024]")!.TextContent.Trim());

        // The usual cycle, 2022's a year later twice: 01/12/2024 to 15/01/2025, then 10/02, 20/02, 01/03 and 10/03/2025.
        var page = await office.GetDocumentAsync(Form);
        var form = page.QuerySelector<IHtmlFormElement>("#open-form")!;
        Assert.Equal(["01/12/2024", "15/01/2025", "10/02/2025", "20/02/2025", "01/03/2025", "10/03/2025"],
            new[] { "SelfStart", "SelfEnd", "Round1End", "ExplanationEnd", "Round2End", "PublishedOn" }.Select(n => Field(form, n)));
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name^='Input.']"))
        {
            Assert.Equal("text", input.Type); // dd/MM/yyyy text inputs, as every date field of the app
            Assert.NotNull(page.QuerySelector($"label[for='{input.Id}']"));
            Assert.Equal($"{input.Id}-hint", input.GetAttribute("aria-describedby"));
        }
        Assert.Contains("Ngày kết thúc tự đánh giá, chấm điểm", form.TextContent);
        Assert.Contains("Ngày kết thúc giải trình", form.TextContent);

        _factory.Clock.SetToday(new DateOnly(2024, 12, 5));
        var opened = await office.PostFormAsync(form, new(), Form);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/Assessments/2024", opened.Headers.Location!.OriginalString);

        var year = await office.GetDocumentAsync("/Assessments/2024");
        Assert.Contains("Đã mở đợt đánh giá năm 2024: tự đánh giá, chấm điểm từ 01/12/2024 đến hết ngày 15/01/2025",
            year.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains("Đang mở giai đoạn tự đánh giá đến hết ngày 15/01/2025", Regex.Replace(year.QuerySelector("[data-testid=phase-banner]")!.TextContent, @"\s+", " "));
        var assessment = await _factory.WithDbAsync(db => db.Assessments.AsNoTracking().Include(a => a.Phases).SingleAsync(a => a.Year == Year));
        Assert.Equal(
            [
                (PhaseKind.SelfAssessment, new DateOnly(2024, 12, 1), new DateOnly(2025, 1, 15)),
                (PhaseKind.Appraisal1, new DateOnly(2025, 1, 16), new DateOnly(2025, 2, 10)),
                (PhaseKind.Explanation, new DateOnly(2025, 2, 11), new DateOnly(2025, 2, 20)),
                (PhaseKind.Appraisal2, new DateOnly(2025, 2, 21), new DateOnly(2025, 3, 1)),
                (PhaseKind.Published, new DateOnly(2025, 3, 10), new DateOnly(2026, 3, 10)),
            ],
            assessment.Phases.OrderBy(p => p.Kind).Select(p => (p.Kind, p.StartsOn, p.EndsOn)));
        Assert.Equal(await _factory.WithDbAsync(db => db.Frameworks.Where(f => f.Year == Year).Select(f => f.Id).SingleAsync()), assessment.FrameworkId);

        // Audited: the assessment and its phases, by the Office's user.
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "Assessment" && e.EntityId == assessment.Id.ToString()).ToListAsync());
        Assert.All(audit, e => Assert.Equal(("Created", "Trần Thị Văn Phòng"), (e.Action, e.UserName)));
        Assert.Equal([null, "Phase[Appraisal1]", "Phase[Appraisal2]", "Phase[Explanation]", "Phase[Published]", "Phase[SelfAssessment]"],
            audit.Select(e => e.Field).Order(StringComparer.Ordinal));

        // The year's pages work at once, and a score goes through the real score form.
        Assert.NotNull((await office.GetDocumentAsync("/Assessments/2024/Area/1")).QuerySelector("main"));
        Assert.NotNull((await office.GetDocumentAsync("/Assessments/2024/Phases")).QuerySelector("tr[data-phase=Published]"));
        var id = await _factory.SubCriterionIdAsync(Year, "1.1.1");
        var scored = await office.SubmitAsync($"/Assessments/2024/Score/{id}", "#score-form", new() { ["Input.Score"] = "0,5", ["Input.LostReason"] = "Ban hành chậm" });
        Assert.Equal(HttpStatusCode.Redirect, scored.StatusCode);
        Assert.Equal(0.5m, (await _factory.ScoreAsync(Year, id))!.SelfScore);
        var after = await office.GetDocumentAsync("/Assessments");
        Assert.Null(after.QuerySelector("[data-testid=unopened-2024]"));
        Assert.NotNull(after.QuerySelector("a[href='/Assessments/2024']"));

        // The pages that follow the year being worked on pick it up: home, dashboard, reminders, operations.
        Assert.Equal("Đánh giá năm 2024", (await office.GetDocumentAsync("/")).QuerySelector("#h-assessment")!.TextContent.Trim());
        Assert.Contains("Đánh giá năm 2024", (await office.GetDocumentAsync("/Dashboard")).QuerySelector("[data-testid=assessment-status]")!.TextContent);
        Assert.Contains("Giai đoạn tự đánh giá năm 2024 đang diễn ra", (await office.GetDocumentAsync("/Reminders")).QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData("Round1End", "10/01/2025", "Ngày kết thúc thẩm định vòng 1 phải sau ngày kết thúc tự đánh giá, chấm điểm (15/01/2025).")]
    [InlineData("SelfEnd", "30/11/2024", "Ngày kết thúc tự đánh giá, chấm điểm không được trước ngày bắt đầu (01/12/2024).")]
    [InlineData("PublishedOn", "01/03/2025", "Ngày công bố kết quả phải sau ngày kết thúc thẩm định vòng 2 (01/03/2025).")]
    [InlineData("ExplanationEnd", "31/02/2025", "Ngày \"31/02/2025\" không hợp lệ; nhập theo dạng dd/MM/yyyy")]
    [InlineData("Round2End", "", "Vui lòng nhập ngày kết thúc thẩm định vòng 2 (dd/MM/yyyy).")]
    public async Task A_bad_date_is_refused_beside_its_field_keeps_what_was_typed_and_writes_nothing(string field, string typed, string message)
    {
        using var office = await OfficeWithFrameworkAsync();
        var audited = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await office.SubmitAsync(Form, "#open-form", new() { [$"Input.{field}"] = typed, ["Input.SelfStart"] = "1/12/2024" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var error = page.QuerySelector($"[data-testid=error-{field}]")!;
        Assert.StartsWith(message, error.TextContent.Trim());
        var input = page.QuerySelector<IHtmlInputElement>($"input[name='Input.{field}']")!;
        Assert.Equal(typed, input.Value);
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal($"{error.Id} {input.Id}-hint", input.GetAttribute("aria-describedby"));
        Assert.Equal("1/12/2024", page.QuerySelector<IHtmlInputElement>("input[name='Input.SelfStart']")!.Value); // as typed
        Assert.Single(page.QuerySelectorAll("[data-testid^=error-]"));
        Assert.Equal(0, await AssessmentCountAsync());
        Assert.Equal(audited, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Two_people_opening_the_same_year_at_once_create_one_assessment_and_the_other_is_shown_the_year_in_force()
    {
        using var office = await OfficeWithFrameworkAsync();
        using var admin = await _factory.CreateTestClient().SignInAsync(DemoAccounts.Admin);
        var first = (await office.GetDocumentAsync(Form)).QuerySelector<IHtmlFormElement>("#open-form")!;
        var second = (await admin.GetDocumentAsync(Form)).QuerySelector<IHtmlFormElement>("#open-form")!;

        var responses = await Task.WhenAll(
            office.PostFormAsync(first, new() { ["Input.PublishedOn"] = "15/03/2025" }, Form),
            admin.PostFormAsync(second, new() { ["Input.PublishedOn"] = "20/03/2025" }, Form));

        Assert.Equal(1, await AssessmentCountAsync());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await TestClient.ParseAsync(refused);
        Assert.StartsWith("Năm 2024 đã được mở đợt đánh giá trước đó", page.QuerySelector("[data-testid=form-errors]")!.TextContent.Trim());
        Assert.Equal("/Assessments/2024", page.QuerySelector("[data-testid=existing-year]")!.GetAttribute("href"));
        // The table shows the publication date that won, which is the one saved.
        var published = await _factory.WithDbAsync(db => db.AssessmentPhases.AsNoTracking()
            .SingleAsync(p => p.Kind == PhaseKind.Published && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == Year)));
        Assert.Equal(published.StartsOn.ToString("dd/MM/yyyy"),
            page.QuerySelectorAll("[data-testid=existing-phases] tr[data-phase=Published] td")[0].TextContent);
        Assert.Null(page.QuerySelector("#open-form"));
        Assert.Equal(5, await _factory.WithDbAsync(db => db.AssessmentPhases.CountAsync(p => p.AssessmentId == published.AssessmentId)));
    }

    [Fact]
    public async Task A_stale_form_posted_after_the_year_was_opened_in_another_tab_changes_nothing()
    {
        using var office = await OfficeWithFrameworkAsync();
        var stale = (await office.GetDocumentAsync(Form)).QuerySelector<IHtmlFormElement>("#open-form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync(Form, "#open-form", new())).StatusCode);

        var response = await office.PostFormAsync(stale, new() { ["Input.SelfStart"] = "15/11/2024" }, Form);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Năm 2024 đã được mở đợt đánh giá trước đó", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal("01/12/2024", page.QuerySelectorAll("[data-testid=existing-phases] tr[data-phase=SelfAssessment] td")[0].TextContent);
        Assert.Equal(1, await AssessmentCountAsync());
        Assert.Equal(new DateOnly(2024, 12, 1), await _factory.WithDbAsync(db => db.AssessmentPhases
            .Where(p => p.Kind == PhaseKind.SelfAssessment && db.Assessments.Any(a => a.Id == p.AssessmentId && a.Year == Year))
            .Select(p => p.StartsOn).SingleAsync()));

        // The form itself, asked for again, sends the Office to the year with the same news.
        var again = await office.Http.GetAsync(Form);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/Assessments/2024", again.Headers.Location!.OriginalString);
        Assert.Contains("Năm 2024 đã được mở đợt đánh giá", (await office.GetDocumentAsync("/Assessments/2024")).QuerySelector(".alert-success")!.TextContent);
    }

    [Theory]
    [InlineData("/Assessments/Open/2031")] // no framework
    [InlineData("/Assessments/Open/1800")]
    [InlineData("/Assessments/Open/2101")]
    [InlineData("/Assessments/Open/-5")]
    [InlineData("/Assessments/Open/99999999999")]
    [InlineData("/Assessments/Open/abc")]
    [InlineData("/Assessments/Open/2024.5")]
    public async Task A_year_without_framework_or_out_of_range_or_garbage_is_not_found_never_a_500(string url)
    {
        using var office = await OfficeWithFrameworkAsync();
        var token = await office.AntiforgeryTokenAsync(Form);

        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync(url)).StatusCode);
        var posted = await office.Http.PostAsync(url, Posted(token, 2024));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.Assessments.CountAsync())); // the demo's 2022 and 2023 only
    }

    [Fact]
    public async Task An_already_opened_year_is_never_opened_twice_by_a_crafted_post()
    {
        using var office = await OfficeWithFrameworkAsync();
        var token = await office.AntiforgeryTokenAsync(Form);
        var phases = await _factory.WithDbAsync(db => db.AssessmentPhases.CountAsync());

        var response = await office.Http.PostAsync("/Assessments/Open/2023", Posted(token, 2023));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Năm 2023 đã được mở đợt đánh giá", (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(1, await AssessmentCountAsync(2023));
        Assert.Equal(phases, await _factory.WithDbAsync(db => db.AssessmentPhases.CountAsync()));
    }

    [Theory]
    [InlineData(DemoAccounts.Leadership)]
    [InlineData("qhgd@parindex.local")]
    public async Task Leadership_and_unit_heads_see_no_button_and_are_refused_403(string email)
    {
        using (await OfficeWithFrameworkAsync()) { }
        using var client = await _factory.CreateTestClient().SignInAsync(email);

        var list = await client.GetDocumentAsync("/Assessments");
        Assert.NotNull(list.QuerySelector("[data-testid=unopened-2024]"));
        Assert.Null(list.QuerySelector("[data-testid=open-2024]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(Form)).StatusCode);
        var token = await client.AntiforgeryTokenAsync("/Account/Manage");
        var posted = await client.Http.PostAsync(Form, Posted(token, 2024));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(0, await AssessmentCountAsync());
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in_and_nothing_is_opened()
    {
        using (await OfficeWithFrameworkAsync()) { }
        using var anonymous = _factory.CreateTestClient();

        var get = await anonymous.Http.GetAsync(Form);
        var post = await anonymous.Http.PostAsync(Form, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.SelfStart"] = "01/12/2024" }));

        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Contains("/Account/Login", get.Headers.Location!.OriginalString);
        Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{(int)post.StatusCode}");
        Assert.Equal(0, await AssessmentCountAsync());
    }
}
