using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Health;

/// <summary>/healthz says the process answers (nothing else runs); /readyz runs every check tagged "ready".</summary>
public class HealthTests
{
    private sealed class ChecksFactory(Action<IHealthChecksBuilder> checks) : ParIndexFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => checks(services.AddHealthChecks()));
        }
    }

    private static void BreakTheDatabase(ParIndexFactory factory)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(factory.DatabasePath + suffix)) File.Delete(factory.DatabasePath + suffix);
        // A folder where the database file was: SQLite can no longer open it.
        Directory.CreateDirectory(factory.DatabasePath);
    }

    [Fact]
    public async Task Both_answer_200_Healthy_without_sign_in_when_the_database_answers()
    {
        using var factory = new ParIndexFactory();
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        }
    }

    [Fact]
    public async Task When_the_database_cannot_be_opened_readyz_answers_503_and_healthz_still_200()
    {
        using var factory = new ParIndexFactory { Pooling = false };
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        BreakTheDatabase(factory);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal("Unhealthy", await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Healthz_sends_no_query_and_short_circuits_before_the_rest_of_the_pipeline()
    {
        using var factory = new ParIndexFactory();
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode); // warm-up

        factory.Commands.Reset();
        factory.Commands.Recording = true;
        var response = await client.GetAsync("/healthz");
        factory.Commands.Recording = false;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, factory.Commands.Count);
        // Neither the security headers nor any cookie (session, antiforgery): the pipeline behind it never ran.
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Set-Cookie"));

        factory.Commands.Reset();
        factory.Commands.Recording = true;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        factory.Commands.Recording = false;
        Assert.True(factory.Commands.Count > 0, "/readyz must ask the database");
    }

    [Fact]
    public async Task Readyz_runs_every_check_tagged_ready_and_only_those()
    {
        using var stuck = new ChecksFactory(checks => checks
            .AddCheck("tagged-ready", () => HealthCheckResult.Unhealthy("stuck"), tags: [ParIndex.Web.Infrastructure.Health.Ready]));
        using (var client = stuck.CreateClient())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }

        using var untagged = new ChecksFactory(checks => checks
            .AddCheck("something-else", () => HealthCheckResult.Unhealthy("not about readiness")));
        using (var client = untagged.CreateClient())
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }
}
