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

    /// <summary>
    /// Migration 25 rebuilds the access log on SQLite so its (controller, event id) key is ordered by event id first,
    /// falling (online rows' keys land on the index's last page), and migration 26 moves the last decision-request nonce
    /// into decision_nonces. A database written at version 24 keeps every row and id, never hands out an id it used
    /// before (a deleted newest row included), still refuses a second row for a (controller, event id), its lookups use
    /// the new key, and each controller's nonce carries over.
    /// </summary>
    [Fact]
    public void Upgrading_A_Version_24_Database_Keeps_Rows_Ids_Nonces_And_The_Event_Key()
    {
        Directory.CreateDirectory(_dir);
        var db = Database.OpenSqlite(Path.Combine(_dir, "v24.db"));
        db.Execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
        for (int i = 0; i < 24; i++)
        {
            db.InTransaction(tx =>
            {
                foreach (string statement in Migrations.Statements(Migrations.Translate(Migrations.Scripts[i], SqlDialect.Sqlite))) tx.Execute(statement);
                tx.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (@v, 0)", new { v = (long)i + 1 });
            });
        }
        db.Execute("INSERT INTO devices (id, name, location, usage, device_key, created_at, request_nonce) VALUES ('dev', 'd', 'l', 'both', 'k', 0, 4294967301)");
        db.Execute("INSERT INTO devices (id, name, location, usage, device_key, created_at) VALUES ('quiet', 'q', 'l', 'both', 'k', 0)");
        const string insert = "INSERT INTO access_log (device_id, event_id, granted, reason, source, occurred_at, received_at, request_id, journal_id) " +
            "VALUES (@d, @e, 1, 'ok', @s, @at, @at, @q, @j) ON CONFLICT (device_id, event_id) DO NOTHING RETURNING id";
        long? Insert(string device, long eventId, string source, string? request = null, long? journal = null) =>
            db.QuerySingle(insert, new { d = device, e = eventId, s = source, at = 1000 + eventId, q = request, j = journal })?.Long("id");
        long online = Insert("dev", -1, "online", "q-1", 77)!.Value;
        long replayed = Insert("dev", 77, "offline")!.Value;
        long newest = Insert("quiet", 78, "offline")!.Value;
        db.Execute("DELETE FROM access_log WHERE id = @i", new { i = newest });

        Assert.Equal(2, Migrations.Apply(db));

        Assert.Equal(new[] { (online, -1L, (string?)"q-1"), (replayed, 77L, (string?)null) },
            db.Query("SELECT id, event_id, request_id FROM access_log ORDER BY id").Select(r => (r.Long("id"), r.Long("event_id"), (string?)r.Str("request_id"))));
        Assert.Equal(newest + 1, Insert("dev", -2, "online"));
        Assert.Null(Insert("dev", -1, "online"));
        Assert.Null(Insert("dev", 77, "offline"));
        var indexes = db.Query("PRAGMA index_list(access_log)");
        Assert.Contains(indexes, r => r.Str("name") == "access_log_event" && r.Long("unique") == 1);
        Assert.DoesNotContain(indexes, r => r.Str("name")!.StartsWith("sqlite_autoindex", StringComparison.Ordinal));
        Assert.Equal(new[] { "access_log_event", "access_log_journal", "access_log_pending", "access_log_request", "access_log_time", "access_log_user_time" },
            indexes.Select(r => r.Str("name")).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Contains("access_log_event", Plan(db, "SELECT id FROM access_log WHERE device_id = @d AND event_id = @e"));
        Assert.Contains("access_log_request", Plan(db, "SELECT id, journal_id FROM access_log WHERE device_id = @d AND request_id = @q"));
        Assert.Equal(new[] { ("dev", 4294967301L) }, db.Query("SELECT device_id, nonce FROM decision_nonces").Select(r => (r.Str("device_id"), r.Long("nonce"))));
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
            tx.Execute("INSERT INTO bind_probe (n, v) VALUES (@n, @v)", new { n = 4L, v = (string?)null });
            tx.Execute("INSERT INTO bind_probe (n, v) VALUES (@n, @v)", new { n = 5L, v = "text" });
        });
        var rows = db.Query("SELECT n, typeof(v) AS t, v FROM bind_probe ORDER BY n");
        Assert.Equal(new[] { "null", "integer", "null", "integer", "null", "text" }, rows.Select(r => r.Str("t")));
        Assert.Equal(new object?[] { null, 7L, null, 9L, null, "text" }, rows.Select(r => r.Values["v"]));
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
            ids.Add(insert.Bind("@n", 3L).Bind("@v", true).Bind("@t", (string?)null).Run());
            Assert.Throws<ArgumentException>(() => insert.Bind("@missing", 1L));
        });
        var rows = db.Query("SELECT id, n, typeof(v) AS tv, v, t FROM prepared_probe ORDER BY id");
        Assert.Equal(rows.Select(r => (long?)r.Long("id")), ids);
        Assert.Equal(new object?[] { 7L, null, 1L }, rows.Select(r => r.Values["v"]));
        Assert.Equal(new object?[] { "first", null, null }, rows.Select(r => r.Values["t"]));
    }

    private static string Plan(Database db, string sql) =>
        string.Join(" | ", db.Query("EXPLAIN QUERY PLAN " + sql, new { d = "dev", e = 1L, n = 10L, q = "q-1" }).Select(r => r.Str("detail")));

    public override void Dispose()
    {
        base.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
