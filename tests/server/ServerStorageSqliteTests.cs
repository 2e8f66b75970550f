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

    public override void Dispose()
    {
        base.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
