using System.Net.Http.Headers;
using DoorController.Contract;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// Three in-process server instances on one private PostgreSQL and one mosquitto, consuming decision requests
/// through a shared subscription (docs/scaling.md): simultaneous entries of one person at two doors, spread over the
/// instances by the broker, are never both granted; a revocation made through one instance is refused by the others
/// at their next decision; a session opened at one instance is honoured by another; one sealed request consumed by
/// two instances is answered and logged once; a sealed error report or clock request is acted on by one instance only.
/// </summary>
public sealed class ScaleOutTests : IClassFixture<ServerPostgresInstance>, IDisposable
{
    /// <summary>Double-entry attempts: one per person, each at both doors at once.</summary>
    private const int People = 10_000;
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly ScaleOutRig _rig;
    private readonly ServerTestHost _a, _b, _c;
    private readonly ServerServices _s;
    private readonly DeviceRegistration _gate, _lab;
    private readonly string _gateIn, _labIn;

    private readonly Xunit.Abstractions.ITestOutputHelper _out;

    public ScaleOutTests(ServerPostgresInstance pg, Xunit.Abstractions.ITestOutputHelper output)
    {
        _out = output;
        _rig = new ScaleOutRig(pg);
        _a = _rig.StartInProcess("a");
        _b = _rig.StartInProcess("b");
        _c = _rig.StartInProcess("c");
        _s = _a.Host.Services;
        _gate = _s.Devices.Register(new DeviceInput("Gate", "north entrance", "entry", null, null, null, null));
        _lab = _s.Devices.Register(new DeviceInput("Lab", "south entrance", "entry", null, null, null, null));
        _gateIn = _s.Devices.AddReader(_gate.Id, new ReaderInput(_s.Devices.AddDoor(_gate.Id, "North door", null), "N1", "entry", "outside", null, null));
        _labIn = _s.Devices.AddReader(_lab.Id, new ReaderInput(_s.Devices.AddDoor(_lab.Id, "South door", null), "S1", "entry", "outside", null, null));
    }

    private int Num(string id) => NumericIds.Of(_a.Host.Store.Db, id);
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private string Person(int i) => _s.Users.Register(new UserInput("Person " + i, "employee", null, null, null, null, null,
        new List<CredentialInput> { new("nfc", Card(i)) },
        new List<PermissionInput> { new(_gateIn, Always), new(_labIn, Always) }));

    /// <summary>Everyone who may pass both doors, imported the way a site hands over its member list (CSV, in files
    /// of at most <see cref="PeopleCsv.MaxRows"/>).</summary>
    private void ImportPeople()
    {
        for (int first = 0; first < People; first += PeopleCsv.MaxRows)
        {
            var csv = new System.Text.StringBuilder("name,attribute,credentials,doors\n");
            for (int i = first; i < Math.Min(People, first + PeopleCsv.MaxRows); i++) csv.Append("Person ").Append(i).Append(",employee,nfc:").Append(Card(i)).Append(",North door; South door\n");
            Assert.Equal(Math.Min(People - first, PeopleCsv.MaxRows), _s.PeopleCsv.Import(csv.ToString(), TimeZoneInfo.Utc).Count);
        }
    }

    private static string Card(int i) => "04" + i.ToString("X6");

    private long[] DecisionsPerInstance() => new[] { _a, _b, _c }.Select(h => h.Host.Mqtt!.Decider.Decisions).ToArray();

