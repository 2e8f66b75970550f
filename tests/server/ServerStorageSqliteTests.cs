using Xunit;
using DoorController.Server.Storage;

namespace DoorController.ServerTests;

/// <summary>The storage suite on SQLite (a WAL file in a temp directory).</summary>
public sealed class ServerStorageSqliteTests : ServerStorageSuite
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-sqlite-" + Guid.NewGuid().ToString("N")[..8]);

    protected override Database OpenDatabase()
    {
        Directory.CreateDirectory(_dir);
        return Database.OpenSqlite(Path.Combine(_dir, "test.db"));
    }

    /// <summary>
    /// The journal and pending indexes are partial (migration 20: an online row, never pending and without a journal
    /// id, writes neither), so the lookups that need them must still imply their conditions or SQLite scans the table.
    /// </summary>
    [Fact]
    public void Replay_And_Review_Lookups_Use_The_Partial_Indexes()
    {
        var db = S.Context.Db;
        Assert.All(new[] { "access_log_journal", "access_log_pending" },
            name => Assert.Contains(db.Query("PRAGMA index_list(access_log)"), r => r.Str("name") == name && r.Long("partial") == 1));
        Assert.Contains("access_log_journal", Plan(db, "SELECT id FROM access_log WHERE device_id = @d AND event_id = @e UNION ALL " +
            "SELECT id FROM access_log WHERE device_id = @d AND journal_id = @e LIMIT 1"));
        Assert.Contains("access_log_pending", Plan(db, "SELECT id FROM access_log WHERE retro_checked = 0 ORDER BY occurred_at, id LIMIT @n"));
    }

    private static string Plan(Database db, string sql) =>
        string.Join(" | ", db.Query("EXPLAIN QUERY PLAN " + sql, new { d = "dev", e = 1L, n = 10L }).Select(r => r.Str("detail")));

    public override void Dispose()
    {
        base.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
