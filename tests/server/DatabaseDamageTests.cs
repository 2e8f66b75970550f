using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// Damage to the data: an overwritten database page is found at start and the server refuses to run with a
/// message that says what and where (no stack trace); a row the decision snapshot cannot read, or a query that
/// fails, costs at most that row or that request — the next one is answered.
/// </summary>
public sealed class DatabaseDamageTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-damage-" + Guid.NewGuid().ToString("N")[..8]);
    private string DbPath => Path.Combine(_dir, ServerHost.DatabaseFileName);

    private ServerHost Create() => ServerHost.Create(new ServerOptions { DataDirectory = _dir, Port = 0, AdminPassword = "damage-password", RunRetentionJob = false });

    /// <summary>A server's database with a controller and a person, closed and checkpointed into the main file.</summary>
    private void Populate()
    {
        using (var host = Create())
        {
            var (gate, _) = host.Services.Devices.Register(new DeviceInput("Gate", "hall", "both", null, null, null, null));
            string reader = host.Services.Devices.AddReader(gate, new ReaderInput(null, "In", "both", null, null, null));
            for (int i = 0; i < 20; i++)
            {
                host.Services.Users.Register(new UserInput("Person " + i, "employee", null, null, null, null, null,
                    new List<CredentialInput> { new("nfc", "04A1B2" + i.ToString("X2")) }, new List<PermissionInput> { new(reader, Always) }));
            }
            host.Store.Db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
    }

    private static long RootPage(string dbPath, string table)
    {
        using var c = new SqliteConnection("Data Source=" + dbPath + ";Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = $t";
        cmd.Parameters.AddWithValue("$t", table);
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Overwrites one 4 KB page of the file with garbage, as a failing disk or a stray write would.</summary>
    private static void Overwrite(string dbPath, long page)
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        using var f = new FileStream(dbPath, FileMode.Open, FileAccess.Write);
        f.Seek((page - 1) * 4096, SeekOrigin.Begin);
        f.Write(garbage);
    }

    [Theory]
    [InlineData("users")]
    [InlineData("credentials")]
    [InlineData("header")]
    public void An_Overwritten_Page_Is_Found_At_Start_With_A_Clear_Message_And_The_Server_Does_Not_Run(string where)
    {
        Populate();
        Overwrite(DbPath, where == "header" ? 1 : RootPage(DbPath, where));

        var e = Assert.Throws<StartupException>(() => Create());
        Assert.Contains(DbPath, e.Message);
        Assert.Contains("is damaged", e.Message);
        Assert.Contains("restore the database from a backup", e.Message);
        SqliteConnection.ClearAllPools();

        // The executable says the same, in one line without a stack trace, and exits non-zero.
        using var process = ServerProcess.RunToExit("--data " + _dir + " --port 0");
        Assert.Equal(3, process.ExitCode);
        string stderr = string.Join("\n", process.Errors);
        Assert.Contains("cannot start: the database " + DbPath + " is damaged", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain(process.Output, l => l.Contains("listening"));
    }

    [Fact]
    public void A_Bad_Row_Or_A_Failing_Query_Never_Stops_The_Decision_Thread()
    {
        using var broker = MosquittoBroker.Start();
        using var server = new ServerTestHost(broker);
        Assert.True(server.Host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10)));
        var s = server.Host.Services;
        var db = server.Host.Store.Db;
        DeviceRegistration gateDevice = s.Devices.Register(new DeviceInput("Gate", "hall", "both", null, null, null, null));
        string gate = gateDevice.Id;
        string reader = s.Devices.AddReader(gate, new ReaderInput(null, "In", "both", null, null, null));
        string alice = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") },
            new List<PermissionInput> { new(reader, Always) }));
        string bob = s.Users.Register(new UserInput("Bob", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04B0B0B0") },
            new List<PermissionInput> { new(reader, Always) }));
        string carol = s.Users.Register(new UserInput("Carol", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04CAC0CA") },
            new List<PermissionInput> { new(reader, Always) }));
        using var controller = new ServerMqttController(broker, gateDevice);
        int readerNum = NumericIds.Of(db, reader);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        DoorController.Contract.DecisionResponse Decide(string uid, int seconds = 10) =>
            controller.Decide(readerNum, "nfc", s.Context.Hasher.Hash("nfc", uid), now, TimeSpan.FromSeconds(seconds));

        Assert.True(Decide("04A1B2C3").Granted);
        Assert.True(Decide("04B0B0B0").Granted);
        Assert.True(Decide("04CAC0CA").Granted);

        // Rows the snapshot cannot read: Bob's time window is garbage, Carol's revoked flag too.
        db.Execute("UPDATE permission_windows SET days_mask = 'garbage' WHERE permission_id IN (SELECT id FROM permissions WHERE user_id = @b)", new { b = bob });
        db.Execute("UPDATE users SET revoked = 'maybe' WHERE id = @c", new { c = carol });
        s.Context.Changed();
        Assert.True(Decide("04A1B2C3").Granted); // everyone else is decided as before
        Assert.False(Decide("04B0B0B0").Granted); // a window that cannot be read drops the permission, never means "at any time"
        Assert.False(Decide("04CAC0CA").Granted); // a user row that cannot be read grants nothing

        // A query that fails outright: that request is not answered (the controller decides from its cache) ...
        db.Execute("ALTER TABLE fraud_policies RENAME TO fraud_policies_aside");
        s.Context.Changed();
        try
        {
            Assert.Throws<TimeoutException>(() => Decide("04A1B2C3", 2));
            Assert.True(s.Health.IsFailing(StorageHealth.Decisions));
        }
        finally
        {
            db.Execute("ALTER TABLE fraud_policies_aside RENAME TO fraud_policies");
        }
        // ... and the same thread answers the next one.
        Assert.True(Decide("04A1B2C3").Granted);
        Assert.False(s.Health.IsFailing(StorageHealth.Decisions));
        Assert.True(s.Health.UnansweredDecisions >= 1);
        Assert.Contains(s.Alerts.List(false, 20), a => a.Str("kind") == "server-decisions-recovered");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
