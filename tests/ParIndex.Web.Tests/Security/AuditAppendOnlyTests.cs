using Microsoft.Data.Sqlite;
using ParIndex.Web.Tests.Infrastructure;

namespace ParIndex.Web.Tests.Security;

/// <summary>The audit table refuses UPDATE and DELETE in the database itself, whoever connects (migration triggers).</summary>
public class AuditAppendOnlyTests
{
    [Fact]
    public async Task Raw_SQL_on_a_real_connection_can_add_audit_rows_but_never_change_or_delete_them()
    {
        using var factory = new ParIndexFactory();
        using (factory.CreateClient()) { } // start-up applies the migrations to the file
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();

        async Task<object?> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }

        var triggers = await ScalarAsync("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='AuditEntries' ORDER BY name)");
        Assert.Equal("TR_AuditEntries_NoDelete,TR_AuditEntries_NoUpdate", triggers);

        await ScalarAsync("INSERT INTO AuditEntries (AtUtc, UserName, EntityType, EntityId, Action, Field, OldValue, NewValue) " +
                          "VALUES ('2026-01-01 00:00:00', 'kiểm thử', 'PlanTask', '1', 'Updated', 'Content', 'cũ', 'mới')");
        var id = Convert.ToInt64(await ScalarAsync("SELECT max(Id) FROM AuditEntries"));
        var count = Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM AuditEntries"));

        var update = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync($"UPDATE AuditEntries SET NewValue = 'giả' WHERE Id = {id}"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync($"DELETE FROM AuditEntries WHERE Id = {id}"));
        Assert.Contains("append-only", delete.Message);
        await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync("DELETE FROM AuditEntries"));

        Assert.Equal("mới", await ScalarAsync($"SELECT NewValue FROM AuditEntries WHERE Id = {id}"));
        Assert.Equal(count, Convert.ToInt64(await ScalarAsync("SELECT count(*) FROM AuditEntries")));
    }
}
