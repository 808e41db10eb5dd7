using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParIndex.Domain.Assessments;
using ParIndex.Domain.Frameworks;
using ParIndex.Domain.Operations;
using ParIndex.Domain.Plans;
using ParIndex.Domain.Units;
using ParIndex.Web.Data;
using ParIndex.Web.Infrastructure;

[assembly: HostingStartup(typeof(ParIndex.Bench.Synthetic.SyntheticLoadHostingStartup))]

namespace ParIndex.Bench.Synthetic;

/// <summary>
/// A synthetic load on top of the demo data, for the benchmark (bench/web) and the query-count tests: earlier years with
/// their frameworks, scores and published results, more units, thousands of tasks in the current plan and more dossiers.
/// Deterministic (fixed seed). Not part of the application: only <see cref="SyntheticLoadStartup"/> runs it, in a server
/// started with this assembly as a hosting startup (bench/web/run.sh), never in Production.
/// </summary>
public static class SyntheticLoad
{
    public const string UnitPrefix = "SYN";

    public sealed record Size(int Years = 10, int Units = 50, int Tasks = 5000, int Dossiers = 2000);

    public static async Task<bool> ApplyAsync(ParIndexDbContext db, DateOnly today, Size? size = null, CancellationToken ct = default)
    {
        size ??= new Size();
        if (await db.Units.AnyAsync(u => u.Code.StartsWith(UnitPrefix), ct)) return false;
        var random = new Random(20230315);
        var now = DateTime.UtcNow;

        // Units up to the requested number.
        var existing = await db.Units.CountAsync(ct);
        var newUnits = Enumerable.Range(1, Math.Max(0, size.Units - existing))
            .Select(i => new Unit($"{UnitPrefix}{i:000}", $"Đơn vị tổng hợp số {i}", 100 + i)).ToList();
        db.Units.AddRange(newUnits);
        await db.SaveChangesAsync(ct);
        var unitIds = await db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);

        // Earlier years, each a copy of the oldest framework with its own scores and a published result.
        var template = await db.Frameworks.Include(f => f.Areas).ThenInclude(a => a.Criteria).ThenInclude(c => c.SubCriteria)
            .ThenInclude(s => s.Coordinators).AsNoTracking().OrderBy(f => f.Year).FirstAsync(ct);
        var recordedYears = await db.PublishedResults.Select(p => p.Year).Union(db.Frameworks.Select(f => f.Year)).ToListAsync(ct);
        var firstYear = recordedYears.Min() - size.Years;
        for (var year = firstYear; year < firstYear + size.Years; year++)
        {
            if (recordedYears.Contains(year)) continue;
            var framework = template.CopyTo(year, template.Name.Replace(template.Year.ToString(), year.ToString(), StringComparison.Ordinal));
            db.Frameworks.Add(framework);
            await db.SaveChangesAsync(ct);
            var assessment = new Assessment(framework.Id, year);
            assessment.PlanPhases(new DateOnly(year, 12, 1), new DateOnly(year + 1, 1, 15), new DateOnly(year + 1, 2, 10),
                new DateOnly(year + 1, 2, 20), new DateOnly(year + 1, 3, 1), new DateOnly(year + 1, 3, 10));
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync(ct);
            decimal total = 0;
            foreach (var sub in framework.Areas.SelectMany(a => a.Criteria).SelectMany(c => c.SubCriteria))
            {
                var self = Math.Round(sub.MaxPoints * (decimal)(0.6 + random.NextDouble() * 0.4), 3);
                var appraised = Math.Round(self * (decimal)(0.85 + random.NextDouble() * 0.15), 3);
                var score = new SubCriterionScore(assessment.Id, sub.Id);
                score.SetSelf(self, null, appraised < sub.MaxPoints ? "Dữ liệu tổng hợp" : null, "bench", now);
                score.SetRound1(appraised, null, "bench", now);
                db.Scores.Add(score);
                total += appraised;
            }
            db.PublishedResults.Add(new PublishedResult(year, total, "Tốt", 1 + random.Next(22), 22, "Dữ liệu tổng hợp"));
            await db.SaveChangesAsync(ct);
        }

        // Tasks in the newest plan, spread over every unit, with past and future deadlines and some recurring ones.
        var plan = await db.Plans.OrderByDescending(p => p.TargetYear).FirstAsync(ct);
        var start = today.AddDays(-180);
        for (var i = 0; i < size.Tasks; i++)
        {
            var lead = unitIds[i % unitIds.Count];
            var due = start.AddDays(random.Next(365));
            PlanTask task = i % 10 == 0
                ? new PlanTask($"Nhiệm vụ định kỳ tổng hợp số {i + 1}", lead, "Báo cáo quý", null, Recurrence.Quarterly,
                    [due.AddDays(-270), due.AddDays(-180), due.AddDays(-90), due])
                : new PlanTask($"Nhiệm vụ tổng hợp số {i + 1}", lead, "Kết quả thực hiện", due);
            task.SortOrder = 1000 + i;
            // Added beside the plan's rules (the newest plan is issued): the task row goes straight into the plan.
            db.PlanTasks.Add(task);
            db.Entry(task).Property(t => t.PlanId).CurrentValue = plan.Id;
            var day = today.AddDays(-random.Next(1, 60));
            switch (i % 4)
            {
                case 0:
                    task.ChangeStatus(PlanTaskStatus.Done, "Đã hoàn thành.", "bench", "bench", lead, day, now);
                    break;
                case 1:
                    task.ChangeStatus(PlanTaskStatus.InProgress, null, "bench", "bench", lead, day, now);
                    if (i % 3 == 0) task.AddProgress("Đã báo cáo kỳ đầu.", 40, null, "bench", "bench", lead, day, now);
                    break;
            }
            if (i % 500 == 499) await db.SaveChangesAsync(ct);
        }
        await db.SaveChangesAsync(ct);

        // Dossiers of the newest published year, about a quarter of them late.
        var dossierYear = await db.PublishedResults.MaxAsync(p => p.Year, ct);
        for (var i = 0; i < size.Dossiers; i++)
        {
            var received = new DateOnly(dossierYear, 1, 1).AddDays(random.Next(350));
            var dueOn = received.AddDays(10);
            var returned = random.Next(4) == 0 ? dueOn.AddDays(1 + random.Next(20)) : dueOn.AddDays(-random.Next(5));
            db.Dossiers.Add(new Dossier($"SYN-{dossierYear}-{i + 1:00000}", "Thủ tục tổng hợp", unitIds[i % unitIds.Count], received,
                dueOn, returned, null));
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>
/// Adds <see cref="SyntheticLoadStartup"/> to a server started with
/// <c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=ParIndex.Bench.Synthetic</c> (and this project's deps file: bench/web/run.sh).
/// </summary>
public sealed class SyntheticLoadHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddHostedService<SyntheticLoadStartup>());
}

/// <summary>Loads <see cref="SyntheticLoad"/> once at start-up (never in Production).</summary>
public sealed class SyntheticLoadStartup(IServiceProvider services, IHostEnvironment environment, ILogger<SyntheticLoadStartup> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction())
            throw new InvalidOperationException("The synthetic load (ParIndex.Bench.Synthetic) must not be loaded in Production.");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<Clock>();
        var started = DateTime.UtcNow;
        var applied = await SyntheticLoad.ApplyAsync(db, clock.Today, ct: cancellationToken);
        log.LogInformation("Synthetic load {State} in {Seconds:0.0} s", applied ? "loaded" : "already present",
            (DateTime.UtcNow - started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
