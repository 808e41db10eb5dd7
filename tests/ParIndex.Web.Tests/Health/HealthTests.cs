using System.Net;
using Microsoft.Data.Sqlite;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Health;

public class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_without_sign_in_when_the_database_answers()
    {
        using var factory = new ParIndexFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_cannot_be_opened()
    {
        using var factory = new ParIndexFactory { Pooling = false };
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(factory.DatabasePath + suffix)) File.Delete(factory.DatabasePath + suffix);
        // A folder where the database file was: SQLite can no longer open it.
        Directory.CreateDirectory(factory.DatabasePath);

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