    [Fact]
    public void Simultaneous_Entries_Of_One_Person_At_Two_Doors_On_Different_Instances_Are_Never_Both_Granted()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ImportPeople();
        _out.WriteLine("imported " + People + " people in " + clock.Elapsed.TotalSeconds.ToString("F1") + " s");
        clock.Restart();
        using var gate = new ServerMqttController(_rig.Broker, _gate);
        using var lab = new ServerMqttController(_rig.Broker, _lab);
        var before = DecisionsPerInstance();
        var personOf = new Dictionary<string, int>();
        for (int i = 0; i < People; i++)
        {
            string hash = _s.Context.Hasher.Hash("nfc", Card(i));
            // Back to back: the broker hands consecutive messages of the shared subscription to different instances.
            personOf[gate.SendDecision(Num(_gateIn), "nfc", hash, Now)] = i;
            personOf[lab.SendDecision(Num(_labIn), "nfc", hash, Now)] = i;
        }
        var grants = new int[People];
        var answers = new int[People];
        var reasons = new List<string>();
        var until = DateTime.UtcNow.AddSeconds(180);
        int answered = 0;
        while (answered < 2 * People && DateTime.UtcNow < until)
        {
            foreach (var controller in new[] { gate, lab })
            {
                var r = controller.TakeResponse(TimeSpan.FromMilliseconds(20));
                if (r == null || !personOf.TryGetValue(r.RequestId, out int person)) continue;
                answered++;
                answers[person]++;
                if (r.Granted) grants[person]++;
                else reasons.Add(r.Reason);
            }
        }
        var after = DecisionsPerInstance();
        _out.WriteLine(answered + " answers in " + clock.Elapsed.TotalSeconds.ToString("F1") + " s");

        Assert.Equal(2 * People, answered);
        Assert.All(grants, g => Assert.True(g <= 1, "a person was granted twice"));
        Assert.All(grants, g => Assert.Equal(1, g)); // and no door refused everyone: the first of each pair got in
        Assert.All(reasons, r => Assert.Equal("apb-entry-without-exit", r));
        // The log agrees: one granted entry per person, and every decision has its row.
        var db = _a.Host.Store.Db;
        Assert.Equal(0, db.QuerySingle("SELECT COUNT(*) AS n FROM (SELECT user_id FROM access_log WHERE granted = 1 AND source = 'online' GROUP BY user_id HAVING COUNT(*) > 1) x")!.Long("n"));
        Assert.Equal(2 * People, db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE source = 'online'")!.Long("n"));
        // The broker really spread the work: every instance decided a share.
        for (int i = 0; i < 3; i++) Assert.True(after[i] - before[i] >= People / 6, "instance " + i + " decided " + (after[i] - before[i]) + " of " + 2 * People);
    }

    [Fact]
    public void A_Revocation_Through_One_Instance_Is_Refused_By_The_Others_At_Once()
    {
        string alice = Person(1), bob = Person(2);
        using var gate = new ServerMqttController(_rig.Broker, _gate);
        string aliceHash = _s.Context.Hasher.Hash("nfc", "04" + 1.ToString("X6"));
        string bobHash = _s.Context.Hasher.Hash("nfc", "04" + 2.ToString("X6"));
        // Every instance decides for Bob first, so each holds a snapshot in which Alice is valid.
        var warm = DecisionsPerInstance();
        for (int i = 0; i < 9; i++) gate.Decide(Num(_gateIn), "nfc", bobHash, Now);
        var warmed = DecisionsPerInstance();
        for (int i = 0; i < 3; i++) Assert.True(warmed[i] > warm[i], "instance " + i + " took no decision while warming");

        // Signed in at C, revoked through A: the session is in the database, not in C's memory.
        using var signedAtC = _c.SignedIn("admin", ScaleOutRig.AdminPassword);
        using var throughA = new HttpClient { BaseAddress = new Uri(_a.Url) };
        throughA.DefaultRequestHeaders.Authorization = signedAtC.DefaultRequestHeaders.Authorization;
        Assert.True(throughA.DeleteAsync("/api/users/" + alice).Result.IsSuccessStatusCode);

        var before = DecisionsPerInstance();
        for (int i = 0; i < 9; i++)
        {
            var r = gate.Decide(Num(_gateIn), "nfc", aliceHash, Now);
            Assert.False(r.Granted, "decision " + i + " after the revocation granted");
        }
        var after = DecisionsPerInstance();
        Assert.True(after[1] > before[1] && after[2] > before[2], "B and C must each have refused: " + string.Join(",", before) + " -> " + string.Join(",", after));
    }

