using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// The real firmware (ControllerApp on hal/host, a VirtualController) against the real server and mosquitto:
/// the cache arrives as a signed bundle, decisions go online, an outage is decided offline from the cache with
/// anti-passback skipped, and the replay after the outage raises the after-the-fact alert.
/// </summary>
public sealed class EndToEndControllerTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly string _gate, _gateKey, _door, _gateIn, _alice;
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "e2e-" + Guid.NewGuid().ToString("N"));
    private readonly VirtualController _controller;

    public EndToEndControllerTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        DeviceRegistration gate = _s.Devices.Register(new DeviceInput("Gate", "building entrance", "entry", null, null, null, null));
        (_gate, _gateKey) = gate;
        _door = _s.Devices.AddDoor(_gate, "G1", null);
        _gateIn = _s.Devices.AddReader(_gate, new ReaderInput(_door, "G1 entry", "entry", "outside", null, null));
        _alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3") }, new List<PermissionInput> { new(_gateIn, Always) }));

        _controller = new VirtualController("gate", _flash);
        var config = ProvisionedLink.For(_broker, gate);
        config.DoorId = Num(_door);
        config.NfcReaderId = Num(_gateIn);
        (config.RelayPin, config.DoorContactPin, config.RexPin, config.LedPin, config.BuzzerPin) = (26, 27, 14, 2, 4);
        _controller.Provision(config);
        _controller.Start();
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);


    private string Present(string uid) => DecisionAt.Card(_controller, uid);

    private long Rows(string where) => _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE " + where, new { a = _alice })!.Long("n");

    [Fact]
    public void Relay_Is_Locked_After_Boot_And_Every_Part_Reports()
    {
        Assert.False(_controller.LockIsUnlocked);
        string report = _controller.Inspect(app => app.Report.Describe());
        foreach (string part in new[] { "config", "relay", "journal", "cache", "network", "time", "link", "readers" })
        {
            Assert.Contains(part, report);
        }
    }

    [Fact]
    public void Signed_Cache_Arrives_Decisions_Go_Online_Outage_Decides_Offline_And_Replay_Raises_The_Alert()
    {
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0, "the signed cache bundle to install");
        WaitFor(() => _controller.Inspect(app => app.Link.IsOnline), "the link to come online");

        Assert.Equal("granted (granted, online)", Present("04A1B2C3"));
        WaitFor(() => _controller.LockIsUnlocked, "the lock to release");
        Assert.Equal("denied (apb-entry-without-exit, online)", Present("04A1B2C3")); // second entry, no exit
        Assert.Equal("denied (unknown-credential, online)", Present("04FFFFFF"));

        _broker.Kill();
        WaitFor(() => !_controller.Inspect(app => app.Link.IsOnline), "the link to notice the outage");
        // Offline the controller cannot see other readers' history: anti-passback is skipped, the grant is logged
        // for a retro check.
        Assert.Equal("granted (granted, offline)", Present("04A1B2C3"));
        Assert.Equal("denied (unknown-credential, offline)", Present("04FFFFFF"));
        Assert.True(_controller.Inspect(app => app.Journal.Depth) >= 2);

        _broker.Restart();
        WaitFor(() => Rows("user_id = @a AND source = 'offline'") == 1, "the offline grant to be replayed", 30);
        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "the journal to be acknowledged", 30);
        // The journal kept only the credential's 7-byte hash prefix: the server logged the person's whole credential hash
        // (what the retro review looks up), and the unknown card's prefix as unknown.
        var db = _server.Host.Store.Db;
        string aliceHash = db.QuerySingle("SELECT hash FROM credentials WHERE user_id = @a", new { a = _alice })!.Str("hash");
        var grant = db.QuerySingle("SELECT credential_hash, credential_prefix, credential_match FROM access_log WHERE user_id = @a AND source = 'offline'", new { a = _alice })!;
        Assert.Equal(32, aliceHash.Length);
        Assert.Equal(aliceHash, grant.Str("credential_hash"));
        Assert.Equal(aliceHash.Substring(0, 14), grant.Str("credential_prefix"));
        Assert.Equal("prefix", grant.Str("credential_match"));
        var unknown = db.QuerySingle("SELECT credential_hash, credential_prefix, credential_match FROM access_log WHERE source = 'offline' AND granted = 0")!;
        Assert.Null(unknown.Str("credential_hash"));
        Assert.Equal(14, unknown.Str("credential_prefix").Length);
        Assert.Equal("unknown", unknown.Str("credential_match"));
        WaitFor(() => _s.Alerts.List(false, 50).Any(a => a.Str("kind") == "retro-fraud"), "the after-the-fact alert", 30);
        Assert.Contains("apb-entry-without-exit", _s.Alerts.List(false, 50).First(a => a.Str("kind") == "retro-fraud").Str("message"));
    }

    /// <summary>An operator's resync (POST /api/devices/{id}/commands): the controller asks for its cache at once,
    /// not at its next hourly sync, and reports the command done.</summary>
    [Fact]
    public void A_Resync_Command_Makes_The_Controller_Ask_For_Its_Cache_At_Once()
    {
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0 && _controller.Inspect(app => app.Link.IsOnline), "the first bundle");
        long before = SyncRequestNonce();
        var (id, published) = _s.Commands.Issue(_gate, null, "resync", "admin");
        Assert.True(published);
        WaitFor(() => SyncRequestNonce() > before, "the controller's sync request after the command");
        WaitFor(() => _server.Host.Store.Db.QuerySingle("SELECT result FROM commands WHERE id = @i", new { i = id })!.Str("result") == "ok", "the command's result");
    }

    private long SyncRequestNonce() => _server.Host.Store.Db.QuerySingle(
        "SELECT COALESCE(MAX(nonce), 0) AS n FROM wire_nonces WHERE device_id = @d AND track = 'sync/req'", new { d = _gate })!.Long("n");

    [Fact]
    public void A_Revocation_Reaches_The_Controller_And_Takes_Effect_Offline()
    {
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0, "the first bundle");
        long first = _controller.Inspect(app => (long)app.Cache.Version);
        _s.Users.RevokeUser(_alice);
        WaitFor(() => _controller.Inspect(app => (long)app.Cache.Version) > first, "the bundle after the revocation");
        Assert.True(_server.Host.Mqtt!.Bundles.DeltasSent > 0, "the revocation should travel as a delta, not a full snapshot");
        _broker.Kill();
        WaitFor(() => !_controller.Inspect(app => app.Link.IsOnline), "the link to notice the outage");
        Assert.StartsWith("denied", Present("04A1B2C3"));
    }

    public void Dispose()
    {
        _controller.Dispose();
        _server.Dispose();
        _broker.Dispose();
        try { Directory.Delete(_flash, true); } catch (IOException) { }
    }
}
