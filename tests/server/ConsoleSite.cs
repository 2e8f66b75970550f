using DoorController.Contract;
using DoorController.Server.Services;
using DoorController.Server.Storage;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// One server with a small building on it for the admin page tests, shared by the tests of a class: nested areas, two
/// controllers reporting their status, doors and readers, people (one with a Japanese name), presence, a day of
/// offline passages (one row each), alerts with a route, a holiday and a calendar entry.
/// </summary>
public sealed class ConsoleSite : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    /// <summary>2025-11-20 00:00 in Tokyo (the site's zone): the day the passages happened.</summary>
    public static readonly DateTimeOffset Day = new(2025, 11, 20, 0, 0, 0, TimeSpan.FromHours(9));

    public ServerTestHost Server { get; } = new();
    public ServerServices S => Server.Host.Services;
    public string Building, Office, Room, Gate, OfficeDevice, GateDoor, OfficeDoor, ServerRoomDoor, GateIn, GateOut, OfficeIn, OfficeOut;
    public string Alice, Bob, Hanako, Gordon;
    public long FraudAlert, ForcedAlert;
    public readonly List<(long Id, long At, string? User, string Reader, string Method, bool Granted)> Passages = new();

    public ConsoleSite()
    {
        var s = S;
        Building = s.Devices.AddArea("Building X1");
        Office = s.Devices.AddArea("Office X2", Building);
        Room = s.Devices.AddArea("Room X7", Office);
        (Gate, _) = s.Devices.Register(new DeviceInput("Gate controller", "entrance", "both", Building, null, null, null));
        (OfficeDevice, _) = s.Devices.Register(new DeviceInput("Office controller", "2F", "both", Office, null, null, null));
        GateDoor = s.Devices.AddDoor(Gate, "Main entrance", Building);
        OfficeDoor = s.Devices.AddDoor(OfficeDevice, "Office door", Office);
        ServerRoomDoor = s.Devices.AddDoor(OfficeDevice, "Server room", Office); // the office controller's second door
        GateIn = s.Devices.AddReader(Gate, new ReaderInput(GateDoor, "Entrance in", "entry", null, null, null));
        GateOut = s.Devices.AddReader(Gate, new ReaderInput(GateDoor, "Entrance out", "exit", null, null, null));
        OfficeIn = s.Devices.AddReader(OfficeDevice, new ReaderInput(OfficeDoor, "Office in", "entry", null, null, null));
        OfficeOut = s.Devices.AddReader(OfficeDevice, new ReaderInput(OfficeDoor, "Office out", "exit", null, null, null));
        var everywhere = new[] { GateIn, GateOut, OfficeIn, OfficeOut }.Select(r => new PermissionInput(r, Always)).ToList();
        Alice = s.Users.Register(new UserInput("Alice Example", "employee", "engineer", null, null, null, null, new List<CredentialInput> { new("nfc", "04A1B2C3") }, everywhere));
        Bob = s.Users.Register(new UserInput("Bob Builder", "contractor", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04B0B0B0") }, everywhere));
        Hanako = s.Users.Register(new UserInput("山田 花子", "employee", "営業", null, null, null, null, new List<CredentialInput> { new("pin", "2468") }, everywhere));
        Gordon = s.Users.Register(new UserInput("Gordon Guard", "guard", null, null, null, null, null, null, null));
        s.Passes.IssueGuestPass("Gina Guest", Alice, s.Context.NowMs, s.Context.NowMs + 3_600_000, new List<string> { GateIn }, null);
        s.Users.AddRoute(Alice, GateIn, "mqtt", "dc/v1/term/guard-desk", "fraud");
        s.Users.AddSchedule(Alice, "Customer visit", "Osaka branch", s.Context.NowMs, s.Context.NowMs + 3_600_000, 34.70, 135.49);
        s.Calendar.SetHoliday("2025-12-31", "年末休み");

        // A day of passages, decided offline (one row each): minute offsets from 09:00.
        Pass(Gate, GateIn, Alice, "nfc", "entry", true, "granted", 0);
        Pass(OfficeDevice, OfficeIn, Alice, "nfc", "entry", true, "granted", 2);
        Pass(Gate, GateIn, Bob, "nfc", "entry", true, "granted", 5);
        Pass(OfficeDevice, OfficeIn, Bob, "nfc", "entry", false, "outside-time-window", 6);
        Pass(Gate, GateIn, Hanako, "pin", "entry", true, "granted", 7);
        Pass(Gate, GateIn, null, "nfc", "entry", false, "unknown-credential", 8);
        Pass(OfficeDevice, OfficeOut, Alice, "nfc", "exit", true, "granted", 180);
        Pass(Gate, GateOut, Alice, "face", "exit", true, "granted", 185);
        Pass(Gate, GateIn, Alice, "nfc", "entry", false, "apb-entry-without-exit", 190);
        // Today: Alice inside the office, Bob inside the building.
        long now = s.Context.NowMs;
        s.Log.Record(new AccessEvent(Gate, -1, GateIn, Alice, "nfc", "entry", true, "granted", "online", now - 120_000));
        s.Log.Record(new AccessEvent(OfficeDevice, -2, OfficeIn, Alice, "face", "entry", true, "granted", "online", now - 60_000));
        s.Log.Record(new AccessEvent(Gate, -3, GateIn, Bob, "nfc", "entry", true, "granted", "online", now - 30_000));

        FraudAlert = s.Alerts.Raise("fraud", "high", Alice, Gate, GateIn, null, "second entry without exit");
        ForcedAlert = s.Alerts.Raise("door_forced", "high", null, OfficeDevice, null, null, "door forced open (controller " + OfficeDevice + ")");
        s.Reports.Handle("status", Gate, Status("closed", "locked", "normal").ToJson());
        var office = Status("forced", "locked", "normal");
        office.DoorId = NumericIds.Of(s.Context.Db, OfficeDoor);
        (office.Door2, office.Lock2, office.Door2Id) = ("open", "unlocked", NumericIds.Of(s.Context.Db, ServerRoomDoor));
        s.Reports.Handle("status", OfficeDevice, office.ToJson());
    }

    private long _event = 1000;

    private void Pass(string device, string reader, string? user, string method, string direction, bool granted, string reason, int minute)
    {
        long at = Day.AddHours(9).AddMinutes(minute).ToUnixTimeMilliseconds();
        long id = S.Log.Record(new AccessEvent(device, ++_event, reader, user!, method, direction, granted, reason, "offline", at, _event, true))!.Value;
        Passages.Add((id, at, user, reader, method, granted));
    }

    private static StatusMessage Status(string door, string @lock, string mode) => new StatusMessage
    {
        Nonce = 1, Firmware = "1.0.0", CacheVersion = 1, JournalDepth = 0, Mode = mode, Door = door, Lock = @lock, TimeState = "server", UptimeSeconds = 600,
        At = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ClockUncertain = false,
    };

    public void Dispose() => Server.Dispose();
}
