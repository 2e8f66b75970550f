using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The server process is killed (SIGKILL) in the middle of a journal replay and started again; the controller
/// keeps resending from its last acknowledged event (go-back-N, as firmware/Link EventReplayer does). Afterwards
/// every event is in the log exactly once.
/// </summary>
public sealed class ServerCrashReplayTests : IDisposable
{
    private const int EventCount = 3000;
    private const int Window = 200;
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private ServerProcess? _server;

    /// <summary>The broker settings as an operator gives them to a server process: a 0600 file, no secret on the command line.</summary>
    private string BrokerSettingsFile()
    {
        string path = Path.Combine(_dir, "broker.json");
        if (!File.Exists(path)) BrokerAccess.Of(_broker).Save(path);
        return path;
    }

    [Fact]
    public void Killing_The_Server_Mid_Replay_Loses_Nothing_And_Duplicates_Nothing()
    {
        string gate, gateKey;
        BrokerLogin gateLogin;
        int reader, user;
        // Provision with the server's own services on the same data directory, then hand it to the child process.
        using (var setup = ServerHost.Create(new ServerOptions { DataDirectory = _dir, Port = 0, AdminPassword = "setup-password", RunRetentionJob = false }))
        {
            var s = setup.Services;
            (gate, gateKey) = s.Devices.Register(new DeviceInput("Gate", "entrance", "both", null, null, null, null));
            gateLogin = _broker.RegisterController(gate);
            string r = s.Devices.AddReader(gate, new ReaderInput(null, "G1", "entry", null, null, null));
            string u = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") }, null));
            reader = NumericIds.Of(setup.Store.Db, r);
            user = NumericIds.Of(setup.Store.Db, u);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        StartServer();
        using var controller = new ServerMqttController(_broker, gate, gateKey, gateLogin);
        long t0 = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        string Event(long seq) => ServerMqttController.AccessEventJson(seq, t0 + seq, false, "entry", user, reader, "nfc", "00112233445566778899AABBCCDDEEFF", offline: true);

        long acked = 0;
        bool killed = false;
        int restarts = 0;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (acked < EventCount && DateTime.UtcNow < deadline)
        {
            long last = Math.Min(EventCount, acked + Window);
            for (long seq = acked + 1; seq <= last; seq++) controller.PublishEvent(seq, Event(seq), seq - 1);
            long got = controller.WaitAck(last, TimeSpan.FromSeconds(3));
            if (got > acked) acked = got;
            if (!killed && acked >= EventCount / 3)
            {
                // More is in flight right now: kill while the server is storing it.
                for (long seq = acked + 1; seq <= Math.Min(EventCount, acked + Window); seq++) controller.PublishEvent(seq, Event(seq), seq - 1);
                Thread.Sleep(5);
                _server!.Kill();
                killed = true;
                StartServer();
                restarts++;
            }
        }

        Assert.True(killed, "the server was never killed");
        Assert.Equal(EventCount, acked);
        var db = Database.OpenSqlite(Path.Combine(_dir, "doorctl.db"));
        var stats = db.QuerySingle("SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d, MIN(event_id) AS lo, MAX(event_id) AS hi FROM access_log WHERE device_id = @g", new { g = gate })!;
        Assert.Equal(EventCount, stats.Long("n"));
        Assert.Equal(EventCount, stats.Long("d"));
        Assert.Equal(1, stats.Long("lo"));
        Assert.Equal(EventCount, stats.Long("hi"));
        Assert.Equal(1, restarts);
    }

    private void StartServer()
    {
        _server?.Dispose();
        _server = ServerProcess.Start("--data " + _dir + " --port 0 --mqtt-config " + BrokerSettingsFile());
        Thread.Sleep(500); // "listening" is printed as the MQTT bridge starts; let it subscribe
    }

    public void Dispose()
    {
        _server?.Dispose();
        _broker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
