using DoorController.Access;
using DoorController.Hal.Host.Sim;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Services;
using DoorController.Contract;

namespace DoorController.Demo;

/// <summary>
/// The scenarios of the demo, each a short story at the doors of <see cref="DemoSite"/> with the outcome the
/// product must give. Every step acts exactly as a person at a reader would (face, card, phone, keypad), through
/// the virtual controllers' simulated readers; the decisions come from the real firmware and server.
/// </summary>
public sealed partial class Scenarios
{
    private readonly DemoSite _site;
    private readonly ServerHost _server;
    private readonly MosquittoBroker _broker;
    private readonly Timeline _t;
    private readonly GuardTerminal _guardDesk;

    public Scenarios(DemoSite site, ServerHost server, MosquittoBroker broker, Timeline timeline, GuardTerminal guardDesk)
    {
        _site = site;
        _server = server;
        _broker = broker;
        _t = timeline;
        _guardDesk = guardDesk;
    }

    private ServerServices S => _server.Services;

    public void RunAll()
    {
        Run("1. A normal day: in by face, through the office by phone, out by card and QR", NormalDay);
        Run("2. Tailgating: a card handed back through the gate", Tailgating);
        Run("3. One person, many methods: a colleague uses Alice's card while she is inside", SharedAcrossMethods);
        Run("4. Guards are exempt from anti-passback (Fig 9A)", GuardExempt);
        Run("5. A guest leaves conference room X7 with no entry record (Fig 9A)", GuestLeavesRoom);
        Run("6. Schedule mismatch: the calendar says Osaka, the badge says Tokyo", ScheduleMismatch);
        Run("7. Impossible travel: Osaka, then Tokyo a minute later", ImpossibleTravel);
        Run("8. Broker outage: offline grants, then after-the-fact alerts", BrokerOutage);
        Run("9. Remote revocation reaches the door", RemoteRevocation);
        Run("10. Guest pass and one-time delivery code", GuestPassAndDeliveryCode);
        Run("11. Remote unlock and lockdown from the admin page", RemoteUnlockAndLockdown);
        Run("12. A door forced open shows at the guard desk at once", DoorForced);
        Run("13. A cleaner's key valid for one minute after its first use", ExpiringKeyFirstUse);
        Run("14. Duress: Dave is forced to open the gate", Duress);
        Run("15. Card + PIN at night at the Osaka door", CardAndPinAtNight);
        Run("16. The cleaner's key, a minute after its first use", ExpiringKeyAfterItsMinute);
        Run("17. First person in: the Osaka office opens for the day, relocks at the window's end, lockdown overrides", FirstPersonIn);
        Run("18. Interlock: the server room's sally port never opens both doors", Interlock);
    }

    private void Run(string name, Func<(bool, string)> scenario)
    {
        _t.Heading(name);
        (bool ok, string why) result;
        try
        {
            result = scenario();
        }
        catch (Exception e)
        {
            result = (false, "failed with " + e.GetType().Name + ": " + e.Message);
        }
        _t.Verdict(name, result.Item1, result.Item2);
    }

    // ── people at the doors ─────────────────────────────────────────────────────────────────────────

    private string Act(string controller, string who, string what, Action<VirtualController> act)
    {
        VirtualController vc = _site[controller];
        int before = vc.Inspect(app => app.Flow.Decisions);
        act(vc);
        var until = DateTime.UtcNow.AddSeconds(8);
        while (DateTime.UtcNow < until && vc.Inspect(app => app.Flow.Decisions) == before) Thread.Sleep(10);
        string outcome = vc.Inspect(app => app.Flow.Decisions) == before ? "no decision" : vc.Inspect(app => app.Flow.LastOutcome);
        _t.Step(who, what + " at " + controller + " → " + outcome);
        // A granted person walks through: the door opens and closes again.
        if (outcome.StartsWith("granted", StringComparison.Ordinal))
        {
            vc.OpenDoor();
            Thread.Sleep(60);
            vc.CloseDoor();
        }
        return outcome;
    }

