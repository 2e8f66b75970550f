using DoorController.Server.Services;
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

    [Fact]
    public void A_Batch_Written_In_One_Statement_Keeps_Every_Column_A_Row_Written_Alone_Keeps()
    {
        // The group-commit writer on PostgreSQL writes its batch with AccessLog.RecordAll (one statement); replay and
        // the admin paths write one row with Record. The same event must read back the same either way.
        var (device, reader) = Site();
        string user = Employee("Alice", reader, "04A1B2C3");
        var ev = new AccessEvent(device, 41, reader, user, "nfc", "entry", true, "granted", "offline", Start.ToUnixTimeMilliseconds(),
            JournalId: 7, RetroChecked: false, Fraud: true, CredentialHash: "hash-1", RequestId: "q-9", Passage: AccessEvent.AwaitingDoor,
            CredentialPrefix: "a0a1a2a3a4a5a6", CredentialMatch: "unknown");
        long alone = S.Log.Record(ev)!.Value;
        long batched = S.Context.Db.InTransaction(tx => S.Log.RecordAll(tx, new List<AccessEvent> { ev with { EventId = 42 } }))[(device, 42L)];
        const string Columns = "device_id, reader_id, user_id, method, direction, granted, reason, source, occurred_at, received_at, journal_id, " +
            "retro_checked, fraud, credential_hash, request_id, passage, credential_prefix, credential_match";
        var a = S.Context.Db.QuerySingle("SELECT " + Columns + " FROM access_log WHERE id = @id", new { id = alone })!.Values;
        var b = S.Context.Db.QuerySingle("SELECT " + Columns + " FROM access_log WHERE id = @id", new { id = batched })!.Values;
        foreach (string column in Columns.Split(", "))
        {
            Assert.True(Equals(a[column], b[column]), column + ": alone " + a[column] + ", batched " + b[column]);
        }
        Assert.Equal("a0a1a2a3a4a5a6", a["credential_prefix"]);
    }
}
