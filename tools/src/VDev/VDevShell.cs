using DoorController.Access;
using DoorController.Config;
using DoorController.Hal.Host.Virtual;

namespace DoorController.VDev;

/// <summary>
/// The vdev command language, one command per line (blank lines and # comments ignored):
/// <code>
/// controller NAME device=ID key=HEX broker=HOST:PORT [ca=PEMFILE | plain] [user=NAME password-file=FILE]
///            [door=N nfc=N wiegand=N qr=N ble=N] [door2=N [interlock]]   provision (a new flash dir); TLS unless
///            'plain' (TLS needs the site CA); the broker password is read from a file, never written in the script;
///            door2: a second door on GPIO 21 (contact 36, exit 39, docs/wiring.md), interlocked with the first if asked
/// start NAME | stop NAME | reboot NAME
/// card NAME UIDHEX | qr NAME TEXT | pin NAME DIGITS | face NAME REFHEX | ble NAME COMPANYHEX DATAHEX RSSI
/// open NAME [2] | close NAME [2] | exit NAME [2]   the door contact and the request-to-exit button (of door 2)
/// unplug NAME | plug NAME                        pull or restore the controller's network cable
/// status [NAME] | log NAME | wait MS | expect NAME granted|denied
/// </code>
/// Every command prints one line; a failed expect or a bad command makes the run fail (exit code 1).
/// </summary>
public sealed class VDevShell : IDisposable
{
    private readonly string _root;
    private readonly Dictionary<string, VirtualController> _controllers = new();
    private readonly Dictionary<string, int> _decisionsSeen = new();

    public VDevShell(string root)
    {
        _root = root;
    }

    public int Failures { get; private set; }

