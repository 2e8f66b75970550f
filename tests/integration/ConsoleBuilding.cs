using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// A small building for the console's page tests, shared by the tests of a class: mosquitto, the server, and three
/// virtual controllers running the real firmware — the entrance gate (card in, keypad out), the office door (card in,
/// keypad out) and a lobby kiosk door that reaches the broker through a TCP relay, so a test can cut it off the way a
/// power cut does (no MQTT DISCONNECT: the broker publishes its last will).
/// </summary>
public sealed class ConsoleBuilding : IDisposable
{
    public static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    public MosquittoBroker Broker { get; } = MosquittoBroker.Start();
    public MqttTcpProxy KioskLink { get; }
    public ServerTestHost Server { get; }
    public ServerServices S => Server.Host.Services;
    public string Building, Office, Gate, OfficeDevice, Kiosk, GateDoor, OfficeDoor, KioskDoor, GateIn, GateOut, OfficeIn, OfficeOut, KioskIn;
    public VirtualController GateController { get; }
    public VirtualController OfficeController { get; }
    public VirtualController KioskController { get; }
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "console-building-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, DeviceRegistration> _registrations = new();

    public ConsoleBuilding()
    {
        KioskLink = new MqttTcpProxy(Broker.Port);
        Server = new ServerTestHost(Broker);
        Building = S.Devices.AddArea("Building");
        Office = S.Devices.AddArea("Office", Building);
        Gate = Device("Entrance gate", Building, out GateDoor, "Entrance");
        OfficeDevice = Device("Office controller", Office, out OfficeDoor, "Office door");
        Kiosk = Device("Lobby kiosk", Building, out KioskDoor, "Kiosk door");
        GateIn = S.Devices.AddReader(Gate, new ReaderInput(GateDoor, "Entrance in", "entry", null, null, null));
        GateOut = S.Devices.AddReader(Gate, new ReaderInput(GateDoor, "Entrance out (keypad)", "exit", null, null, null));
        OfficeIn = S.Devices.AddReader(OfficeDevice, new ReaderInput(OfficeDoor, "Office in", "entry", null, null, null));
        OfficeOut = S.Devices.AddReader(OfficeDevice, new ReaderInput(OfficeDoor, "Office out (keypad)", "exit", null, null, null));
        KioskIn = S.Devices.AddReader(Kiosk, new ReaderInput(KioskDoor, "Kiosk", "both", null, null, null));
        GateController = Start("gate", Gate, GateDoor, GateIn, GateOut, Broker.Port);
        OfficeController = Start("office", OfficeDevice, OfficeDoor, OfficeIn, OfficeOut, Broker.Port);
        KioskController = Start("kiosk", Kiosk, KioskDoor, KioskIn, KioskIn, KioskLink.Port);
        foreach (var vc in new[] { GateController, OfficeController, KioskController })
        {
            WaitFor(() => vc.Inspect(app => app.Link.IsOnline && app.Cache.Version > 0), vc.Name + " online with its cache", 30);
        }
    }

    public int Num(string id) => NumericIds.Of(Server.Host.Store.Db, id);

    private string Device(string name, string area, out string door, string doorName)
    {
        var registration = S.Devices.Register(new DeviceInput(name, name, "both", area, null, null, null));
        string id = registration.Id;
        _registrations[id] = registration;
        door = S.Devices.AddDoor(id, doorName, area);
        return id;
    }

    private VirtualController Start(string name, string device, string door, string cardReader, string keypadReader, int brokerPort)
    {
        var config = ProvisionedLink.For(Broker, _registrations[device]);
        config.MqttPort = brokerPort; // the broker itself, or a proxy in front of it
        (config.DoorId, config.NfcReaderId, config.WiegandReaderId) = (Num(door), Num(cardReader), Num(keypadReader));
        // The decisions these tests expect are online ones (anti-passback): give a loaded test machine time to answer.
        config.OnlineDecisionTimeoutMilliseconds = 3000;
        BoardPins.DevKitC.ApplyTo(config);
        var vc = new VirtualController(name, Path.Combine(_flash, name));
        vc.Provision(config);
        vc.Start();
        return vc;
    }

    /// <summary>A person with an NFC card and a PIN, allowed at every reader of the building at any time.</summary>
    public string Person(string name, string attribute, string card, string pin)
    {
        return S.Users.Register(new UserInput(name, attribute, null, null, null, null, null, new List<CredentialInput> { new("nfc", card), new("pin", pin) },
            new[] { GateIn, GateOut, OfficeIn, OfficeOut, KioskIn }.Select(r => new PermissionInput(r, Always)).ToList()));
    }

    /// <summary>What a person does at a reader: the decision the firmware took ("granted (...)" / "denied (...)"); a
    /// granted person walks through (the door opens and closes).</summary>
    public static string Pass(VirtualController vc, Action<VirtualController> act)
    {
        string outcome = DecisionAt.After(vc, act, 15);
        if (outcome.StartsWith("granted", StringComparison.Ordinal))
        {
            vc.OpenDoor();
            Thread.Sleep(150);
            vc.CloseDoor();
        }
        return outcome;
    }

    public static void WaitFor(Func<bool> condition, string what, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until && !condition()) Thread.Sleep(25);
        Assert.True(condition(), "timed out waiting for " + what);
    }

    public void Dispose()
    {
        foreach (var vc in new[] { GateController, OfficeController, KioskController }) vc?.Dispose();
        Server.Dispose();
        KioskLink.Dispose();
        Broker.Dispose();
        try { Directory.Delete(_flash, true); } catch (IOException) { }
    }
}
