using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
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

    /// <summary>
    /// The whole SQL Server script, as <c>dotnet ef migrations script</c> prints it (plain, and <c>--idempotent</c> with
    /// each statement wrapped in IF NOT EXISTS … and EXEC(N'…')), parsed by Microsoft's own T-SQL parser for SQL Server
    /// 2019 (compatibility level 150, the oldest version docs/deployment.md supports); so is every statement inside an
    /// EXEC string. A syntax error fails with its line and text. What a parse cannot prove is listed in the docs.
    /// </summary>
    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void The_whole_sql_server_script_parses_as_T_SQL_for_SQL_Server_2019(MigrationsSqlGenerationOptions mode)
    {
        var options = new DbContextOptionsBuilder<SqlServerParIndexDbContext>()
            .UseSqlServer("Server=nowhere.invalid;Database=ParIndex;Trusted_Connection=True;TrustServerCertificate=True").Options;
        using var db = new SqlServerParIndexDbContext(options);
        var script = db.GetService<IMigrator>().GenerateScript(options: mode);

        var fragment = ParseWithoutErrors(script, "the script");

        // Proof that the parser saw the real thing, not an empty script: the tables, wherever they are created.
        var tables = new CreateTables();
        fragment.Accept(tables);
        var inner = new ExecStrings();
        fragment.Accept(inner);
        if (mode == MigrationsSqlGenerationOptions.Idempotent) Assert.NotEmpty(inner.Strings);
        foreach (var sql in inner.Strings) ParseWithoutErrors(sql, "an EXEC string").Accept(tables);
        foreach (var table in new[] { "SubCriteria", "Scores", "PlanTasks", "AspNetUsers", "AuditEntries", "DataProtectionKeys", "__EFMigrationsHistory" })
            Assert.Contains(table, tables.Names);
    }

    [Fact]
    public void The_check_fails_on_a_syntax_error_and_on_syntax_newer_than_SQL_Server_2019()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ParseWithoutErrors("CREATE TABLE [T] ([Id] int,, );", "a broken statement"));
        // A SQL Server 2022 ledger table: accepted by the 2022 parser, refused by the 2019 one the script is held to.
        const string ledger = "CREATE TABLE [T] ([Id] int NOT NULL) WITH (LEDGER = ON);";
        Assert.Empty(ParseErrors(new TSql160Parser(true), ledger));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ParseWithoutErrors(ledger, "a SQL Server 2022 statement"));
    }

    private static IList<ParseError> ParseErrors(TSqlParser parser, string sql)
    {
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    private static TSqlFragment ParseWithoutErrors(string sql, string what)
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        var lines = sql.Split('\n');
        Assert.True(errors.Count == 0, $"{errors.Count} T-SQL parse errors in {what}:\n" + string.Join("\n", errors.Take(10).Select(e =>
            $"line {e.Line}, column {e.Column}: {e.Message} | {(e.Line - 1 < lines.Length ? lines[e.Line - 1].Trim() : "")}")));
        return fragment;
    }

    private sealed class CreateTables : TSqlFragmentVisitor
    {
        public HashSet<string> Names { get; } = [];
        public override void Visit(CreateTableStatement node) => Names.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }

    /// <summary>The literal strings of every <c>EXEC(N'…')</c>: the idempotent script hides DDL there.</summary>
    private sealed class ExecStrings : TSqlFragmentVisitor
    {
        public List<string> Strings { get; } = [];
        public override void Visit(ExecutableStringList node) =>
            Strings.AddRange(node.Strings.OfType<StringLiteral>().Select(s => s.Value));
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