    private string Card(string controller, string who, string uid) => Act(controller, who, "card " + uid, vc => vc.PresentCard(uid));
    private string Face(string controller, string who, string faceRef) => Act(controller, who, "face recognised", vc => vc.FaceRecognised(faceRef, Direction.Entry));
    private string Qr(string controller, string who, string user) =>
        Act(controller, who, "QR code on phone", vc => vc.ScanQr(S.Qr.Issue(_site.Num(user), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())));
    private string Phone(string controller, string who, string user) =>
        Act(controller, who, "phone in range (BLE)", vc => vc.Advertise(BleToken.DefaultCompanyId,
            SimPhone.ForSite(S.Context.Keys.CredentialKey, (uint)_site.Num(user)).AdvertisementAt(DateTime.UtcNow), -50));
    private string Keypad(string controller, string who, string code) => Act(controller, who, "types PIN", vc => vc.TypePin(code + "#"));

    private static bool Granted(string outcome) => outcome.StartsWith("granted", StringComparison.Ordinal);
    private static bool Denied(string outcome, string reason) => outcome.StartsWith("denied (" + reason, StringComparison.Ordinal);

    // ── the scenarios ──────────────────────────────────────────────────────────────────────────────

    private (bool, string) NormalDay()
    {
        var a = Face("gate", "Alice", DemoSite.AliceFace);
        var b = Phone("office", "Alice", _site.Alice);
        var c = Card("office", "Alice", DemoSite.AliceCard);
        var d = Qr("gate", "Alice", _site.Alice);
        bool ok = Granted(a) && Granted(b) && Granted(c) && Granted(d);
        return (ok, ok ? "four methods, one person: in and out without being locked in or out" : "a step was refused: " + string.Join("; ", a, b, c, d));
    }

    private (bool, string) Tailgating()
    {
        var first = Card("gate", "Bob", DemoSite.BobCard);
        _t.Note("Bob passes his card back through the gate to someone outside");
        var second = Card("gate", "someone with Bob's card", DemoSite.BobCard);
        Qr("gate", "Bob", _site.Bob); // Bob leaves: his presence is clean again
        bool ok = Granted(first) && Denied(second, "apb-entry-without-exit");
        return (ok, ok ? "second entry without an exit refused (anti-passback, S115-S116)" : first + " / " + second);
    }

    private (bool, string) SharedAcrossMethods()
    {
        var face = Face("gate", "Alice", DemoSite.AliceFace);
        int seen = _guardDesk.Count;
        var card = Card("gate", "colleague with Alice's card", DemoSite.AliceCard);
        bool told = _guardDesk.WaitFor(seen + 1, TimeSpan.FromSeconds(5));
        if (told) _t.Step("guard desk terminal", "notified: " + _guardDesk.Last);
        bool ok = Granted(face) && Denied(card, "apb-entry-without-exit") && told;
        return (ok, ok ? "presence is per person, not per card: refused, and route P1 told the guard" : face + " / " + card + (told ? "" : " / guard not notified"));
    }

    private (bool, string) GuardExempt()
    {
        var a = Card("gate", "Gordon (guard)", DemoSite.GuardCard);
        var b = Card("gate", "Gordon (guard)", DemoSite.GuardCard);
        bool ok = Granted(a) && Granted(b);
        return (ok, ok ? "a guard's repeated entry is not fraud: allowed" : a + " / " + b);
    }

    private string _gina = "", _ginaPin = "";

