using DoorController.Server.Api;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The storage behaviour the server relies on, written once and run against SQLite and PostgreSQL
/// (<see cref="ServerStorageSqliteTests"/>, <see cref="ServerStoragePostgresTests"/>).
/// </summary>
public abstract class ServerStorageSuite : IDisposable
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero); // a Monday
    protected readonly ServerManualTime Time = new(Start);
    private ServerServices? _services;

    protected abstract Database OpenDatabase();

    protected ServerServices S
    {
        get
        {
            if (_services == null)
            {
                var db = OpenDatabase();
                Migrations.Apply(db);
                _services = new ServerServices(new ServerContext(db, new SiteKeys(Enumerable.Repeat((byte)7, 32).ToArray()), DeviceKeyVault.Ephemeral(), Time));
            }
            return _services;
        }
    }

    private Database Db => S.Context.Db;

    protected (string Device, string Reader) Site(string name = "Gate")
    {
        var (device, _) = S.Devices.Register(new DeviceInput(name, "building", "both", null, null, 35.0, 139.0));
        string reader = S.Devices.AddReader(device, new ReaderInput(null, name + " in", "entry", "outside", null, null));
        return (device, reader);
    }

    private static List<PermissionInput> Weekdays(string reader) =>
        new() { new PermissionInput(reader, new List<WindowInput> { new(0x3E, 8 * 60, 18 * 60) }) };

    protected string Employee(string name, string reader, string uid) =>
        S.Users.Register(new UserInput(name, "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", uid) }, Weekdays(reader)));

    private long Count(string table) => Db.QuerySingle("SELECT COUNT(*) AS n FROM " + table)!.Long("n");

    [Fact]
    public void Migrations_Are_Recorded_And_A_Second_Run_Applies_Nothing()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.Scripts.Length).Select(v => (long)v), Migrations.AppliedVersions(Db));
        Assert.Equal(0, Migrations.Apply(Db));
    }

    [Fact]
    public void Credentials_Are_Stored_Only_As_Keyed_Hashes()
    {
        var (_, reader) = Site();
        string user = Employee("Alice", reader, "04:a1:b2:c3");
        var row = Db.QuerySingle("SELECT * FROM credentials WHERE user_id = @u", new { u = user })!;
        foreach (var v in row.Values.Values) Assert.DoesNotContain("A1B2C3", Convert.ToString(v) ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(S.Context.Hasher.Hash("nfc", "04A1B2C3"), row.Str("hash"));
    }

    [Fact]
    public void A_Duplicate_Credential_Is_Refused_And_Nothing_Is_Written()
    {
        var (_, reader) = Site();
        Employee("Alice", reader, "04A1B2C3");
        long users = Count("users"), versions = Db.QuerySingle("SELECT SUM(cache_version) AS v FROM devices")!.Long("v");
        var e = Assert.Throws<ApiException>(() => Employee("Mallory", reader, "04-A1-B2-C3"));
        Assert.Equal(409, e.Status);
        Assert.Equal(users, Count("users"));
        Assert.Equal(versions, Db.QuerySingle("SELECT SUM(cache_version) AS v FROM devices")!.Long("v"));
    }

    [Fact]
    public void Access_Log_Is_Idempotent_By_Device_And_Event_Id()
    {
        var (device, reader) = Site();
        string user = Employee("Alice", reader, "04A1B2C3");
        var ev = new AccessEvent(device, 41, reader, user, "nfc", "entry", true, "ok", "replay", Start.ToUnixTimeMilliseconds());
        Assert.NotNull(S.Log.Record(ev));
        Assert.Null(S.Log.Record(ev));
        Assert.NotNull(S.Log.Record(ev with { DeviceId = device, EventId = 42 }));
        Assert.Equal(2, S.Log.Count());
    }

    [Fact]
    public void Presence_Follows_The_Newest_Event_Even_When_Older_Ones_Arrive_Later()
    {
        var (device, reader) = Site();
        string user = Employee("Alice", reader, "04A1B2C3");
        long t = Start.ToUnixTimeMilliseconds();
        S.Log.Record(new AccessEvent(device, 2, reader, user, "nfc", "exit", true, "ok", "online", t + 60_000));
        S.Log.Record(new AccessEvent(device, 1, reader, user, "nfc", "entry", true, "ok", "replay", t));
        Assert.Equal("outside", Db.QuerySingle("SELECT state FROM presence WHERE user_id = @u", new { u = user })!.Str("state"));
    }

    [Fact]
    public void A_Change_Bumps_Exactly_The_Affected_Controllers_And_Keeps_No_Credential_History()
    {
        var (gate, gateReader) = Site("Gate");
        var (lab, _) = Site("Lab");
        long labBefore = Version(lab), gateBefore = Version(gate);
        string user = Employee("Alice", gateReader, "04A1B2C3");
        Assert.Equal(gateBefore + 1, Version(gate));
        Assert.Equal(labBefore, Version(lab));

        string cred = Db.QuerySingle("SELECT id FROM credentials WHERE user_id = @u", new { u = user })!.Str("id");
        S.Users.RevokeCredential(cred);
        Assert.Equal(gateBefore + 2, Version(gate));
        Assert.Equal(labBefore, Version(lab));
        // What changed is diffed in memory by the bundle publisher; no table keeps revoked credentials' hashes.
        Assert.Empty(Db.Dialect == SqlDialect.Postgres
            ? Db.Query("SELECT table_name FROM information_schema.tables WHERE table_name = 'cache_deltas'")
            : Db.Query("SELECT name FROM sqlite_master WHERE name = 'cache_deltas'"));
    }

    private long Version(string device) => Db.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = device })!.Long("cache_version");

    [Fact]
    public void Guest_Pass_Needs_An_Existing_Inviter_And_Carries_Its_Window()
    {
        var (_, reader) = Site();
        long from = Start.ToUnixTimeMilliseconds(), until = from + 8 * 3600_000;
        Assert.Equal(404, Assert.Throws<ApiException>(() => S.Passes.IssueGuestPass("Gus", "u-nobody", from, until, new List<string> { reader }, null)).Status);
        string host = Employee("Alice", reader, "04A1B2C3");
        var (guest, pin) = S.Passes.IssueGuestPass("Gus", host, from, until, new List<string> { reader }, null);
        Assert.Matches("^[0-9]{6}$", pin);
        var cred = Db.QuerySingle("SELECT * FROM credentials WHERE user_id = @u", new { u = guest })!;
        Assert.Equal(until, cred.Long("valid_until"));
        Assert.Equal(S.Context.Hasher.Hash("pin", pin), cred.Str("hash"));
        Assert.Equal(host, Db.QuerySingle("SELECT inviter_id FROM users WHERE id = @u", new { u = guest })!.Str("inviter_id"));
    }

    [Fact]
    public void Delivery_Code_Is_One_Time()
    {
        var (_, reader) = Site();
        var (user, code) = S.Passes.IssueDeliveryCode("parcel", Start.ToUnixTimeMilliseconds() + 3600_000, new List<string> { reader });
        Assert.Matches("^[0-9]{8}$", code);
        Assert.True(Db.QuerySingle("SELECT one_time FROM credentials WHERE user_id = @u", new { u = user })!.Bool("one_time"));
    }

    [Fact]
    public void A_Pass_Issued_Now_Has_No_Start_Bound_And_A_Future_Start_Stays_One()
    {
        // tools/demo scenario 10: a code issued at 09:00:00.600 started at second 09:00:00; a door whose clock ran
        // 0.7 s behind the server's read 08:59:59 and refused the first use as credential-not-yet-valid.
        var (_, reader) = Site();
        string host = Employee("Alice", reader, "04A1B2C3");
        Time.Advance(TimeSpan.FromMilliseconds(600));
        long now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        var (courier, _) = S.Passes.IssueDeliveryCode("parcel", now + 3600_000, new List<string> { reader });
        var (guestNow, _) = S.Passes.IssueGuestPass("Gina", host, now, now + 3600_000, new List<string> { reader }, null);
        var (guestLater, _) = S.Passes.IssueGuestPass("Gus", host, now + 7200_000, now + 9000_000, new List<string> { reader }, null);
        var snapshot = DoorController.Server.Decisions.DecisionSnapshot.Load(Db);
        long StartOf(string user)
        {
            int num = NumericIds.Of(Db, user);
            for (int i = 0; i < snapshot.Credentials.Count; i++)
            {
                if (snapshot.Credentials.At(i).UserId == num) return snapshot.Credentials.At(i).ValidFromUnix;
            }
            throw new InvalidOperationException("no credential for " + user);
        }
        long PermissionStartOf(string user) => snapshot.Permissions.ForUser(NumericIds.Of(Db, user))[0].ValidFromUnix;
        Assert.Equal(0, StartOf(courier));
        Assert.Equal(0, StartOf(guestNow));
        Assert.Equal(0, PermissionStartOf(guestNow));
        Assert.Equal((now + 7200_000) / 1000, StartOf(guestLater));
        Assert.Equal((now + 7200_000) / 1000, PermissionStartOf(guestLater));
    }

    [Fact]
    public void Acknowledging_Twice_Keeps_The_First_Acknowledger()
    {
        long id = S.Alerts.Raise("fraud", "high", null, null, null, null, "second entry without exit");
        S.Alerts.Acknowledge(id, "guard1");
        Time.Advance(TimeSpan.FromMinutes(1));
        S.Alerts.Acknowledge(id, "admin");
        Assert.Equal("guard1", Db.QuerySingle("SELECT acknowledged_by FROM alerts WHERE id = @i", new { i = id })!.Str("acknowledged_by"));
        Assert.Equal(404, Assert.Throws<ApiException>(() => S.Alerts.Acknowledge(id + 1000, "x")).Status);
    }

    [Fact]
    public void Retention_Purge_Removes_Only_Rows_Older_Than_The_Period()
    {
        var (device, reader) = Site();
        long t = Start.ToUnixTimeMilliseconds();
        S.Log.Record(new AccessEvent(device, 1, reader, null, "nfc", "entry", false, "unknown", "online", t));
        Time.Advance(TimeSpan.FromDays(20));
        S.Log.Record(new AccessEvent(device, 2, reader, null, "nfc", "entry", false, "unknown", "online", Time.GetUtcNow().ToUnixTimeMilliseconds()));
        S.Privacy.SetRetentionDays(10);
        Assert.Equal(1, S.Privacy.Purge());
        Assert.Equal(2, Db.QuerySingle("SELECT event_id FROM access_log")!.Long("event_id"));
    }

    [Fact]
    public void Export_Holds_The_Users_Own_History_And_No_Credential_Hashes()
    {
        var (device, reader) = Site();
        string alice = Employee("Alice", reader, "04A1B2C3");
        string bob = Employee("Bob", reader, "04A1B2C4");
        long t = Start.ToUnixTimeMilliseconds();
        S.Log.Record(new AccessEvent(device, 1, reader, alice, "nfc", "entry", true, "ok", "online", t));
        S.Log.Record(new AccessEvent(device, 2, reader, bob, "nfc", "entry", true, "ok", "online", t));
        string json = System.Text.Json.JsonSerializer.Serialize(S.Privacy.Export(alice));
        Assert.Contains("Alice", json);
        Assert.DoesNotContain("Bob", json);
        Assert.DoesNotContain(bob, json);
        Assert.DoesNotContain(S.Context.Hasher.Hash("nfc", "04A1B2C3"), json);
    }

    [Fact]
    public void Admin_Sign_In_Accepts_The_Password_And_Refuses_Others()
    {
        S.Admins.Create("root", "correct horse", "admin");
        Assert.Null(S.Admins.SignIn("root", "wrong horse", out _));
        Assert.Null(S.Admins.SignIn("nobody", "correct horse", out _));
        string? token = S.Admins.SignIn("root", "correct horse", out string? role);
        Assert.Equal("admin", role);
        Assert.Equal("root", S.Admins.Resolve(token!)!.Str("username"));
        Assert.DoesNotContain(token!, Convert.ToString(Db.QuerySingle("SELECT token_hash FROM sessions")!.Str("token_hash")));
        Time.Advance(AdminDirectory.SessionLifetime + TimeSpan.FromMinutes(1));
        Assert.Null(S.Admins.Resolve(token!));
    }

    [Fact]
    public void Admin_Password_Change_Ends_Other_Sessions_And_Deleting_Keeps_The_Last_Admin()
    {
        string root = S.Admins.Create("root", "correct horse", "admin");
        string other = S.Admins.Create("other", "battery staple", "admin");
        string? kept = S.Admins.SignIn("root", "correct horse", out _);
        string? stolen = S.Admins.SignIn("root", "correct horse", out _);
        S.Admins.ChangePassword(root, "a brand new one", kept);
        Assert.NotNull(S.Admins.Resolve(kept!));
        Assert.Null(S.Admins.Resolve(stolen!));
        Assert.True(S.Admins.Verify(root, "a brand new one"));
        Assert.False(S.Admins.Verify(root, "correct horse"));

        string? theirs = S.Admins.SignIn("other", "battery staple", out _);
        Assert.Equal(1, S.Admins.RevokeSessions(other));
        Assert.Null(S.Admins.Resolve(theirs!));
        Assert.Equal(409, Assert.Throws<ApiException>(() => S.Admins.Delete(root, root)).Status);
        Assert.Equal("other", S.Admins.Delete(other, root));
        Assert.Equal(409, Assert.Throws<ApiException>(() => S.Admins.Delete(root, "someone")).Status); // the last admin stays
    }

    [Fact]
    public void The_Audit_Trail_Refuses_Changes_And_Deletions()
    {
        long id = S.Audit.Begin("adm-1", "root", "admin", "127.0.0.1", "POST /api/users", "");
        S.Audit.Finish(id, 201, "ok", "created u-1");
        Assert.ThrowsAny<Exception>(() => Db.Execute("UPDATE audit_log SET admin_name = 'nobody'"));
        Assert.ThrowsAny<Exception>(() => Db.Execute("DELETE FROM audit_log"));
        Assert.ThrowsAny<Exception>(() => Db.Execute("UPDATE audit_results SET status = 500"));
        Assert.ThrowsAny<Exception>(() => Db.Execute("DELETE FROM audit_results"));
        var row = Assert.Single(S.Audit.List(null, 10));
        Assert.Equal("root", row.Str("admin_name"));
        Assert.Equal(201, row.Long("status"));
    }

    [Fact]
    public async Task Sign_In_Failures_Are_Counted_In_The_Database_With_A_Growing_Pause()
    {
        for (int i = 0; i < SignInThrottle.AccountFreeFailures; i++)
        {
            var miss = await S.SignIns.AttemptAsync("root", "10.0.0." + i, () => false);
            Assert.Equal(i + 1, miss.Failures);
        }
        var paused = await S.SignIns.AttemptAsync("root", "10.0.0.9", () => true);
        Assert.Equal(TimeSpan.FromSeconds(1), paused.RetryAfter);
        Assert.False(paused.Ok);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await S.SignIns.AttemptAsync("root", "10.0.0.9", () => true)).Ok);
        Assert.Equal(0, Count("sign_in_throttle WHERE subject = 'account:root'"));
        Time.Advance(SignInThrottle.ForgetAfter + TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await S.SignIns.AttemptAsync("someone", "10.0.0.1", () => false)).Failures);
        Assert.Equal(2, Count("sign_in_throttle")); // the day-old address rows were forgotten
    }

    [Fact]
    public void Device_Keys_Are_Stored_Sealed_And_Open_To_The_Key_Shown_At_Registration()
    {
        var (device, keyHex) = S.Devices.Register(new DeviceInput("Gate", "hall", "both", null, null, null, null));
        string stored = Db.QuerySingle("SELECT device_key FROM devices WHERE id = @d", new { d = device })!.Str("device_key")!;
        Assert.StartsWith(DeviceKeyVault.SealedPrefix, stored);
        Assert.DoesNotContain(keyHex, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(keyHex, DoorController.Core.Hex.Encode(S.Context.DeviceKeys.Open(device, stored)));
        Assert.False(S.Context.DeviceKeys.TryOpen("d-other", stored, out _)); // bound to its device
    }

    [Fact]
    public void Board_Flash_Is_Recorded_Per_Device_And_An_Unknown_Size_Is_Refused()
    {
        var (small, _) = S.Devices.Register(new DeviceInput("Gate", "hall", "both", null, null, null, null));
        var (large, _) = S.Devices.Register(new DeviceInput("Dock", "yard", "both", null, null, null, null, 16));
        Row Device(string id) => Db.QuerySingle("SELECT flash_mb, sync_error FROM devices WHERE id = @d", new { d = id })!;
        Assert.Equal(4, Device(small).Long("flash_mb")); // the migration's and the registration's default
        Assert.Equal(16, Device(large).Long("flash_mb"));
        Assert.Null(Device(large).Str("sync_error"));
        long devices = Count("devices");
        Assert.Equal(400, Assert.Throws<ApiException>(() => S.Devices.Register(new DeviceInput("Odd", "hall", "both", null, null, null, null, 2))).Status);
        Assert.Equal(devices, Count("devices"));
    }

    public virtual void Dispose()
    {
        _services?.Dispose();
    }
}
