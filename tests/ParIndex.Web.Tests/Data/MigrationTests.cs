using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ParIndex.Web.Data;

namespace ParIndex.Web.Tests.Data;

/// <summary>Each provider's migrations: SQLite applied to a real file, SQL Server scripted without a server.</summary>
public class MigrationTests
{
    [Fact]
    public async Task The_sqlite_migrations_apply_to_a_new_file_and_create_every_table()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parindex-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteParIndexDbContext>().UseSqlite($"Data Source={path}").Options;
            await using (var db = new SqliteParIndexDbContext(options))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            }

            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            Assert.Contains("SubCriteria", tables);
            Assert.Contains("Scores", tables);
            Assert.Contains("PlanTasks", tables);
            Assert.Contains("AspNetUsers", tables);
            Assert.Contains("AuditEntries", tables);
            Assert.Contains("DataProtectionKeys", tables);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public void The_sql_server_script_is_generated_from_its_migrations_without_a_server()
    {
        var options = new DbContextOptionsBuilder<SqlServerParIndexDbContext>()
            .UseSqlServer("Server=nowhere.invalid;Database=ParIndex;Trusted_Connection=True;TrustServerCertificate=True").Options;
        using var db = new SqlServerParIndexDbContext(options);

        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE [SubCriteria]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [PlanTasks]", script, StringComparison.Ordinal);
        Assert.Contains("decimal(9,3)", script, StringComparison.Ordinal);
        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_provider_has_model_changes_missing_from_its_migrations()
    {
        using var sqlite = new SqliteParIndexDbContext(new DbContextOptionsBuilder<SqliteParIndexDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = new SqlServerParIndexDbContext(new DbContextOptionsBuilder<SqlServerParIndexDbContext>()
            .UseSqlServer("Server=nowhere.invalid;Database=ParIndex;TrustServerCertificate=True").Options);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: run dotnet ef migrations add for SqliteParIndexDbContext");
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server: run dotnet ef migrations add for SqlServerParIndexDbContext");
    }
}
