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

    /// <summary>A statement repeated in a transaction keeps its parameters and takes new values in place: a NULL bound
    /// with a type (text) must not make the next, non-null value of that parameter text, nor a value stick.</summary>
    [Fact]
    public void A_Repeated_Statement_Binds_Each_Runs_Values_And_Types_Afresh()
    {
        var db = S.Context.Db;
        db.Execute("CREATE TABLE bind_probe (n INTEGER, v)");
        db.InTransaction(tx =>
        {
            foreach (long? v in new long?[] { null, 7, null, 9 })
            {
                tx.Execute("INSERT INTO bind_probe (n, v) VALUES (@n, @v)", new { n = (long)tx.Query("SELECT n FROM bind_probe").Count, v });
            }
            tx.Execute("INSERT INTO bind_probe (n, v) VALUES (@n, @v)", new { n = 4L, v = (string)null });
            tx.Execute("INSERT INTO bind_probe (n, v) VALUES (@n, @v)", new { n = 5L, v = "text" });
        });
        var rows = db.Query("SELECT n, typeof(v) AS t, v FROM bind_probe ORDER BY n");
        Assert.Equal(new[] { "null", "integer", "null", "integer", "null", "text" }, rows.Select(r => r.Str("t")));
        Assert.Equal(new object[] { null, 7L, null, 9L, null, "text" }, rows.Select(r => r.Values["v"]));
    }

    /// <summary>The writer's prepared statements (<see cref="SqliteStatement"/>): each run binds its own values, a value
    /// left unbound in a run is NULL rather than the previous run's, RETURNING gives the row's id, and a name the SQL
    /// does not have is an error, not a silent no-op.</summary>
    [Fact]
    public void A_Prepared_Statement_Runs_With_Each_Runs_Own_Values()
    {
        var db = S.Context.Db;
        db.Execute("CREATE TABLE prepared_probe (id INTEGER PRIMARY KEY, n INTEGER, v, t TEXT)");
        var ids = new List<long?>();
        db.InTransaction(tx =>
        {
            const string sql = "INSERT INTO prepared_probe (n, v, t) VALUES (@n, @v, @t) RETURNING id";
            SqliteStatement insert = tx.Prepared(sql);
            Assert.Same(insert, tx.Prepared(sql));
            ids.Add(insert.Bind("@n", 1L).Bind("@v", 7L).Bind("@t", "first").Run());
            ids.Add(insert.Bind("@n", 2L).Bind("@v", (long?)null).Run()); // @t not bound this run
            ids.Add(insert.Bind("@n", 3L).Bind("@v", true).Bind("@t", (string)null).Run());
            Assert.Throws<ArgumentException>(() => insert.Bind("@missing", 1L));
        });
        var rows = db.Query("SELECT id, n, typeof(v) AS tv, v, t FROM prepared_probe ORDER BY id");
        Assert.Equal(rows.Select(r => (long?)r.Long("id")), ids);
        Assert.Equal(new object[] { 7L, null, 1L }, rows.Select(r => r.Values["v"]));
        Assert.Equal(new object[] { "first", null, null }, rows.Select(r => r.Values["t"]));
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
