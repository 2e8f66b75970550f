using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Services;
using DoorController.Server.Storage;

namespace DoorController.Demo;

/// <summary>
/// The building of the patent's Fig 8, registered on the server the way an administrator would (S11-S12 device
/// registration, S21-S23 user registration) and brought up as virtual controllers running the real firmware:
/// entrance gate G1 (face terminal + NFC in, QR out), office door G2 (BLE phone in, NFC out), conference room X7
/// door G3 (QR in, keypad out), and a branch office in Osaka (for impossible travel).
/// </summary>
public sealed class DemoSite : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly ServerHost _server;
    private readonly string _root;
    private readonly MosquittoBroker _broker;
    private readonly Dictionary<string, VirtualController> _controllers = new();

    public DemoSite(ServerHost server, string root, MosquittoBroker broker)
    {
        _server = server;
        _root = root;
        _broker = broker;
    }

    private ServerServices S => _server.Services;
    public int Num(string id) => NumericIds.Of(_server.Store.Db, id);

    public string Building = "", Office = "", RoomX7 = "", OsakaArea = "";
    public string Gate = "", OfficeDoor = "", Room = "", Osaka = "";
    public string G1In = "", G1Out = "", G2In = "", G2Out = "", G3In = "", G3Out = "", OsakaIn = "";
    public string Alice = "", Bob = "", Carol = "", Guard = "";
    public const string AliceCard = "04A1B2C3", AliceFace = "fa11ce01", BobCard = "04B0B0B0", CarolCard = "04CA1011", GuardCard = "04600D01";

    public IReadOnlyDictionary<string, VirtualController> Controllers => _controllers;
    public VirtualController this[string device] => _controllers[device];

    public void Register(Timeline t)
    {
        Building = S.Devices.AddArea("X1 building");
        Office = S.Devices.AddArea("X2 office", Building);
        RoomX7 = S.Devices.AddArea("X7 conference room", Office);
        OsakaArea = S.Devices.AddArea("Osaka branch");

        Gate = Device("G1 entrance gate", "building X1 entrance", Building, 35.6812, 139.7671, t);
        OfficeDoor = Device("G2 office door", "office X2", Office, 35.6812, 139.7672, t);
        Room = Device("G3 conference room X7", "conference room X7", RoomX7, 35.6813, 139.7672, t);
        Osaka = Device("Osaka branch door", "Osaka branch office", OsakaArea, 34.7025, 135.4959, t);

        G1In = Reader(Gate, "G1 in (face, NFC)", "entry", 35.6812, 139.7671);
        G1Out = Reader(Gate, "G1 out (QR)", "exit", 35.6812, 139.7671);
        G2In = Reader(OfficeDoor, "G2 in (BLE)", "entry", 35.6812, 139.7672);
        G2Out = Reader(OfficeDoor, "G2 out (NFC)", "exit", 35.6812, 139.7672);
        G3In = Reader(Room, "G3 in (QR)", "entry", 35.6813, 139.7672);
        G3Out = Reader(Room, "G3 out (keypad)", "exit", 35.6813, 139.7672);
        OsakaIn = Reader(Osaka, "Osaka in (NFC)", "entry", 34.7025, 135.4959);

        var everywhere = new[] { G1In, G1Out, G2In, G2Out, G3In, G3Out, OsakaIn }.Select(r => new PermissionInput(r, Always)).ToList();
        Alice = S.Users.Register(new UserInput("Alice (employee A1)", "employee", "engineer", null, null, null, null,
            new List<CredentialInput> { new("nfc", AliceCard), new("face", AliceFace), new("qr", ""), new("ble", "") }, everywhere));
        Bob = S.Users.Register(new UserInput("Bob (employee)", "employee", "sales", null, null, null, null,
            new List<CredentialInput> { new("nfc", BobCard), new("qr", "") }, everywhere));
        Carol = S.Users.Register(new UserInput("Carol (employee)", "employee", "consultant", null, null, null, null,
            new List<CredentialInput> { new("nfc", CarolCard) }, everywhere));
        Guard = S.Users.Register(new UserInput("Gordon (security guard)", "guard", "guard", null, null, null, null,
            new List<CredentialInput> { new("nfc", GuardCard) }, everywhere));
        // Fig 9A: guards are never judged fraudulent (the site-wide default every new site starts with); guests leaving
        // the conference room are treated leniently (a policy of that one reader).
        S.Settings.SetPolicy("guard", false);
        S.Devices.SetFraudPolicy(G3Out, "guest", false);
        // Fig 9B route P1 for employee A1 at the gate: the guard's terminal is told.
        S.Users.AddRoute(Alice, G1In, "mqtt", "dc/v1/term/guard-desk", "fraud");
        t.Step("admin", "registered 4 areas, 4 controllers, 7 readers, 4 people with NFC, face, QR and BLE credentials");
    }

    private readonly Dictionary<string, (DeviceRegistration Registration, string Door)> _devices = new();

    private string Device(string name, string location, string area, double lat, double lon, Timeline t)
    {
        DeviceRegistration registration = S.Devices.Register(new DeviceInput(name, location, "both", area, null, lat, lon));
        string door = S.Devices.AddDoor(registration.Id, name, area);
        _devices[registration.Id] = (registration, door);
        return registration.Id;
    }

    private string Reader(string device, string name, string usage, double lat, double lon) =>
        S.Devices.AddReader(device, new ReaderInput(_devices[device].Door, name, usage, name, lat, lon));

    /// <summary>Provisions and boots one virtual controller per registered device (what the technician does).</summary>
    public void StartControllers(Timeline t)
    {
        Start("gate", Gate, nfc: G1In, qr: G1Out, wiegand: G1In, ble: G1In, t);
        Start("office", OfficeDoor, nfc: G2Out, qr: G2In, wiegand: G2Out, ble: G2In, t);
        Start("room", Room, nfc: G3Out, qr: G3In, wiegand: G3Out, ble: G3In, t);
        Start("osaka", Osaka, nfc: OsakaIn, qr: OsakaIn, wiegand: OsakaIn, ble: OsakaIn, t);
    }

    /// <summary>
    /// The server room's sally port (scenario 18): one controller, two doors — outer and inner — interlocked; the
    /// NFC reader is the inner door's. Registered and booted when the scenario runs. Returns (outer door, inner reader).
    /// </summary>
    public (string OuterDoor, string InnerReader) StartSallyPort(string person, Timeline t)
    {
        SallyPort = Device("Server room sally port", "server room", Building, 35.6812, 139.7671, t);
        string outer = _devices[SallyPort].Door;
        string inner = S.Devices.AddDoor(SallyPort, "Server room inner door", Building);
        string outerReader = Reader(SallyPort, "Sally port outer in (QR)", "entry", 35.6812, 139.7671);
        string innerReader = S.Devices.AddReader(SallyPort, new ReaderInput(inner, "Sally port inner in (NFC)", "entry", "inner", 35.6812, 139.7671));
        S.Users.SetPermission(person, new PermissionInput(outerReader, Always));
        S.Users.SetPermission(person, new PermissionInput(innerReader, Always));
        Start("sallyport", SallyPort, nfc: innerReader, qr: outerReader, wiegand: outerReader, ble: outerReader, t, config =>
        {
            config.Door2Id = Num(inner);
            config.Door2RelayPin = 21; // docs/wiring.md, "Second door": free on the DevKitC with NFC on SPI
            config.Door2ContactPin = 36;
            config.Door2RexPin = 39;
            config.Interlock = true;
        });
        return (outer, innerReader);
    }

    public string SallyPort = "";

    private void Start(string name, string device, string nfc, string qr, string wiegand, string ble, Timeline t,
        Action<ControllerConfig>? wiring = null)
    {
        var vc = new VirtualController(name, Path.Combine(_root, "flash-" + name));
        DeviceRegistration registration = _devices[device].Registration;
        var config = new ControllerConfig
        {
            DeviceId = device,
            DeviceKeyHex = registration.Key,
            // The broker, its site CA and the identity the registration gave: TLS, authenticated, bound to dc-<id>.
            MqttHost = _broker.Host,
            MqttPort = _broker.Port,
            MqttTls = true,
            CaCertificatePem = _broker.CaPem!,
            MqttUser = registration.Broker!.Username,
            MqttPassword = registration.Broker.Password,
            DoorId = Num(_devices[device].Door),
            NfcReaderId = Num(nfc),
            QrReaderId = Num(qr),
            WiegandReaderId = Num(wiegand),
            BleReaderId = Num(ble),
            BleEnabled = true,
        };
        BoardPins.DevKitC.ApplyTo(config); // wired as docs/wiring.md: every reader, tamper switch and lock monitor
        wiring?.Invoke(config);
        vc.Provision(config);
        vc.Start();
        _controllers[name] = vc;
        t.Step(name, "booted: " + vc.Inspect(app => app.Report.DetailOf("relay")) + "; broker identity " + registration.Broker.Username + " over TLS");
    }

    public void Dispose()
    {
        foreach (var vc in _controllers.Values) vc.Dispose();
    }
}
