using System.IO;
using DoorController.Access;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>Card + PIN per reader and window through the real broker and server, and the rule in the reader's bundle.</summary>
public sealed class CredentialRuleTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerManualTime _time = new(DateTimeOffset.UtcNow);
    private readonly ServerTestHost _server;
    private readonly ServerServices _s;
    private readonly DeviceRegistration _door;
    private readonly string _reader;

    public CredentialRuleTests()
    {
        _server = new ServerTestHost(_broker, o => o.Time = _time);
        _s = _server.Host.Services;
        _door = _s.Devices.Register(new DeviceInput("Door", "lab", "both", null, null, null, null));
        _reader = _s.Devices.AddReader(_door.Id, new ReaderInput(null, "L", "both", null, null, null));
        _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3"), new("pin", "2468") }, new List<PermissionInput> { new(_reader, Always) }));
    }

    /// <summary>Decides with the server's clock at <paramref name="atUnix"/> (the server times online decisions itself).</summary>
    private DoorController.Contract.DecisionResponse DecideAt(ServerMqttController door, string reader, string kind, string hash, long atUnix)
    {
        _time.Advance(TimeSpan.FromSeconds(atUnix - _time.GetUtcNow().ToUnixTimeSeconds()));
        return door.Decide(Num(reader), kind, hash, atUnix);
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);
    private string Hash(string method, string value) => _s.Context.Hasher.Hash(method, value);

    [Fact]
    public void Card_Then_Pin_Within_The_Seconds_Opens_While_The_Rule_Holds_And_Card_Alone_After_It_Is_Lifted()
    {
        using var door = new ServerMqttController(_broker, _door);
        long t = _time.GetUtcNow().ToUnixTimeSeconds();
        Assert.True(DecideAt(door, _reader, "nfc", Hash("nfc", "04A1B2C3"), t).Granted);

        _s.CredentialRules.SetCardAndPin(_reader, 8, new List<WindowInput> { new(0xFF, 0, 1440) });
        var card = DecideAt(door, _reader, "nfc", Hash("nfc", "04A1B2C3"), t + 100);
        Assert.False(card.Granted);
        Assert.Equal("second-factor-required", card.Reason);
        var pin = DecideAt(door, _reader, "pin", Hash("pin", "2468"), t + 105);
        Assert.True(pin.Granted, pin.Reason);
        DecideAt(door, _reader, "pin", Hash("pin", "2468"), t + 200);
        Assert.Equal("second-factor-required", DecideAt(door, _reader, "nfc", Hash("nfc", "04A1B2C3"), t + 209).Reason); // 9 s > 8 s
        Assert.Equal(3, _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE reason = 'second-factor-required'")!.Long("n")); // in the history

        _s.CredentialRules.SetSingle(_reader);
        Assert.True(DecideAt(door, _reader, "nfc", Hash("nfc", "04A1B2C3"), t + 300).Granted);
    }

    [Fact]
    public void The_Rule_Reaches_The_Controller_In_Its_Bundle_And_Bad_Rules_Are_Refused()
    {
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.CredentialRules.SetCardAndPin(_reader, 1, Always));
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.CredentialRules.SetCardAndPin(_reader, 10, new List<WindowInput>()));
        Assert.Throws<DoorController.Server.Api.ApiException>(() => _s.CredentialRules.SetCardAndPin("r-missing", 10, Always));
        long before = _server.Host.Store.Db.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = _door.Id })!.Long("cache_version");
        _s.CredentialRules.SetCardAndPin(_reader, 12, new List<WindowInput> { new(0x7F, 20 * 60, 7 * 60) });
        Assert.True(_server.Host.Store.Db.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = _door.Id })!.Long("cache_version") > before);

        var snapshot = DoorController.Server.Decisions.DecisionSnapshot.Load(_server.Host.Store.Db);
        var cache = DoorController.Server.Sync.ControllerBundleBuilder.Collect(snapshot, new AccessOptions(), _door.Id);
        var file = new MemoryStream();
        cache.WriteTo(file, 1);
        var store = new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 64);
        Assert.Equal(ReasonCode.Granted, SiteCacheReader.Load(store, out SiteCache site));
        Reader reader = site.Site.FindReader(Num(_reader));
        Assert.Equal(12, reader.CardAndPinSeconds);
        var w = Assert.Single(reader.CardAndPinWindows);
        Assert.Equal((0x7F, 20 * 60, 7 * 60), (w.DaysMask, w.StartMinute, w.EndMinute));
    }

    public void Dispose()
    {
        _server.Dispose();
        _broker.Dispose();
    }
}