    [Fact]
    public void Only_The_Leader_Ingests_Replayed_Events_And_Each_Is_Stored_Once()
    {
        string alice = Person(1);
        using var gate = new ServerMqttController(_rig.Broker, _gate);
        var leaders = new[] { _a, _b, _c }.Where(h => h.Host.Leader!.IsLeader).ToList();
        Assert.Single(leaders);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeMilliseconds();
        string hash = _s.Context.Hasher.Hash("nfc", "04" + 1.ToString("X6"));
        for (int round = 0; round < 2; round++)
        {
            for (int seq = 1; seq <= 50; seq++)
            {
                gate.PublishEvent(seq, ServerMqttController.AccessEventJson(seq, t0 + seq * 1000, true, seq % 2 == 1 ? "entry" : "exit", Num(alice), Num(_gateIn), "nfc", hash, offline: true));
            }
            Assert.Equal(50, gate.WaitAck(50, TimeSpan.FromSeconds(15)));
        }
        var db = _a.Host.Store.Db;
        Assert.Equal(50, db.QuerySingle("SELECT COUNT(DISTINCT event_id) AS n FROM access_log WHERE device_id = @d", new { d = _gate.Id })!.Long("n"));
        Assert.Equal(50, db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE device_id = @d", new { d = _gate.Id })!.Long("n"));
        Assert.Equal(50, leaders[0].Host.Mqtt!.Ingest.Stored);
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until && db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE retro_checked = 0")!.Long("n") > 0) Thread.Sleep(100);
        Assert.Equal(0, db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE retro_checked = 0")!.Long("n"));
        Assert.Equal(50, leaders[0].Host.Mqtt!.Retro.Reviewed);
        Assert.All(new[] { _a, _b, _c }.Where(h => h != leaders[0]), h => Assert.Equal(0, h.Host.Mqtt!.Retro.Reviewed));
    }

    [Fact]
    public void One_Sealed_Request_Published_Twice_To_Two_Instances_Gets_One_Answer_And_One_Row()
    {
        Person(1);
        using var gate = new ServerMqttController(_rig.Broker, _gate);
        string hash = _s.Context.Hasher.Hash("nfc", "04" + 1.ToString("X6"));
        // Every instance accepts a request from the gate first: each remembers a nonce below the one replayed next, so
        // only the database can tell the second copy is a replay.
        var warm = DecisionsPerInstance();
        for (int i = 0; i < 9; i++) gate.Decide(Num(_gateIn), "nfc", hash, Now);
        var warmed = DecisionsPerInstance();
        for (int i = 0; i < 3; i++) Assert.True(warmed[i] > warm[i], "instance " + i + " took no decision while warming");
        var db = _a.Host.Store.Db;
        long rowsBefore = db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE device_id = @d", new { d = _gate.Id })!.Long("n");
        long replaysBefore = Replays();

        long nonce = ServerMqttController.NextNonce();
        var request = new DecisionRequest { RequestId = "q-" + nonce, Nonce = nonce, Reader = Num(_gateIn), CredentialKind = "nfc", CredentialHash = hash, At = Now };
        byte[] sealedRequest = gate.Keys.Seal(gate.Topics.DecisionRequest, request.ToJson());
        // Back to back: the shared subscription hands the two copies to two different instances.
        Assert.True(gate.SendRaw(gate.Topics.DecisionRequest, sealedRequest, 0));
        Assert.True(gate.SendRaw(gate.Topics.DecisionRequest, sealedRequest, 0));

        Assert.NotNull(gate.AwaitResponse(request, TimeSpan.FromSeconds(10)));
        Assert.Null(gate.AwaitResponse(request, TimeSpan.FromSeconds(3)));
        Assert.Equal(rowsBefore + 1, db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE device_id = @d", new { d = _gate.Id })!.Long("n"));
        Assert.Equal(1, db.QuerySingle("SELECT COUNT(*) AS n FROM request_nonces WHERE device_id = @d AND nonce = @n", new { d = _gate.Id, n = nonce })!.Long("n"));
        // The second copy reached an instance and was refused there as a replay, not lost on the way.
        Assert.Equal(replaysBefore + 1, Replays());
        Assert.Equal(warmed.Sum() + 1, DecisionsPerInstance().Sum());
    }

    [Fact]
    public void Card_And_Pin_Pair_Up_Whichever_Instances_Decide_The_Two_Factors()
    {
        string gateOut = _s.Devices.AddReader(_gate.Id, new ReaderInput(null, "N1 out", "exit", "inside", null, null));
        string erin = _s.Users.Register(new UserInput("Erin", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04E21200"), new("pin", "8642") }, new List<PermissionInput> { new(_gateIn, Always), new(gateOut, Always) }));
        _s.CredentialRules.SetCardAndPin(_gateIn, 10, Always);
        _s.CredentialRules.SetCardAndPin(gateOut, 10, Always);
        using var gate = new ServerMqttController(_rig.Broker, _gate);
        var factors = new[] { ("nfc", _s.Context.Hasher.Hash("nfc", "04E21200")), ("pin", _s.Context.Hasher.Hash("pin", "8642")) };
        var before = DecisionsPerInstance();
        for (int pair = 0; pair < 6; pair++)
        {
            // In, out, in...; card first, then PIN first (either order), each factor wherever the broker sends it.
            int reader = Num(pair % 2 == 0 ? _gateIn : gateOut);
            var (firstKind, firstHash) = factors[pair / 2 % 2];
            var (secondKind, secondHash) = factors[1 - pair / 2 % 2];
            Assert.Equal("second-factor-required", gate.Decide(reader, firstKind, firstHash, Now).Reason);
            var second = gate.Decide(reader, secondKind, secondHash, Now);
            Assert.True(second.Granted, "pair " + pair + " (" + firstKind + " then " + secondKind + "): " + second.Reason);
        }
        var after = DecisionsPerInstance();
        Assert.True(Enumerable.Range(0, 3).Count(i => after[i] > before[i]) >= 2, "one instance decided every factor: " + string.Join(",", before) + " -> " + string.Join(",", after));
        // Every first factor was taken by its second: nothing is left waiting.
        Assert.Equal(0, _a.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM pending_factors WHERE user_id = @u", new { u = erin })!.Long("n"));
    }

    [Fact]
    public void A_Replayed_Entry_Into_A_Room_Puts_The_Person_In_Its_Building_For_The_Next_Decision_On_Any_Instance()
    {
        // Building B holds room X7; one controller at B's door (in and out), one at X7's.
        string building = _s.Devices.AddArea("Building B"), room = _s.Devices.AddArea("Room X7", building);
        var roomDevice = _s.Devices.Register(new DeviceInput("Room", "room X7", "entry", null, null, null, null));
        string buildingDoor = _s.Devices.AddDoor(_gate.Id, "B door", building), roomDoor = _s.Devices.AddDoor(roomDevice.Id, "X7 door", room);
        string bIn = _s.Devices.AddReader(_gate.Id, new ReaderInput(buildingDoor, "B in", "entry", null, null, null));
        string bOut = _s.Devices.AddReader(_gate.Id, new ReaderInput(buildingDoor, "B out", "exit", null, null, null));
        string xIn = _s.Devices.AddReader(roomDevice.Id, new ReaderInput(roomDoor, "X7 in", "entry", null, null, null));
        string xOut = _s.Devices.AddReader(roomDevice.Id, new ReaderInput(roomDoor, "X7 out", "exit", null, null, null));
        string frank = _s.Users.Register(new UserInput("Frank", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04F00D01") },
            new List<PermissionInput> { new(bIn, Always), new(bOut, Always), new(xIn, Always), new(xOut, Always) }));
        string hash = _s.Context.Hasher.Hash("nfc", "04F00D01");
        using var gate = new ServerMqttController(_rig.Broker, _gate);
        using var roomController = new ServerMqttController(_rig.Broker, roomDevice);

        // Online: into the building and out again.
        Assert.True(gate.Decide(Num(bIn), "nfc", hash, Now).Granted);
        Assert.True(gate.Decide(Num(bOut), "nfc", hash, Now).Granted);
        // Later (whole seconds: presence is kept in seconds), the room's controller, offline, let him into X7 — he was
        // back in the building — and replays it.
        Thread.Sleep(1100);
        roomController.PublishEvent(1, ServerMqttController.AccessEventJson(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), true, "entry", Num(frank), Num(xIn), "nfc", hash, offline: true));
        Assert.Equal(1, roomController.WaitAck(1, TimeSpan.FromSeconds(15)));
        Thread.Sleep(1100);

        // Whichever instance decides reads the replayed entry as one instance would have applied it: in X7 and so in
        // B, not "in X7 of a building he left" (which refuses his way out as an exit without an entry).
        for (int i = 0; i < 3; i++)
        {
            var exit = roomController.Decide(Num(xOut), "nfc", hash, Now);
            Assert.True(exit.Granted, "leaving X7 after the replayed entry: " + exit.Reason);
            var back = roomController.Decide(Num(xIn), "nfc", hash, Now);
            Assert.True(back.Granted, "back into X7: " + back.Reason);
        }
    }

    /// <summary>The sync, clock and error topics are shared too: each message reaches one instance, so only the
    /// database (wire_nonces) can tell the second instance that a copy it gets was accepted by the first.</summary>
    [Fact]
    public void An_Error_Report_And_A_Clock_Request_Replayed_To_A_Second_Instance_Are_Refused_There()
    {
        using var gate = new ServerMqttController(_rig.Broker, _gate);
        var db = _a.Host.Store.Db;
        long replaysBefore = Replays();
        long refusalsBefore = new[] { _a, _b, _c }.Sum(h => h.Host.Mqtt!.Audit.Count(DoorController.Server.Mqtt.WireAudit.ControllerRefusal));
        long nonce = ServerMqttController.NextNonce();
        byte[] report = gate.Keys.Seal(gate.Topics.Error, new ErrorMessage { Nonce = nonce, Topic = gate.Topics.Command, Error = "command refused: bad mac" }.ToJson());
        byte[] clock = gate.Keys.Seal(gate.Topics.ClockRequest, new ClockRequest { Nonce = ServerMqttController.NextNonce() }.ToJson());
        // Back to back: the shared subscription hands the two copies of each to two different instances.
        Assert.True(gate.SendRaw(gate.Topics.Error, report, 1));
        Assert.True(gate.SendRaw(gate.Topics.Error, report, 1));
        Assert.True(gate.SendRaw(gate.Topics.ClockRequest, clock, 0));
        Assert.True(gate.SendRaw(gate.Topics.ClockRequest, clock, 0));

        Assert.NotNull(gate.Next(gate.Topics.Clock, TimeSpan.FromSeconds(10)));
        Assert.Null(gate.Next(gate.Topics.Clock, TimeSpan.FromSeconds(2)));
        long Listed() => db.QuerySingle("SELECT COUNT(*) AS n FROM controller_errors WHERE device_id = @d", new { d = _gate.Id })!.Long("n");
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && (Replays() < replaysBefore + 2 || Listed() == 0)) Thread.Sleep(20);
        Thread.Sleep(500);
        Assert.Equal(replaysBefore + 2, Replays());
        Assert.Equal(1, Listed());
        Assert.Equal(refusalsBefore + 1, new[] { _a, _b, _c }.Sum(h => h.Host.Mqtt!.Audit.Count(DoorController.Server.Mqtt.WireAudit.ControllerRefusal)));
    }

    private long Replays() => new[] { _a, _b, _c }.Sum(h => h.Host.Mqtt!.Audit.Count(DoorController.Server.Mqtt.WireAudit.Replayed));

    [Fact]
    public void An_Instance_With_Another_Site_Key_Refuses_To_Start()
    {
        string other = Path.Combine(Path.GetTempPath(), "doorctl-scale-other-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(other);
        try
        {
            // The right master key, but a site key of its own (made at this start): it would hash every credential differently.
            File.Copy(Path.Combine(_rig.DataDirectory, "master.key"), Path.Combine(other, "master.key"));
            var e = Assert.Throws<DoorController.Server.StartupException>(() => DoorController.Server.ServerHost.Create(new DoorController.Server.ServerOptions
            {
                DataDirectory = other, Port = 0, AdminPassword = ScaleOutRig.AdminPassword, RunRetentionJob = false, Postgres = _rig.ConnectionString, Instance = "d",
            }));
            Assert.Contains("site.key", e.Message);
        }
        finally
        {
            Directory.Delete(other, true);
        }
    }

    public void Dispose() => _rig.Dispose();
}
