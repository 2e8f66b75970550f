using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// Patent S116 end to end, through the real broker, a real server and a virtual controller running the firmware: at a
/// door with a contact a person's presence (anti-passback state) moves when the door opens, not on the grant. A grant
/// whose door never opens leaves presence unchanged — the person's next entry is not refused as anti-passback, and
/// the history says "granted, not opened" — online and when the offline journal is replayed and reviewed.
/// </summary>
public sealed class PresenceOnOpeningTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private const string Card = "04A1B2C3";
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "opening-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ServerTestHost _host;
    private readonly Database _db;
    private readonly string _alice;
    private readonly string _entry;
    private readonly VirtualController _controller;

    public PresenceOnOpeningTests()
    {
        _host = new ServerTestHost(_broker);
        var s = _host.Host.Services;
        _db = _host.Host.Store.Db;
        // A lab with its own area and a door with a contact, released 1 s per grant.
        string lab = s.Devices.AddArea("Lab");
        DeviceRegistration registration = s.Devices.Register(new DeviceInput("Lab door", "lab", "both", lab, null, null, null));
        string door = s.Devices.AddDoor(registration.Id, "Lab door", lab, 1000, hasContact: true);
        _entry = s.Devices.AddReader(registration.Id, new ReaderInput(door, "Lab entry", "entry", "corridor", null, null));
        _alice = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", Card) }, new List<PermissionInput> { new(_entry, Always) }));
        _controller = new VirtualController("lab", Path.Combine(_dir, "flash"));
        var config = ProvisionedLink.For(_broker, registration);
        (config.DoorId, config.NfcReaderId) = (NumericIds.Of(_db, door), NumericIds.Of(_db, _entry));
        (config.RelayPin, config.DoorContactPin, config.RexPin, config.LedPin, config.BuzzerPin) = (26, 27, 14, 2, 4);
        _controller.Provision(config);
        _controller.Start();
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0 && _controller.Inspect(app => app.Link.IsOnline), "the controller to sync and come online");
        Assert.Equal("door contact on GPIO 27: presence moves when the door opens", _controller.Inspect(app => app.Report.DetailOf("contact")));
    }


    private string Badge() => DecisionAt.Card(_controller, Card);

    private List<Row> Passages() => _db.Query("SELECT passage, source, granted FROM access_log WHERE user_id = @a ORDER BY occurred_at, id", new { a = _alice });

    private string? AliceIs() => _db.QuerySingle("SELECT state FROM presence WHERE user_id = @a", new { a = _alice })?.Str("state");

    /// <summary>Every event acknowledged: the door's reports are stored and the decider has re-read presence.</summary>
    private void Drained()
    {
        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "every journal event to be acknowledged");
        Thread.Sleep(300); // the decider re-reads the moved presence right after the commit the ack follows
    }

    [Fact]
    public void A_Door_That_Never_Opens_After_A_Grant_Leaves_Presence_Unchanged()
    {
        Assert.Equal("granted (granted, online)", Badge());
        // The door relocks unused after its 1 s and the 1.5 s grace: the controller reports grant_unused.
        WaitFor(() => Passages().Count == 1 && Passages()[0].Str("passage") == AccessEvent.NotOpened, "the grant settled as not opened");
        Drained();
        Assert.Null(AliceIs());

        // Not inside, so her next entry is not anti-passback.
        Assert.Equal("granted (granted, online)", Badge());
        Assert.Equal(AccessEvent.AwaitingDoor, Passages()[1].Str("passage"));
        var history = _host.SignedIn().GetStringAsync("/api/history?limit=10").Result;
        Assert.Contains("\"passage\":\"not-opened\"", history);
    }

    [Fact]
    public void A_Door_That_Opens_Moves_Presence_And_The_Next_Entry_Is_Anti_Passback()
    {
        Assert.Equal("granted (granted, online)", Badge());
        Assert.Null(AliceIs());
        _controller.OpenDoor();
        WaitFor(() => Passages()[0].Str("passage") == AccessEvent.Opened, "the door_opened report");
        _controller.CloseDoor();
        Drained();
        Assert.Equal("inside", AliceIs());

        Assert.Equal("denied (apb-entry-without-exit, online)", Badge());
    }

    [Fact]
    public void Replayed_Offline_Grants_Move_Presence_Only_Where_The_Door_Opened()
    {
        _broker.Kill();
        WaitFor(() => !_controller.Inspect(app => app.Link.IsOnline), "the link to notice the outage");
        Assert.Equal("granted (granted, offline)", Badge());
        WaitFor(() => _controller.Inspect(app => app.Flow.LastOutcome) != null && CountOf(DoorController.Contract.EventType.GrantUnused) == 1,
            "the unused grant journalled");
        Thread.Sleep(1100); // a later second: the grants are ordered in time
        Assert.Equal("granted (granted, offline)", Badge());
        _controller.OpenDoor();
        WaitFor(() => CountOf(DoorController.Contract.EventType.DoorOpened) == 1, "the opening journalled");
        _controller.CloseDoor();

        _broker.Restart();
        WaitFor(() => Passages().Count == 2 && Passages()[0].Str("passage") == AccessEvent.NotOpened && Passages()[1].Str("passage") == AccessEvent.Opened,
            "both offline grants replayed and settled", 60);
        WaitFor(() => _db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE user_id = @a AND retro_checked = 0", new { a = _alice })!.Long("n") == 0,
            "the retro review", 30);
        Assert.Equal("inside", AliceIs());
        // The first grant moved nobody, so the second entry was no entry without an exit: the review finds nothing.
        var alerts = _host.Host.Services.Alerts.List(false, 50).Where(a => a.Str("kind") == "retro-fraud").ToList();
        Assert.Empty(alerts);
    }

    private int CountOf(DoorController.Contract.EventType type) => _controller.Inspect(app =>
    {
        var records = new DoorController.Journal.JournalRecord[64];
        for (int i = 0; i < records.Length; i++) records[i] = new DoorController.Journal.JournalRecord();
        int n = app.Journal.Read(0, records, 1 << 16);
        int count = 0;
        for (int i = 0; i < n; i++) if (records[i].Type == type) count++;
        return count;
    });

    public void Dispose()
    {
        _controller.Dispose();
        _host.Dispose();
        _broker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
