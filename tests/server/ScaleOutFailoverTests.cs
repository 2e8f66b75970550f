using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// Three doorctl-server processes (--instance, DOORCTL_POSTGRES) on one private PostgreSQL and one mosquitto, one of
/// them killed with SIGKILL: another takes the lead within 5 s and still pushes bundles; under decision load and a
/// journal replay, no decision is answered without its committed row, no row is doubled, no replayed event is lost,
/// and requests after the kill are answered by the survivors.
/// </summary>
public sealed class ScaleOutFailoverTests : IClassFixture<ServerPostgresInstance>, IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly ScaleOutRig _rig;
    private readonly string _gate, _lab, _reader, _alice;
    private readonly string _gateKey, _labKey;
    private readonly BrokerLogin _gateLogin, _labLogin;
    private readonly int _readerNum, _aliceNum;
    private readonly string _aliceHash;

    public ScaleOutFailoverTests(ServerPostgresInstance pg)
    {
        _rig = new ScaleOutRig(pg);
        using (var setup = _rig.Provisioner())
        {
            var s = setup.Services;
            var gate = s.Devices.Register(new DeviceInput("Gate", "entrance", "entry", null, null, null, null));
            var lab = s.Devices.Register(new DeviceInput("Lab", "lab", "entry", null, null, null, null));
            (_gate, _gateKey, _lab, _labKey) = (gate.Id, gate.Key, lab.Id, lab.Key);
            _reader = s.Devices.AddReader(_gate, new ReaderInput(null, "G1", "entry", "outside", null, null));
            _alice = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
                new List<CredentialInput> { new("nfc", "04A1B2C3") }, new List<PermissionInput> { new(_reader, Always) }));
            _readerNum = NumericIds.Of(setup.Store.Db, _reader);
            _aliceNum = NumericIds.Of(setup.Store.Db, _alice);
            _aliceHash = s.Context.Hasher.Hash("nfc", "04A1B2C3");
        }
        _gateLogin = _rig.Broker.RegisterController(_gate);
        _labLogin = _rig.Broker.RegisterController(_lab);
        foreach (string name in new[] { "a", "b", "c" }) _rig.StartProcess(name);
    }

    [Fact]
    public void Killing_The_Leader_Elects_Another_Within_Five_Seconds_And_Bundles_Are_Still_Pushed()
    {
        string? leader = _rig.WaitLeader(TimeSpan.FromSeconds(15));
        Assert.NotNull(leader);
        using var gate = new ServerMqttController(_rig.Broker, _gate, _gateKey, _gateLogin);
        var db = _rig.OpenDatabase();
        long version = db.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = _gate })!.Long("cache_version") + 1;
        Assert.True(gate.RequestSync(version)); // up to date: recorded by whichever instance hears it
        Assert.True(Until(() => db.QuerySingle("SELECT installed FROM controller_sync WHERE device_id = @d", new { d = _gate })?.Long("installed") == version, 10));

        var killedAt = DateTime.UtcNow;
        _rig.Process(leader!).Kill();
        string? next = _rig.WaitLeader(TimeSpan.FromSeconds(5), except: leader);
        Assert.NotNull(next);
        Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(5), "took " + (DateTime.UtcNow - killedAt));

        // A change through a survivor: the new leader pushes the gate's new bundle.
        using var http = SignedIn(_rig.Process(next!).Url!);
        Assert.True(http.DeleteAsync("/api/users/" + _alice).Result.IsSuccessStatusCode);
        Assert.NotNull(gate.NextChunk(TimeSpan.FromSeconds(10)));
        long pushed = db.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = _gate })!.Long("cache_version") + 1;
        Assert.True(pushed > version);
        Assert.True(Until(() => db.QuerySingle("SELECT installed FROM controller_sync WHERE device_id = @d", new { d = _gate })!.Long("installed") == pushed, 5));
    }

    [Fact]
    public void An_Instance_Killed_Under_Load_Answers_Nothing_Unlogged_Doubles_Nothing_And_Loses_No_Replayed_Event()
    {
        const int Requests = 1200, Events = 2000, Window = 100;
        string? leader = _rig.WaitLeader(TimeSpan.FromSeconds(15));
        Assert.NotNull(leader);
        using var gate = new ServerMqttController(_rig.Broker, _gate, _gateKey, _gateLogin);
        using var lab = new ServerMqttController(_rig.Broker, _lab, _labKey, _labLogin);
        var sentAt = new ConcurrentDictionary<string, DateTime>();
        var answered = new ConcurrentDictionary<string, bool>();
        DateTime killedAt = DateTime.MaxValue;
        bool stop = false;

        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop)) { var r = gate.TakeResponse(TimeSpan.FromMilliseconds(50)); if (r != null) answered[r.RequestId] = r.Granted; }
        });
        collector.Start();
        var load = new Thread(() =>
        {
            // 200 requests/s; each request's nonce is claimed in the transaction that logs its row.
            for (int i = 0; i < Requests; i++)
            {
                string id = gate.SendDecision(_readerNum, "nfc", _aliceHash, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                sentAt[id] = DateTime.UtcNow;
                if (i == Requests / 3)
                {
                    killedAt = DateTime.UtcNow;
                    _rig.Process(leader!).Kill();
                }
                Thread.Sleep(5);
            }
        });
        load.Start();

        // Meanwhile the lab replays its journal, go-back-N from the last ack, as firmware/Link EventReplayer does.
        long t0 = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        long acked = 0;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (acked < Events && DateTime.UtcNow < deadline)
        {
            long last = Math.Min(Events, acked + Window);
            for (long seq = acked + 1; seq <= last; seq++)
            {
                lab.PublishEvent(seq, ServerMqttController.AccessEventJson(seq, t0 + seq, false, "entry", _aliceNum, _readerNum, "nfc", _aliceHash, offline: true));
            }
            long got = lab.WaitAck(last, TimeSpan.FromSeconds(3));
            if (got > acked) acked = got;
        }
        load.Join();
        Thread.Sleep(3000); // the last answers
        Volatile.Write(ref stop, true);
        collector.Join();

        var db = _rig.OpenDatabase();
        Assert.Equal(Events, acked);
        var replay = db.QuerySingle("SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM access_log WHERE device_id = @d", new { d = _lab })!;
        Assert.Equal(Events, replay.Long("n"));
        Assert.Equal(Events, replay.Long("d"));

        // Rows are stamped with the server's clock, so a request is found by its nonce (request id "q-<nonce>"),
        // claimed in request_nonces by the transaction that writes its row.
        var claimed = new HashSet<long>(db.Query("SELECT nonce FROM request_nonces WHERE device_id = @d", new { d = _gate }).Select(r => r.Long("nonce")));
        var unlogged = answered.Keys.Where(id => !claimed.Contains(long.Parse(id[2..]))).ToList();
        Assert.Empty(unlogged); // every answer follows its committed transaction
        var online = db.QuerySingle("SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM access_log WHERE device_id = @d AND source = 'online'", new { d = _gate })!;
        Assert.Equal(online.Long("n"), online.Long("d"));
        Assert.Equal(claimed.Count, online.Long("n")); // one row per decided request: none doubled, none missing
        Assert.Single(answered.Values.Where(g => g)); // one entry granted, every later one refused (anti-passback)
        // After the kill the survivors answer everything; before it, what the dead instance held is unanswered
        // (the controller decides from its cache and journals it for replay).
        var late = sentAt.Where(kv => kv.Value > killedAt.AddSeconds(1)).Select(kv => kv.Key).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, id => Assert.True(answered.ContainsKey(id), "request sent after the kill went unanswered (" + answered.Count + " of " + Requests + " answered)"));
    }

    private static HttpClient SignedIn(string url)
    {
        var http = new HttpClient { BaseAddress = new Uri(url) };
        var res = http.PostAsync("/api/auth/login", ServerTestHost.Json(new { username = "admin", password = ScaleOutRig.AdminPassword })).Result;
        res.EnsureSuccessStatusCode();
        string token = JsonDocument.Parse(res.Content.ReadAsStringAsync().Result).RootElement.GetProperty("token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static bool Until(Func<bool> condition, int seconds)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until) { if (condition()) return true; Thread.Sleep(50); }
        return condition();
    }

    public void Dispose() => _rig.Dispose();
}
