using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ParIndex.Domain.Accountability;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Scoring;
using ParIndex.Domain.Units;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Data.Seed;

/// <summary>
/// Loads the reference department of the seed document (Sở Tài nguyên và Môi trường tỉnh Đắk Nông):
/// units, the 2022 framework and scores, the published 2021 and 2022 results, the 2023 framework (a copy)
/// with its assessment open, the 2023 improvement plan, the 2022 late dossiers and periodic reports.
/// Runs once: an existing framework means the database was seeded before.
/// </summary>
public static class DemoSeeder
{
    /// <summary>The demo plan's agency, as the settings' "Agency" section names it (appsettings.json).</summary>
    public const string Agency = "Sở Tài nguyên và Môi trường";
    public const string ParentAgency = "UBND tỉnh Đắk Nông";
    private const string By = "Dữ liệu mẫu";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static async Task<bool> SeedAsync(ParIndexDbContext db, Clock clock)
    {
        if (await db.Frameworks.AnyAsync()) return false;
        var now = clock.UtcNow;
        var today = clock.Today;

        var units = Read<List<UnitSeed>>("units.json")
            .Select((u, i) => new Unit(u.Code, u.Name, i + 1)).ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync();
        var unitIds = units.ToDictionary(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase);

        var seed = Read<FrameworkSeed>("framework-2022.json");
        var framework2022 = BuildFramework(seed, unitIds);
        db.Frameworks.Add(framework2022);
        await db.SaveChangesAsync();

        // 2022: the whole cycle has run; every phase lies in the past.
        var assessment2022 = new Assessment(framework2022.Id, 2022);
        assessment2022.PlanPhases(PhaseCalendar.UsualFor(2022));
        db.Assessments.Add(assessment2022);
        await db.SaveChangesAsync();

        var subIds = await db.SubCriteria.AsNoTracking()
            .Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == framework2022.Id)))
            .Select(s => new { s.Id, s.Code }).ToDictionaryAsync(s => s.Code, s => s.Id);
        foreach (var sub in seed.Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria))
        {
            var score = new SubCriterionScore(assessment2022.Id, subIds[sub.Code]);
            score.SetSelf(sub.Self, sub.Note, sub.LostReason, By, now);
            if (sub.Facts is not null) score.SetFacts(sub.Facts.ToJsonString(), By, now);
            score.SetRound1(sub.Appraised, null, By, now);
            db.Scores.Add(score);
            // Who lost the points, where the seed names units other than the lead one (the shares of the year).
            foreach (var share in sub.LossShares?.Units ?? [])
                db.Add(new LossShare(subIds[sub.Code], unitIds[share.Unit], share.Weight, sub.LossShares!.Source, By, now, sub.LossShares.Responsible));
        }

        foreach (var p in seed.Published)
        {
            var published = new PublishedResult(p.Year, p.Total, p.Classification, p.Rank, p.RankOf, p.Source);
            if (p.Year == 2022)
            {
                // As printed in the 2023 plan, including area 1's "8,645/13 … 67,31%", which contradicts itself.
                (string Code, decimal? Points, decimal? Percent)[] printed =
                [
                    ("1", 8.645m, 67.31m), ("2", 11.333m, 87.18m), ("3", 14m, 82.35m), ("4", 9m, 100m),
                    ("5", 17.5m, 92.11m), ("6", 8.5m, 80.95m), ("7", 11.484m, 65.62m),
                ];
                published.Areas.AddRange(printed.Select(a => new PublishedAreaResult(a.Code, a.Points, a.Percent)));
            }
            db.PublishedResults.Add(published);
        }
        await db.SaveChangesAsync();

        // 2023: the framework is a copy of 2022's (its own rows), and self-assessment is open now so the demo can be edited.
        var full2022 = await db.Frameworks.Include(f => f.Areas).ThenInclude(a => a.Criteria).ThenInclude(c => c.SubCriteria)
            .ThenInclude(s => s.Coordinators).AsNoTracking().SingleAsync(f => f.Id == framework2022.Id);
        var framework2023 = full2022.CopyTo(2023, seed.Name.Replace("2022", "2023", StringComparison.Ordinal));
        db.Frameworks.Add(framework2023);
        await db.SaveChangesAsync();
        var assessment2023 = new Assessment(framework2023.Id, 2023);
        var cycle = Cycle2023(today);
        assessment2023.PlanPhases(cycle[0], cycle[1], cycle[2], cycle[3], cycle[4], cycle[5]);
        db.Assessments.Add(assessment2023);
        await db.SaveChangesAsync();

        var sub2023 = await db.SubCriteria.AsNoTracking()
            .Where(s => db.Criteria.Any(c => c.Id == s.CriterionId && db.Areas.Any(a => a.Id == c.AreaId && a.FrameworkId == framework2023.Id)))
            .Select(s => new { s.Id, s.Code }).ToDictionaryAsync(s => s.Code, s => s.Id);

        // Dossiers and reports first: the plan's section I is drafted from them (who lost the TTHC result's points).
        SeedCalendar(db);
        SeedDossiers(db, unitIds);
        SeedReports(db, unitIds);
        await db.SaveChangesAsync();
        await SeedPlanAsync(db, unitIds, sub2023, now);
        return true;
    }

    /// <summary>
    /// The 2023 cycle follows the 2022 one a year later (<see cref="PhaseCalendar.UsualFor"/>): self-assessment from 01/12/2023 to 15/01/2024, appraisal round 1
    /// to 10/02/2024, explanation to 20/02/2024, round 2 to 01/03/2024, results published to 10/03/2024. That is the
    /// story at the demo's working date (Demo:WorkingDate, 05/12/2023: self-assessment open for a few days, the plan's
    /// tasks partly done, some due within days, some overdue). Seeded on a day outside that self-assessment (the tests'
    /// real clock), the cycle is moved so that self-assessment is open that day, so the demo can still be edited.
    /// </summary>
    internal static DateOnly[] Cycle2023(DateOnly today)
    {
        var usual = PhaseCalendar.UsualFor(2023);
        DateOnly[] cycle = [usual.SelfStart, usual.SelfEnd, usual.Round1End, usual.ExplanationEnd, usual.Round2End, usual.PublishedOn];
        if (today >= cycle[0] && today <= cycle[1]) return cycle;
        return [today.AddDays(-30), today.AddDays(30), today.AddDays(60), today.AddDays(75), today.AddDays(90), today.AddDays(100)];
    }

    private static Framework BuildFramework(FrameworkSeed seed, Dictionary<string, int> unitIds)
    {
        var framework = new Framework(seed.Year, seed.Name);
        var areaOrder = 0;
        foreach (var a in seed.Areas)
        {
            var area = new Area(a.Code, a.Name, ++areaOrder);
            var criterionOrder = 0;
            foreach (var c in a.Criteria)
            {
                var criterion = new Criterion(c.Code, c.Name, ++criterionOrder);
                var subOrder = 0;
                foreach (var s in c.SubCriteria)
                {
                    var (kind, parameters) = ReadRule(s.Rule);
                    var sub = new SubCriterion(s.Code, s.Name, s.MaxPoints, kind, parameters, s.Guidance,
                        s.Lead is null ? null : unitIds[s.Lead], ++subOrder);
                    sub.Coordinators.AddRange((s.Coordinating ?? []).Select(code => new SubCriterionCoordinator(unitIds[code])));
                    criterion.SubCriteria.Add(sub);
                }
                area.Criteria.Add(criterion);
            }
            framework.Areas.Add(area);
        }
        return framework;
    }

    /// <summary>Reads a seed rule through the domain so that a malformed rule fails here, not on a page.</summary>
    private static (RuleKind Kind, string Parameters) ReadRule(JsonObject rule)
    {
        var kind = Enum.Parse<RuleKind>(rule["kind"]!.GetValue<string>(), ignoreCase: true);
        var parameters = (JsonObject)rule.DeepClone();
        parameters.Remove("kind");
        var parsed = ScoringRule.FromJson(kind, parameters.ToJsonString());
        return (kind, parsed.ToJson());
    }

    private static async Task SeedPlanAsync(ParIndexDbContext db, Dictionary<string, int> unitIds, Dictionary<string, int> subIds,
        DateTime now)
    {
        var seed = Read<PlanSeed>("plan-2023.json");
        var plan = new ImprovementPlan(seed.TargetYear, seed.BaseYear);
        plan.SetHeader(seed.Number, seed.Place, seed.Date, Agency, ParentAgency, seed.SignerTitle, seed.SignerName,
            string.Join('\n', seed.Recipients));
        var drafts = await ParIndex.Web.Features.Plans.PlanDrafter.DraftAsync(db, seed.BaseYear, seed.TargetYear);
        plan.ApplyDraft(drafts.Evaluation, seed.Organisation, overwrite: true);
        plan.SetSections(plan.Evaluation, seed.Purpose, seed.Requirements, plan.Organisation, seed.TargetRankImprovement,
            seed.TargetTotal);
        var order = 0;
        foreach (var t in seed.Tasks)
        {
            var recurrence = Enum.Parse<Recurrence>(t.Recurrence ?? "None", ignoreCase: true);
            var task = new PlanTask(t.Content, unitIds[t.Lead], t.Output, t.Deadline, recurrence, t.DueDates) { SortOrder = ++order };
            task.SetTargets(t.Targets.Select(code => subIds[code]));
            task.SetCoordinators((t.Coordinating ?? []).Select(code => unitIds[code]));
            plan.AddTask(task);
        }
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        // History is replayed through the entity, so the demo obeys the same transitions as users do.
        foreach (var (task, t) in plan.Tasks.Zip(seed.Tasks))
        {
            var lead = t.Lead;
            foreach (var p in t.Progress ?? [])
                task.AddProgress(p.Note, p.Percent, null, "demo", $"Trưởng {p.Author ?? lead}", unitIds[p.Author ?? lead], p.Date,
                    p.Date.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
            var status = Enum.Parse<PlanTaskStatus>(t.Status, ignoreCase: true);
            var lastDate = t.Progress?.LastOrDefault()?.Date ?? seed.Date.AddDays(30);
            if (status is PlanTaskStatus.InProgress or PlanTaskStatus.Done && task.Status == PlanTaskStatus.NotStarted)
                task.ChangeStatus(PlanTaskStatus.InProgress, null, "demo", $"Trưởng {lead}", unitIds[lead], lastDate, Utc(lastDate));
            if (status == PlanTaskStatus.Done)
                task.ChangeStatus(PlanTaskStatus.Done, "Đã hoàn thành.", "demo", $"Trưởng {lead}", unitIds[lead], lastDate, Utc(lastDate));
            if (status == PlanTaskStatus.Cancelled)
                task.ChangeStatus(PlanTaskStatus.Cancelled, null, "demo", "Văn phòng Sở", null, lastDate, Utc(lastDate),
                    t.CancelReason ?? "Không còn phù hợp.");
        }
        // Issued before this software existed: recorded as issued under its number and date, without a submission step.
        if (string.Equals(seed.Status, "Issued", StringComparison.OrdinalIgnoreCase))
            plan.IssueAsRecorded(seed.Number, seed.Date, "Nguyễn Văn Hiệp", seed.Date.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc));
        _ = now;
    }

    private static DateTime Utc(DateOnly date) => date.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);

    /// <summary>The days off and swapped working days of 2022 and 2023 as announced (days late count in working days).</summary>
    private static void SeedCalendar(ParIndexDbContext db)
    {
        foreach (var d in Read<List<CalendarSeed>>("calendar.json"))
            db.Set<CalendarDay>().Add(new CalendarDay(d.Date, Enum.Parse<CalendarDayKind>(d.Kind), d.Name));
    }

    private static void SeedDossiers(ParIndexDbContext db, Dictionary<string, int> unitIds)
    {
        foreach (var d in Read<List<DossierSeed>>("dossiers-2022.json"))
            db.Dossiers.Add(new Dossier(d.Code, d.Procedure, unitIds[d.Unit], d.Received, d.Due, d.Returned, d.Note));
    }

    private static void SeedReports(ParIndexDbContext db, Dictionary<string, int> unitIds)
    {
        foreach (var r in Read<List<ReportSeed>>("reports-2022.json"))
        {
            var report = new PeriodicReport(r.Due.Year, r.Name, r.Period, r.Due, unitIds[r.Lead]);
            if (r.Submitted is { } s) report.Submit(s, r.Number);
            db.PeriodicReports.Add(report);
        }
    }

    internal static T Read<T>(string name)
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream($"ParIndex.Web.Data.Seed.{name}")
            ?? throw new InvalidOperationException($"Seed file {name} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"Seed file {name} is empty.");
    }

    private sealed record UnitSeed(string Code, string Name);
    internal sealed record FrameworkSeed(int Year, string Name, List<AreaSeed> Areas, List<PublishedSeed> Published);
    internal sealed record AreaSeed(string Code, string Name, List<CriterionSeed> Criteria);
    internal sealed record CriterionSeed(string Code, string Name, List<SubCriterionSeed> SubCriteria);
    internal sealed record SubCriterionSeed(string Code, string Name, decimal MaxPoints, string? Guidance, JsonObject Rule,
        string? Lead, List<string>? Coordinating, JsonObject? Facts, decimal? Self, decimal? Appraised, string? LostReason, string? Note,
        LossSharesSeed? LossShares = null);
    internal sealed record LossSharesSeed(string? Source, List<LossShareSeed> Units, string? Responsible = null);
    internal sealed record LossShareSeed(string Unit, decimal Weight);
    internal sealed record PublishedSeed(int Year, decimal Total, string Classification, int Rank, int RankOf, string? Source);
    private sealed record PlanSeed(int TargetYear, int BaseYear, string Number, string Place, DateOnly Date, string SignerTitle,
        string SignerName, List<string> Recipients, string Purpose, string Requirements, int? TargetRankImprovement,
        decimal? TargetTotal, string Organisation, string Status, List<TaskSeed> Tasks);
    private sealed record TaskSeed(string Content, List<string> Targets, string Lead, List<string>? Coordinating, DateOnly? Deadline,
        string? Recurrence, List<DateOnly>? DueDates, string? Output, string Status, string? CancelReason, List<ProgressSeed>? Progress);
    private sealed record ProgressSeed(DateOnly Date, int? Percent, string Note, string? Author);
    private sealed record DossierSeed(string Code, string Procedure, string Unit, DateOnly Received, DateOnly Due, DateOnly? Returned,
        string? Note);
    private sealed record CalendarSeed(DateOnly Date, string Kind, string Name);
    private sealed record ReportSeed(string Name, string Period, DateOnly Due, DateOnly? Submitted, string? Number, string Lead);
}
