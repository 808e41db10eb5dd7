using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Web;
using ParIndex.Web.Data;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Tests.Exports;

namespace ParIndex.Bench.Exports;

/// <summary>
/// prepare &lt;db&gt;: the demo database plus synthetic plans of 500 (2098) and 5,000 (2099) tasks.
/// measure &lt;db&gt; &lt;year&gt; &lt;pdf|xlsx&gt; &lt;runs&gt;: one warm-up, then timed runs of read + render, in a process of its own
/// so that the peak working set belongs to that export alone.
/// </summary>
public static class Runner
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["prepare", var db])
        {
            await using var app = await StartAsync(db, demo: true);
            await using var scope = app.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
            await SyntheticPlan.CreateAsync(context, 2098, 500);
            await SyntheticPlan.CreateAsync(context, 2099, 5000);
            return 0;
        }
        if (args is ["measure", var path, var yearText, var kind, var runsText])
        {
            var year = int.Parse(yearText, CultureInfo.InvariantCulture);
            var runs = int.Parse(runsText, CultureInfo.InvariantCulture);
            await using var app = await StartAsync(path, demo: false);
            var today = app.Services.GetRequiredService<Clock>().Today;
            var baseline = Process.GetCurrentProcess().WorkingSet64;
            var times = new List<double>();
            var reads = new List<double>();
            var cpus = new List<double>(); // processor time of the whole process over a run: robust to a loaded machine // phase: read from the database (the rest of each run is compose + render)
            long bytes = 0, allocated = 0;
            int tasks = 0;
            for (var run = 0; run <= runs; run++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var reader = scope.ServiceProvider.GetRequiredService<PlanExportReader>();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var plan = await reader.ReadAsync(year, today) ?? throw new InvalidOperationException($"No plan for {year}.");
                var read = clock.Elapsed.TotalMilliseconds;
                var output = kind == "pdf" ? PlanPdfExporter.Render(plan) : WorkbookExporter.PlanAppendix(plan);
                clock.Stop();
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                if (run == 0) continue; // warm-up: JIT, fonts, EF model
                times.Add(clock.Elapsed.TotalMilliseconds);
                reads.Add(read);
                cpus.Add(cpu);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                bytes = output.Length;
                tasks = plan.Tasks.Count;
            }
            times.Sort();
            reads.Sort();
            cpus.Sort();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT kind={kind} tasks={tasks} runs={runs} median_ms={times[times.Count / 2]:F0} min_ms={times[0]:F0} max_ms={times[^1]:F0} read_median_ms={reads[reads.Count / 2]:F0} cpu_median_ms={cpus[cpus.Count / 2]:F0} " +
                $"allocated_mb={allocated / 1048576.0:F1} output_kb={bytes / 1024} baseline_ws_mb={baseline / 1048576.0:F0} peak_ws_mb={process.PeakWorkingSet64 / 1048576.0:F0}"));
            return 0;
        }
        Console.Error.WriteLine("usage: ExportBench prepare <db> | measure <db> <year> <pdf|xlsx> <runs>");
        return 2;
    }

    private static async Task<WebApplication> StartAsync(string db, bool demo)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(db))!;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ParIndex"] = $"Data Source={Path.GetFullPath(db)}",
            ["Database:Provider"] = "Sqlite",
            ["Demo:Enabled"] = demo ? "true" : "false",
            ["Storage:Folder"] = Path.Combine(folder, "files"),
            ["Logging:Folder"] = Path.Combine(folder, "logs"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.AddParIndex();
        var app = builder.Build();
        await app.InitializeDatabaseAsync();
        return app;
    }
}
