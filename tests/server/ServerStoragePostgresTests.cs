using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>The same storage suite on PostgreSQL 15 (a private cluster, a fresh database per test).</summary>
public sealed class ServerStoragePostgresTests : ServerStorageSuite, IClassFixture<ServerPostgresInstance>
{
    private readonly ServerPostgresInstance _pg;

    public ServerStoragePostgresTests(ServerPostgresInstance pg)
    {
        _pg = pg;
    }

    protected override Database OpenDatabase()
    {
        // Fails the test with the one-line reason when the cluster could not start (never a silent skip).
        return Database.OpenPostgres(_pg.CreateDatabase());
    }
}