    private (bool, string) GuestLeavesRoom()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        (_gina, _ginaPin) = S.Passes.IssueGuestPass("Gina (guest of Alice)", _site.Alice, now - 60_000, now + 2 * 3600_000,
            new List<string> { _site.G1In, _site.G1Out, _site.G3In, _site.G3Out }, null);
        _t.Step("admin", "guest pass for Gina, invited by Alice, valid 2 h, PIN " + _ginaPin);
        WaitForBundle("room");
        _t.Note("Gina was let into room X7 by Alice (no badge of her own at the door)");
        var leave = Keypad("room", "Gina (guest)", _ginaPin);
        bool ok = Granted(leave);
        return (ok, ok ? "leaving the meeting room without an entry record is lenient for guests" : leave);
    }

    private (bool, string) ScheduleMismatch()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        S.Users.AddSchedule(_site.Bob, "customer visit", "Osaka branch office", now - 1800_000, now + 1800_000, 34.7025, 135.4959);
        _t.Step("calendar", "Bob: customer visit at the Osaka branch, now");
        var g = Card("gate", "Bob?", DemoSite.BobCard);
        bool ok = Denied(g, "schedule-elsewhere");
        return (ok, ok ? "the badge is 400 km from where Bob's calendar puts him: refused" : g);
    }

    private (bool, string) ImpossibleTravel()
    {
        var osaka = Card("osaka", "Carol", DemoSite.CarolCard);
        var tokyo = Card("gate", "Carol's card, a minute later", DemoSite.CarolCard);
        bool flagged = S.Alerts.List(false, 100).Any(a => (a.Str("message") ?? "").Contains("travel"));
        bool ok = Granted(osaka) && (Denied(tokyo, "impossible-travel") || flagged);
        return (ok, ok ? "400 km in a minute is flagged (Okinawa-hotel-then-Tokyo case)" : osaka + " / " + tokyo);
    }

    private (bool, string) BrokerOutage()
    {
        _broker.Kill();
        _t.Step("network", "MQTT broker killed: every controller is on its own");
        WaitUntil(() => !_site["gate"].Inspect(app => app.Link.IsOnline), TimeSpan.FromSeconds(10));
        var a = Card("gate", "colleague with Alice's card", DemoSite.AliceCard);
        long retroBefore = S.Alerts.List(false, 500).Count(x => x.Str("kind") == "retro-fraud");
        int depth = _site["gate"].Inspect(app => app.Journal.Depth);
        _t.Note("gate journal holds " + depth + " unacknowledged events on flash");
        _broker.Restart();
        _guardDesk.Connect(); // the terminal's session died with the broker
        _t.Step("network", "broker back: controllers reconnect and replay their journals");
        bool replayed = WaitUntil(() => _site.Controllers.Values.All(vc => vc.Inspect(app => app.Journal.Depth) == 0), TimeSpan.FromSeconds(30));
        bool alerted = WaitUntil(() => S.Alerts.List(false, 500).Count(x => x.Str("kind") == "retro-fraud") > retroBefore, TimeSpan.FromSeconds(30));
        var alert = S.Alerts.List(false, 500).FirstOrDefault(x => x.Str("kind") == "retro-fraud");
        if (alert != null) _t.Step("server", "after-the-fact alert: " + alert.Str("message"));
        bool ok = Granted(a) && a.Contains("offline") && replayed && alerted;
        return (ok, ok ? "granted offline from the signed cache (anti-passback skipped), caught on replay" : a + " / replayed=" + replayed + " alerted=" + alerted);
    }

    private (bool, string) RemoteRevocation()
    {
        uint before = _site["gate"].Inspect(app => app.Cache.Version);
        S.Users.RevokeUser(_site.Bob);
        _t.Step("admin", "revokes Bob (lost card)");
        bool arrived = WaitUntil(() => _site["gate"].Inspect(app => app.Cache.Version) > before, TimeSpan.FromSeconds(10));
        _t.Step("gate", "cache v" + _site["gate"].Inspect(app => app.Cache.Version) + " installed" + (arrived ? "" : " (no new bundle!)"));
        var online = Card("gate", "someone with Bob's card", DemoSite.BobCard);
        bool ok = arrived && online.StartsWith("denied", StringComparison.Ordinal);
        return (ok, ok ? "revoked on the server, refused at the door, and gone from the offline cache" : online);
    }

    private (bool, string) GuestPassAndDeliveryCode()
    {
        var gina = Keypad("gate", "Gina (guest)", _ginaPin);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (_, code) = S.Passes.IssueDeliveryCode("parcel courier", now + 3600_000, new List<string> { _site.G1In });
        _t.Step("admin", "one-time delivery code " + code + " for the gate");
        WaitForBundle("gate");
        var first = Keypad("gate", "courier", code);
        var second = Keypad("gate", "courier (again)", code);
        bool ok = Granted(gina) && Granted(first) && second.StartsWith("denied", StringComparison.Ordinal);
        return (ok, ok ? "the guest pass opens the gate; the delivery code works exactly once" : gina + " / " + first + " / " + second);
    }

    private (bool, string) RemoteUnlockAndLockdown()
    {
        var vc = _site["gate"];
        S.Commands.Issue(_site.Gate, null, "unlock", "admin");
        _t.Step("admin", "remote unlock of the gate (signed command)");
        bool unlocked = WaitUntil(() => vc.LockIsUnlocked, TimeSpan.FromSeconds(5));
        _t.Step("gate", unlocked ? "lock released, relocks by itself" : "lock stayed locked");
        bool relocked = WaitUntil(() => !vc.LockIsUnlocked, TimeSpan.FromSeconds(10));
        S.Commands.Issue(_site.Gate, null, "lockdown", "admin");
        _t.Step("admin", "lockdown of the gate");
        bool lockdown = WaitUntil(() => vc.Inspect(app => app.Door.Mode) == DoorController.Door.DoorMode.Lockdown, TimeSpan.FromSeconds(5));
        var during = Card("gate", "Gordon (guard)", DemoSite.GuardCard);
        bool stayedLocked = !vc.LockIsUnlocked;
        S.Commands.Issue(_site.Gate, null, "normal", "admin");
        bool normal = WaitUntil(() => vc.Inspect(app => app.Door.Mode) == DoorController.Door.DoorMode.Normal, TimeSpan.FromSeconds(5));
        _t.Step("admin", "back to normal: " + (normal ? "done" : "not applied"));
        bool ok = unlocked && relocked && lockdown && stayedLocked && normal;
        return (ok, ok ? "signed remote commands: unlock, lockdown (even a valid card stays out), back to normal"
            : "unlocked=" + unlocked + " relocked=" + relocked + " lockdown=" + lockdown + " stayedLocked=" + stayedLocked + " normal=" + normal);
    }

    private (bool, string) DoorForced()
    {
        var vc = _site["office"];
        string Door() => S.LiveDoors.List().First(d => (string)d["deviceId"] == _site.OfficeDoor)["door"] as string ?? "unknown";
        long alertsBefore = S.Alerts.List(false, 500).Count(a => a.Str("kind") == "door_forced");
        vc.OpenDoor();
        _t.Step("office", "door pushed open with no grant");
        bool seen = WaitUntil(() => Door() == "forced", TimeSpan.FromSeconds(5));
        bool alerted = WaitUntil(() => S.Alerts.List(false, 500).Count(a => a.Str("kind") == "door_forced") > alertsBefore, TimeSpan.FromSeconds(5));
        _t.Step("guard desk", "doors view: office door " + Door() + (alerted ? ", alert raised" : ", no alert"));
        vc.CloseDoor();
        bool closed = WaitUntil(() => Door() == "closed", TimeSpan.FromSeconds(5));
        _t.Step("office", "door closed again: doors view says " + Door());
        bool ok = seen && alerted && closed;
        return (ok, ok ? "the status topic carries the door: forced within seconds, an alert, closed again" : "seen=" + seen + " alerted=" + alerted + " closed=" + closed);
    }

    private (bool, string) FirstPersonIn()
    {
        const string fayCard = "04FA1000", gusCard = "04605000", hanaCard = "04A4A000";
        var always = new List<PermissionInput> { new(_site.OsakaIn, new() { new WindowInput(0xFF, 0, 1440) }) };
        string fay = S.Users.Register(new UserInput("Fay (office manager)", "employee", null, null, null, null, null,
            new List<DoorController.Server.Services.CredentialInput> { new("nfc", fayCard) }, always));
        S.Users.Register(new UserInput("Gus (employee)", "employee", null, null, null, null, null,
            new List<DoorController.Server.Services.CredentialInput> { new("nfc", gusCard) }, always));
        string hana = S.Users.Register(new UserInput("Hana (office manager)", "employee", null, null, null, null, null,
            new List<DoorController.Server.Services.CredentialInput> { new("nfc", hanaCard) }, always));
        S.Users.SetOfficeMode(fay, true);
        S.Users.SetOfficeMode(hana, true);
        string door = _server.Store.Db.QuerySingle("SELECT id FROM doors WHERE device_id = @d", new { d = _site.Osaka })!.Str("id");
        // Office hours would be 08:00-18:00; for the demo the window ends at the next whole minute (site time) that is
        // at least 20 s away, so its end comes during the demo.
        long nowSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 9 * 3600;
        int end = (int)((nowSeconds + 20) / 60 % 1440) + 1;
        S.OfficeModes.SetWindows(door, new List<WindowInput> { new(0xFF, (end + 1440 - 120) % 1440, end % 1440) });
        _t.Step("admin", "Osaka door: office mode until " + (end % 1440) / 60 + ":" + (end % 60).ToString("00") + " site time; Fay and Hana designated");
        WaitForBundle("osaka");
        var vc = _site["osaka"];
        var gus = Card("osaka", "Gus", gusCard);
        Thread.Sleep(6000);
        bool gusRelocked = !vc.LockIsUnlocked;
        var first = Card("osaka", "Fay (first in)", fayCard);
        Thread.Sleep(6000);
        bool held = vc.LockIsUnlocked && vc.Inspect(app => app.Door.InOfficeMode);
        _t.Step("osaka door", held ? "still unlocked 6 s later: office mode" : "locked again");
        _t.Note("waiting for the window's end");
        bool relocked = WaitUntil(() => !vc.LockIsUnlocked, TimeSpan.FromSeconds(90));
        _t.Step("osaka door", relocked ? "relocked at the window's end" : "still unlocked after the window");

        end = (int)((DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 9 * 3600) / 60 % 1440) + 30;
        S.OfficeModes.SetWindows(door, new List<WindowInput> { new(0xFF, (end + 1440 - 120) % 1440, end % 1440) });
        WaitForBundle("osaka");
        var again = Card("osaka", "Hana (first in, new window)", hanaCard);
        Thread.Sleep(6000);
        bool heldAgain = vc.LockIsUnlocked;
        S.Commands.Issue(_site.Osaka, null, "lockdown", "admin");
        _t.Step("admin", "lockdown of the Osaka door");
        bool lockedDown = WaitUntil(() => !vc.LockIsUnlocked, TimeSpan.FromSeconds(5));
        S.Commands.Issue(_site.Osaka, null, "normal", "admin");
        _t.Step("admin", "lockdown lifted");
        WaitUntil(() => vc.Inspect(app => app.Door.Mode) == DoorController.Door.DoorMode.Normal, TimeSpan.FromSeconds(5));
        Thread.Sleep(2000);
        bool stayedLocked = !vc.LockIsUnlocked;
        _t.Step("osaka door", stayedLocked ? "stays locked after the lockdown: office mode needs a designated entry again" : "reopened");
        S.OfficeModes.SetWindows(door, new List<WindowInput>());
        bool ok = Granted(gus) && gusRelocked && Granted(first) && held && relocked && Granted(again) && heldAgain && lockedDown && stayedLocked;
        return (ok, ok ? "Gus's entry is an ordinary grant; Fay's holds the door unlocked to the window's end, then it relocks; a lockdown overrides Hana's and its end leaves the door locked"
            : "gus=" + gus + " relocked=" + gusRelocked + " fay=" + first + " held=" + held + " relocked=" + relocked + " hana=" + again + " held=" + heldAgain + " lockdown=" + lockedDown + " stayedLocked=" + stayedLocked);
    }

    private void WaitForBundle(string controller)
    {
        var vc = _site[controller];
        uint before = vc.Inspect(app => app.Cache.Version);
        WaitUntil(() => vc.Inspect(app => app.Cache.Version) > before, TimeSpan.FromSeconds(10));
    }

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (condition()) return true;
            Thread.Sleep(25);
        }
        return condition();
    }
}