    public void Execute(string line)
    {
        string text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#')) return;
        string[] w = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            Console.WriteLine("> " + System.Text.RegularExpressions.Regex.Replace(text, @"\bkey=\S+", "key=(hidden)")); // never a device key in a log
            Console.WriteLine("  " + Run(w));
        }
        catch (Exception e) when (e is ArgumentException || e is KeyNotFoundException || e is FormatException || e is InvalidOperationException || e is IndexOutOfRangeException)
        {
            Failures++;
            Console.WriteLine("  error: " + e.Message);
        }
    }

    private string Run(string[] w)
    {
        switch (w[0])
        {
            case "controller": return Provision(w);
            case "start": Get(w).Start(); return w[1] + " booted:\n" + Indent(Get(w).Inspect(app => app.Report.Describe()));
            case "stop": Get(w).Stop(); return w[1] + " stopped";
            case "reboot": Get(w).Reboot(); return w[1] + " rebooting";
            case "card": return Read(w, vc => vc.PresentCard(Arg(w, 2)));
            case "qr": return Read(w, vc => vc.ScanQr(string.Join(' ', w.Skip(2))));
            case "pin": return Read(w, vc => vc.TypePin(Arg(w, 2) + "#"));
            case "face": return Read(w, vc => vc.FaceRecognised(Arg(w, 2), Direction.Unknown));
            case "ble": return Read(w, vc => vc.Advertise(Convert.ToUInt16(Arg(w, 2), 16), Convert.FromHexString(Arg(w, 3)), int.Parse(Arg(w, 4))));
            case "open": Get(w).OpenDoor(DoorArg(w)); return "door " + DoorArg(w) + " contact open";
            case "close": Get(w).CloseDoor(DoorArg(w)); return "door " + DoorArg(w) + " contact closed";
            case "exit": Get(w).PressExit(DoorArg(w)); Thread.Sleep(100); Get(w).ReleaseExit(DoorArg(w)); return "door " + DoorArg(w) + " exit button pressed";
            case "unplug": Get(w).Network.CablePlugged = false; Get(w).Board.Mqtt?.Disconnect(); return "network cable pulled";
            case "plug": Get(w).Network.CablePlugged = true; return "network cable back";
            case "status": return w.Length > 1 ? Get(w).Describe() : string.Join("\n  ", _controllers.Values.Select(vc => vc.Describe()));
            case "log": return Indent(Get(w).Inspect(app => app.Log.Tail(20)));
            case "wait": Thread.Sleep(int.Parse(Arg(w, 1))); return "waited " + w[1] + " ms";
            case "expect": return Expect(w);
            default: throw new ArgumentException("unknown command '" + w[0] + "'");
        }
    }

    private string Provision(string[] w)
    {
        string name = Arg(w, 1);
        var kv = w.Skip(2).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        string[] broker = (kv.GetValueOrDefault("broker") ?? "127.0.0.1:1883").Split(':');
        var config = new ControllerConfig
        {
            DeviceId = kv.GetValueOrDefault("device") ?? name,
            DeviceKeyHex = kv.GetValueOrDefault("key") ?? "",
            MqttHost = broker[0],
            MqttPort = broker.Length > 1 ? int.Parse(broker[1]) : 8883,
            MqttTls = !w.Contains("plain"),
            CaCertificatePem = kv.TryGetValue("ca", out string? ca) ? File.ReadAllText(ca) : "",
            MqttUser = kv.GetValueOrDefault("user") ?? "",
            MqttPassword = kv.TryGetValue("password-file", out string? secret) ? File.ReadAllText(secret).Trim() : "",
            DoorId = int.Parse(kv.GetValueOrDefault("door") ?? "1"),
            NfcReaderId = int.Parse(kv.GetValueOrDefault("nfc") ?? "1"),
            WiegandReaderId = int.Parse(kv.GetValueOrDefault("wiegand") ?? "2"),
            QrReaderId = int.Parse(kv.GetValueOrDefault("qr") ?? "3"),
            BleReaderId = int.Parse(kv.GetValueOrDefault("ble") ?? "4"),
        };
        BoardPins.DevKitC.ApplyTo(config); // wired as docs/wiring.md: every reader, tamper switch and lock monitor
        if (kv.TryGetValue("door2", out string? door2))
        {
            config.Door2Id = int.Parse(door2);
            config.Door2RelayPin = 21;
            config.Door2ContactPin = 36;
            config.Door2RexPin = 39;
            config.Interlock = w.Contains("interlock");
        }
        var vc = new VirtualController(name, Path.Combine(_root, name));
        vc.Provision(config);
        _controllers[name] = vc;
        return name + " provisioned (flash " + Path.Combine(_root, name) + ")";
    }

    private string Read(string[] w, Action<VirtualController> act)
    {
        var vc = Get(w);
        int before = vc.Inspect(app => app.Flow.Decisions + app.Flow.Rejected);
        act(vc);
        var until = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < until && vc.Inspect(app => app.Flow.Decisions + app.Flow.Rejected) == before) Thread.Sleep(10);
        return vc.Inspect(app => app.Flow.LastOutcome) ?? "no decision";
    }

    private string Expect(string[] w)
    {
        string outcome = Get(w).Inspect(app => app.Flow.LastOutcome) ?? "";
        if (!outcome.StartsWith(Arg(w, 2), StringComparison.Ordinal))
        {
            throw new InvalidOperationException("expected " + w[2] + " but the last decision was: " + outcome);
        }
        return "ok: " + outcome;
    }

    private VirtualController Get(string[] w) => _controllers.TryGetValue(Arg(w, 1), out var vc) ? vc : throw new KeyNotFoundException("no controller '" + w[1] + "' (declare it with: controller NAME ...)");

    /// <summary>The door a door command names: 1 unless a third word says 2.</summary>
    private static int DoorArg(string[] w) => w.Length > 2 && w[2] == "2" ? 2 : 1;

    private static string Arg(string[] w, int i) => i < w.Length ? w[i] : throw new ArgumentException("'" + w[0] + "' needs more arguments");

    private static string Indent(string text) => string.Join("\n  ", text.Split('\n'));

    public void Dispose()
    {
        foreach (var vc in _controllers.Values) vc.Dispose();
    }
}
