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
/// A fail-secure strike behind a cheap "low level trigger" relay module (relay.active low), wired as docs/wiring.md
/// says, on a virtual controller running the real firmware against the real server and mosquitto: the relay pin
/// holds the level that leaves the strike unpowered (high) from the moment it is opened at boot, after a tick that
/// throws, and after every relock; the unlock time set on the server for the door is what the pin shows.
/// </summary>
public sealed class ActiveLowRelayTests : IDisposable
{
    private const int DoorUnlockMs = 1500;
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "active-low-" + Guid.NewGuid().ToString("N"));
    private readonly VirtualController _controller;
    private readonly ControllerConfig _config;

    public ActiveLowRelayTests()
    {
        _server = new ServerTestHost(_broker);
        var s = _server.Host.Services;
        DeviceRegistration registration = s.Devices.Register(new DeviceInput("Gate", "entrance", "both", null, null, null, null));
        var (gate, key) = registration;
        string door = s.Devices.AddDoor(gate, "G1", null, DoorUnlockMs);
        string reader = s.Devices.AddReader(gate, new ReaderInput(door, "G1", "both", "entrance", null, null));
        s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3") }, new List<PermissionInput> { new(reader, Always) }));

        _config = ProvisionedLink.For(_broker, registration);
        _config.DoorId = Num(door);
        _config.NfcReaderId = Num(reader);
        BoardPins.DevKitC.ApplyTo(_config);
        _config.RelayActiveHigh = false; // the module energises its coil when the pin is low
        _controller = new VirtualController("gate", _flash);
        _controller.Provision(_config);
        _controller.Start();
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);

    /// <summary>Fail-secure strike, active-low module: unpowered strike = coil off = pin high.</summary>
    private const bool Locked = true;

    private bool RelayLevel => _controller.Board.Output(_config.RelayPin)!.Level;


    private string Present() => DecisionAt.Card(_controller, "04A1B2C3");

    [Fact]
    public void The_Strike_Stays_Unpowered_At_Boot_After_A_Fault_And_After_Every_Relock()
    {
        // Boot: the pin was opened at the locked level and never showed another one.
        bool[] atBoot = _controller.Board.Output(_config.RelayPin)!.History;
        Assert.All(atBoot, level => Assert.Equal(Locked, level));
        Assert.False(_controller.LockIsUnlocked);

        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0, "the signed cache");
        WaitFor(() => _controller.Inspect(app => app.Link.IsOnline), "the link");
        Assert.Equal(DoorUnlockMs, _controller.Inspect(app => app.DoorUnlockMilliseconds));

        // A grant nobody uses: released for the door's 1.5 s from the server, then relocked (not the built-in 5 s).
        Assert.StartsWith("granted", Present());
        WaitFor(() => RelayLevel != Locked, "the strike to be powered");
        Thread.Sleep(DoorUnlockMs + 1000);
        Assert.Equal(Locked, RelayLevel);

        // A grant used: the door opens and closes, the strike relocks as it closes.
        Assert.StartsWith("granted", Present());
        WaitFor(() => RelayLevel != Locked, "the second release");
        _controller.OpenDoor();
        Thread.Sleep(200);
        _controller.CloseDoor();
        WaitFor(() => RelayLevel == Locked, "the relock on closing");

        // A tick that throws while the strike is powered: the pin goes to the locked level at once and stays there.
        Assert.StartsWith("granted", Present());
        WaitFor(() => RelayLevel != Locked, "the third release");
        _controller.Board.Input(_config.DoorContactPin)!.FailReads = true;
        WaitFor(() => RelayLevel == Locked, "the relock after the fault");
        Thread.Sleep(DoorUnlockMs + 500);
        Assert.Equal(Locked, RelayLevel);
        _controller.Board.Input(_config.DoorContactPin)!.FailReads = false;
        Thread.Sleep(300);
        Assert.Equal(Locked, RelayLevel);

        // Every release was followed by a relock: the history alternates and ends locked.
        bool[] history = _controller.Board.Output(_config.RelayPin)!.History;
        Assert.Equal(Locked, history[^1]);
        Assert.Equal(3, history.Count(level => level != Locked));
        for (int i = 1; i < history.Length; i++) Assert.NotEqual(history[i - 1], history[i]);
        Assert.True(_controller.Inspect(app => app.Door.Mode == DoorController.Door.DoorMode.Normal));
    }

    public void Dispose()
    {
        _controller.Dispose();
        _server.Dispose();
        _broker.Dispose();
        try { Directory.Delete(_flash, true); } catch (IOException) { }
    }
}
