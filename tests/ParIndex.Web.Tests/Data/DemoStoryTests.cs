using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ParIndex.Domain.Assessments;
using ParIndex.Web.Data.Seed;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Tests.Features.Dashboard;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Data;

/// <summary>
/// The demo as a newcomer opens it in Development: seeded afresh by the host's own clock, which runs at the demo's
/// working date (Demo:WorkingDate), so the 2023 plan and self-assessment read as current whatever the real date.
/// </summary>
public class DemoStoryTests
{
    private static readonly DateOnly WorkingDate = new(2023, 12, 5);

    private sealed class DemoHost : ParIndexFactory
    {
        public DemoHost() { }
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["Demo:Enabled"] = "true";
            settings["Demo:WorkingDate"] = "2023-12-05";
        }
    }

    [Fact]
    public async Task The_demo_runs_at_its_working_date_and_every_page_says_so()
    {
        using var factory = new DemoHost { WithDemoData = false, HostClock = true };
        using var client = await factory.CreateTestClient().SignInAsync(DemoAccounts.Office);

        var clock = Assert.IsType<DemoClock>(factory.Services.GetService(typeof(Clock)));
        Assert.Equal(WorkingDate, clock.Today);
        // Time still moves: the hour is the real one.
        Assert.InRange((clock.UtcNow - DateTime.UtcNow).TotalDays % 1, -0.001, 0.001);

        foreach (var url in new[] { "/Dashboard", "/Plans/2023", "/Assessments/2023" })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.Equal("Dữ liệu mẫu: ngày làm việc giả định 05/12/2023",
                page.QuerySelector("[data-testid=demo-date]")?.TextContent.Trim());
        }

        // The 2023 self-assessment follows the 2022 cycle a year later, and is open at the working date.
        var phases = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().Where(a => a.Year == 2023)
            .SelectMany(a => a.Phases).ToListAsync());
        var self = phases.Single(p => p.Kind == PhaseKind.SelfAssessment);
        Assert.Equal((new DateOnly(2023, 12, 1), new DateOnly(2024, 1, 15)), (self.StartsOn, self.EndsOn));

        // The plan's tasks: some due within days, some overdue by weeks, none by years.
        var dashboard = await client.GetDocumentAsync("/Dashboard");
        var attention = dashboard.QuerySelector("[data-testid=attention]")!.TextContent;
        var overdue = Regex.Matches(attention, @"quá (\d+) ngày").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        var dueSoon = Regex.Matches(attention, @"còn (\d+) ngày").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(overdue);
        Assert.Contains(overdue, d => d is >= 7 and <= 90);
        Assert.All(overdue, d => Assert.True(d < 365, $"quá {d} ngày"));
        Assert.Contains(dueSoon, d => d <= 14);
    }

    [Fact]
    public void Without_a_working_date_the_clock_is_the_real_one()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }).Build();
        var clock = Clock.FromSettings(config, TimeProvider.System);
        Assert.IsNotType<DemoClock>(clock);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)), clock.Today);
    }
}
