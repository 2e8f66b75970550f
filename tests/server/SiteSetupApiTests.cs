using System.Net;
using System.Text.Json;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Hal;
using DoorController.Server.Decisions;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.Server.Sync;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// What docs/server.md promises an administrator setting up a site: the numbers a technician types at the console,
/// nested areas, the unlock time of each door and the site's offline lifetime reaching the controllers' bundles,
/// attribute policies set once per site, one PIN rule, phone enrolment, guest passes that route alerts to the
/// inviter and extended unlock for people who need longer.
/// </summary>
public sealed class SiteSetupApiTests : IDisposable
{
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private readonly ServerTestHost _server = new();
    private readonly HttpClient _admin;
    private readonly ServerServices _s;
    private readonly string _device, _door, _reader;

    public SiteSetupApiTests()
    {
        _admin = _server.SignedIn();
        _s = _server.Host.Services;
        _device = Id(_admin.PostAsync("/api/devices", Json(new { name = "Gate", location = "lobby", usage = "both" })).Result);
        _door = Id(_admin.PostAsync("/api/devices/" + _device + "/doors", Json(new { name = "G1", unlockMs = 3000 })).Result);
        _reader = Id(_admin.PostAsync("/api/devices/" + _device + "/readers", Json(new { doorId = _door, name = "G1 in", usage = "entry" })).Result);
    }

    private int Num(string id) => NumericIds.Of(_server.Host.Store.Db, id);
    private long Version() => _server.Host.Store.Db.QuerySingle("SELECT cache_version FROM devices WHERE id = @d", new { d = _device })!.Long("cache_version");

    private static JsonElement Find(JsonElement list, string id) => list.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    private static void AssertStatus(HttpResponseMessage res, HttpStatusCode status, string? messagePart = null)
    {
        string body = res.Content.ReadAsStringAsync().Result;
        Assert.True(res.StatusCode == status, (int)res.StatusCode + " " + body);
        if (messagePart != null) Assert.Contains(messagePart, body);
    }

    [Fact]
    public void The_Numbers_A_Technician_Types_Are_Shown_With_The_Commands()
    {
        var doors = Parse(_admin.GetAsync("/api/doors").Result);
        Assert.Equal(Num(_door), Find(doors, _door).GetProperty("number").GetInt32());
        var readers = Parse(_admin.GetAsync("/api/readers").Result);
        Assert.Equal(Num(_reader), Find(readers, _reader).GetProperty("number").GetInt32());
        var sheet = Parse(_admin.GetAsync("/api/devices/" + _device + "/console").Result);
        var commands = sheet.GetProperty("commands").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("set device " + _device, commands);
        Assert.Contains("set door-id " + Num(_door), commands);
        Assert.Contains("set flash-mb 4", commands);
        string big = Id(_admin.PostAsync("/api/devices", Json(new { name = "Big gate", location = "lobby", usage = "both", flashMb = 16 })).Result);
        var bigSheet = Parse(_admin.GetAsync("/api/devices/" + big + "/console").Result);
        Assert.Contains("set flash-mb 16", bigSheet.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(commands, c => c!.StartsWith("set reader-id <nfc|wiegand|qr|ble> " + Num(_reader) + " ", StringComparison.Ordinal));
        AssertStatus(_admin.GetAsync("/api/devices/d-nope/console").Result, HttpStatusCode.NotFound);
        // A door created by the API answers with its number at once.
        var created = Parse(_admin.PostAsync("/api/devices/" + _device + "/doors", Json(new { name = "G1b" })).Result);
        Assert.True(created.GetProperty("number").GetInt32() > 0);
    }

    [Fact]
    public void Areas_Nest_Unknown_Parents_And_Cycles_Are_Refused_And_A_Parent_Can_Change()
    {
        string building = Id(_admin.PostAsync("/api/areas", Json(new { name = "Building" })).Result);
        string office = Id(_admin.PostAsync("/api/areas", Json(new { name = "Office", parentId = building })).Result);
        string room = Id(_admin.PostAsync("/api/areas", Json(new { name = "Room", parentId = office })).Result);
        long areas = _server.Count("areas");
        AssertStatus(_admin.PostAsync("/api/areas", Json(new { name = "Lost", parentId = "a-nowhere" })).Result, HttpStatusCode.NotFound, "area");
        Assert.Equal(areas, _server.Count("areas"));

        AssertStatus(_admin.PutAsync("/api/areas/" + building, Json(new { parentId = room })).Result, HttpStatusCode.Conflict, "cycle");
        AssertStatus(_admin.PutAsync("/api/areas/" + office, Json(new { parentId = office })).Result, HttpStatusCode.Conflict, "cycle");
        AssertStatus(_admin.PutAsync("/api/areas/" + office, Json(new { })).Result, HttpStatusCode.BadRequest, "parentId is required");
        AssertStatus(_admin.PutAsync("/api/areas/a-nope", Json(new { parentId = (string?)null })).Result, HttpStatusCode.NotFound);

        long before = Version();
        AssertStatus(_admin.PutAsync("/api/areas/" + room, Json(new { parentId = building })).Result, HttpStatusCode.OK);
        Assert.True(Version() > before, "areas travel in every bundle: moving one bumps the controllers");
        var list = Parse(_admin.GetAsync("/api/areas").Result);
        Assert.Equal(building, Find(list, room).GetProperty("parentId").GetString());
        AssertStatus(_admin.PutAsync("/api/areas/" + room, Json(new { parentId = (string?)null })).Result, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, Find(Parse(_admin.GetAsync("/api/areas").Result), room).GetProperty("parentId").ValueKind);

        // The decision core sees the nesting.
        var snapshot = DecisionSnapshot.Load(_server.Host.Store.Db);
        Assert.Equal(Num(building), snapshot.Site.FindArea(Num(office))!.ParentId);
    }

    [Fact]
    public void Areas_Cannot_Nest_Deeper_Than_The_Limit()
    {
        string parent = Id(_admin.PostAsync("/api/areas", Json(new { name = "L0" })).Result);
        for (int i = 1; i < DeviceRegistry.MaxAreaDepth; i++)
        {
            parent = Id(_admin.PostAsync("/api/areas", Json(new { name = "L" + i, parentId = parent })).Result);
        }
        AssertStatus(_admin.PostAsync("/api/areas", Json(new { name = "too deep", parentId = parent })).Result, HttpStatusCode.BadRequest, "nest at most");
    }

    [Fact]
    public void Each_Door_Has_Its_Unlock_Time_In_Decisions_And_In_Its_Controllers_Bundle()
    {
        var doors = Parse(_admin.GetAsync("/api/doors").Result);
        Assert.Equal(3000, Find(doors, _door).GetProperty("unlockMs").GetInt32());
        Assert.Equal(3000, DecisionSnapshot.Load(_server.Host.Store.Db).Site.FindDoor(Num(_door))!.UnlockMilliseconds);

        long before = Version();
        AssertStatus(_admin.PutAsync("/api/doors/" + _door, Json(new { unlockMs = 9000 })).Result, HttpStatusCode.OK);
        Assert.True(Version() > before, "the controller gets a new bundle");
        AssertStatus(_admin.PutAsync("/api/doors/" + _door, Json(new { unlockMs = 100 })).Result, HttpStatusCode.BadRequest, "unlockMs must be 500-120000");
        AssertStatus(_admin.PutAsync("/api/doors/" + _door, Json(new { unlockMs = 200000 })).Result, HttpStatusCode.BadRequest, "unlockMs");
        AssertStatus(_admin.PutAsync("/api/doors/o-nope", Json(new { unlockMs = 4000 })).Result, HttpStatusCode.NotFound);

        var alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3") }, new List<PermissionInput> { new(_reader, Always) }));
        var outcome = Decide(_s.Context.Hasher.Hash("nfc", "04A1B2C3"), "nfc");
        Assert.True(outcome.Granted, outcome.Reason);
        Assert.Equal(9000, outcome.UnlockMilliseconds);

        var (info, site) = Bundle();
        Assert.Equal(9000, site.Site.FindDoor(Num(_door))!.UnlockMilliseconds);

        AssertStatus(_admin.PutAsync("/api/doors/" + _door, Json(new { unlockMs = (int?)null })).Result, HttpStatusCode.OK);
        Assert.Equal(AccessOptions.DefaultUnlockMillisecondsValue, Bundle().Site.Site.FindDoor(Num(_door))!.UnlockMilliseconds);
        Assert.NotNull(alice);
        Assert.True(info.MaxOfflineSeconds > 0);
    }

    [Fact]
    public void The_Offline_Lifetime_Is_Set_Once_And_Carried_By_Every_Bundle()
    {
        Assert.Equal(BundleInfo.DefaultMaxOfflineSeconds, Parse(_admin.GetAsync("/api/settings/offline-lifetime").Result).GetProperty("seconds").GetInt32());
        Assert.Equal(BundleInfo.DefaultMaxOfflineSeconds, Bundle().Info.MaxOfflineSeconds);
        long before = Version();
        AssertStatus(_admin.PutAsync("/api/settings/offline-lifetime", Json(new { seconds = 2 * 86400 })).Result, HttpStatusCode.OK);
        Assert.True(Version() > before, "every controller gets a bundle with the new lifetime");
        Assert.Equal(2 * 86400, Bundle().Info.MaxOfflineSeconds);
        AssertStatus(_admin.PutAsync("/api/settings/offline-lifetime", Json(new { seconds = 60 })).Result, HttpStatusCode.BadRequest, "1 hour to 90 days");
        AssertStatus(_admin.PutAsync("/api/settings/offline-lifetime", Json(new { seconds = 91 * 86400 })).Result, HttpStatusCode.BadRequest, "1 hour to 90 days");
        Assert.Equal(2 * 86400, _s.Settings.OfflineLifetimeSeconds);
    }

    [Fact]
    public void Guards_Are_Exempt_At_Every_Reader_From_The_Start_And_A_Site_Policy_Can_Be_Changed()
    {
        var policies = Parse(_admin.GetAsync("/api/policies").Result);
        Assert.Contains(policies.EnumerateArray(), p => p.GetProperty("attribute").GetString() == "guard" && p.GetProperty("fraudOnViolation").GetInt32() == 0);
        _s.Users.Register(new UserInput("Gordon", "guard", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04600D01") }, new List<PermissionInput> { new(_reader, Always) }));
        string guard = _s.Context.Hasher.Hash("nfc", "04600D01");
        Assert.True(Decide(guard, "nfc").Granted);
        var second = Decide(guard, "nfc");
        Assert.True(second.Granted && !second.Fraud, "a guard's second entry is neither denied nor fraud without any per-reader policy: " + second.Reason);

        AssertStatus(_admin.PutAsync("/api/policies/contractor", Json(new { fraudOnViolation = false })).Result, HttpStatusCode.OK);
        AssertStatus(_admin.PutAsync("/api/policies/wizard", Json(new { fraudOnViolation = false })).Result, HttpStatusCode.BadRequest, "attribute must be one of");
        AssertStatus(_admin.DeleteAsync("/api/policies/contractor").Result, HttpStatusCode.OK);
        AssertStatus(_admin.DeleteAsync("/api/policies/contractor").Result, HttpStatusCode.NotFound);
        // Carried to the controller as a site-wide policy it looks up the same way.
        var site = Bundle().Site;
        AccessPolicy cached = site.Policies.Find(Num(_reader), UserAttribute.Guard)!;
        Assert.False(cached.FraudOnEntry || cached.FraudOnExit);
        Assert.Null(site.Policies.Exact(Num(_reader), UserAttribute.Guard));
    }

    [Fact]
    public void Pins_The_Keypad_Cannot_Type_Are_Refused()
    {
        string user = Id(_admin.PostAsync("/api/users", Json(new { name = "Pat", attribute = "employee" })).Result);
        AssertStatus(_admin.PostAsync("/api/users/" + user + "/credentials", Json(new { method = "pin", value = "123456789" })).Result, HttpStatusCode.BadRequest, "4-8 digits");
        AssertStatus(_admin.PostAsync("/api/users/" + user + "/credentials", Json(new { method = "pin", value = "123456789012" })).Result, HttpStatusCode.BadRequest, "4-8 digits");
        AssertStatus(_admin.PostAsync("/api/users/" + user + "/credentials", Json(new { method = "pin", value = "12345678" })).Result, HttpStatusCode.Created);
        Assert.True(PassIssuer.DeliveryCodeDigits <= PinRule.MaximumDigits && PassIssuer.GuestPinDigits <= PinRule.MaximumDigits);
    }

    [Fact]
    public void A_Phone_Is_Enrolled_With_Its_Own_Keys_And_Its_Tokens_Open_The_Door()
    {
        string alice = Id(_admin.PostAsync("/api/users", Json(new { name = "Alice", attribute = "employee", permissions = new[] { new { readerId = _reader, windows = new[] { new { days = 255, start = 0, end = 1440 } } } } })).Result);
        string bob = Id(_admin.PostAsync("/api/users", Json(new { name = "Bob", attribute = "employee" })).Result);
        var res = _admin.PostAsync("/api/users/" + alice + "/phone", null).Result;
        AssertStatus(res, HttpStatusCode.Created);
        var phone = Parse(res);
        uint userRef = phone.GetProperty("userRef").GetUInt32();
        Assert.Equal((uint)Num(alice), userRef);
        string bleKey = phone.GetProperty("bleKey").GetString()!;
        Assert.Equal(64, bleKey.Length);
        Assert.Equal(2, phone.GetProperty("credentials").GetArrayLength());
        string text = phone.ToString();
        Assert.DoesNotContain(DoorController.Core.Hex.Encode(_s.Context.Keys.CredentialKey), text, StringComparison.OrdinalIgnoreCase);

        var again = _admin.PostAsync("/api/users/" + alice + "/phone", null).Result;
        AssertStatus(again, HttpStatusCode.OK);
        Assert.Equal(bleKey, Parse(again).GetProperty("bleKey").GetString());
        Assert.Equal(1, _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM credentials WHERE user_id = @u AND method = 'ble'", new { u = alice })!.Long("n"));
        Assert.NotEqual(bleKey, Parse(_admin.PostAsync("/api/users/" + bob + "/phone", null).Result).GetProperty("bleKey").GetString());

        // A token made on the phone with that key carries the user reference the door hashes and decides on.
        byte[] token = BleToken.Create(DoorController.Core.Hex.TryDecode(bleKey, out byte[] key) ? key : throw new InvalidOperationException(), userRef, 1, Direction.Unknown);
        Assert.True(BleToken.TryParse(token, out uint carried, out _, out _));
        var outcome = Decide(_s.Context.Hasher.Hash(CredentialMethod.Ble, TokenKeys.UserRefBytes(carried)), "ble");
        Assert.True(outcome.Granted, outcome.Reason);

        AssertStatus(_admin.PostAsync("/api/users/u-nope/phone", null).Result, HttpStatusCode.NotFound);
        _s.Users.RevokeUser(bob);
        AssertStatus(_admin.PostAsync("/api/users/" + bob + "/phone", null).Result, HttpStatusCode.NotFound);
    }

    private sealed class Recorder : IMessagePublisher
    {
        public readonly System.Collections.Concurrent.BlockingCollection<(string Topic, string Payload)> Sent = new();
        public bool Publish(string topic, string payload) { Sent.Add((topic, payload)); return true; }
    }

    [Fact]
    public void A_Guest_Pass_Routes_Alerts_About_The_Guest_To_The_Inviter()
    {
        var recorder = new Recorder();
        _s.UsePublisher(recorder);
        string host = Id(_admin.PostAsync("/api/users", Json(new { name = "Alice", attribute = "employee" })).Result);
        string webHost = Id(_admin.PostAsync("/api/users", Json(new { name = "Hiro", attribute = "employee", contact = "https://hooks.example.com/hiro" })).Result);
        long now = _s.Context.NowMs;
        var pass = Parse(_admin.PostAsync("/api/guest-passes", Json(new { name = "Gus", inviterId = host, validFrom = now, validUntil = now + 3_600_000, readerIds = new[] { _reader } })).Result);
        string guest = pass.GetProperty("userId").GetString()!;
        var route = _server.Host.Store.Db.QuerySingle("SELECT channel, target, content FROM notification_routes WHERE user_id = @g AND reader_id = @r", new { g = guest, r = _reader })!;
        Assert.Equal("mqtt", route.Str("channel"));
        Assert.Equal(PassIssuer.InviterTopicPrefix + Num(host), route.Str("target"));

        _s.Alerts.Raise("retro-fraud", "high", guest, _device, _reader, null, "guest entered twice");
        Assert.True(recorder.Sent.TryTake(out var sent, TimeSpan.FromSeconds(5)), "the inviter was not told");
        Assert.Equal(PassIssuer.InviterTopicPrefix + Num(host), sent.Topic);
        Assert.Contains(guest, sent.Payload);

        var webPass = Parse(_admin.PostAsync("/api/guest-passes", Json(new { name = "Gina", inviterId = webHost, validFrom = now, validUntil = now + 3_600_000, readerIds = new[] { _reader } })).Result);
        var webRoute = _server.Host.Store.Db.QuerySingle("SELECT channel, target FROM notification_routes WHERE user_id = @g", new { g = webPass.GetProperty("userId").GetString() })!;
        Assert.Equal("webhook", webRoute.Str("channel"));
        Assert.Equal("https://hooks.example.com/hiro", webRoute.Str("target"));

        long users = _server.Count("users");
        AssertStatus(_admin.PostAsync("/api/guest-passes", Json(new { name = "Half", inviterId = host, validFrom = now, validUntil = now + 3_600_000, readerIds = new[] { _reader }, notifyChannel = "mqtt" })).Result,
            HttpStatusCode.BadRequest, "notifyChannel and notifyTarget");
        AssertStatus(_admin.PostAsync("/api/guest-passes", Json(new { name = "Nobody's", inviterId = "u-nope", validFrom = now, validUntil = now + 3_600_000, readerIds = new[] { _reader } })).Result,
            HttpStatusCode.NotFound, "inviter");
        Assert.Equal(users, _server.Count("users"));
    }

    [Fact]
    public void Extended_Access_Gives_The_Longer_Unlock_Online_And_Travels_In_The_Bundle()
    {
        string user = Id(_admin.PostAsync("/api/users", Json(new
        {
            name = "Wheelchair user", attribute = "employee", extendedAccess = true,
            credentials = new[] { new { method = "nfc", value = "04EE0001" } },
            permissions = new[] { new { readerId = _reader, windows = new[] { new { days = 255, start = 0, end = 1440 } } } },
        })).Result);
        var outcome = Decide(_s.Context.Hasher.Hash("nfc", "04EE0001"), "nfc");
        Assert.True(outcome.Granted, outcome.Reason);
        Assert.True(outcome.Extended);
        Assert.Equal(new AccessOptions().ExtendedUnlockMilliseconds, outcome.UnlockMilliseconds);
        Assert.True(BundleHolder("04EE0001", Num(user)).ExtendedAccess);

        AssertStatus(_admin.PutAsync("/api/users/" + user + "/extended-access", Json(new { extendedAccess = false })).Result, HttpStatusCode.OK);
        Assert.False(BundleHolder("04EE0001", Num(user)).ExtendedAccess);
    }

    [Fact]
    public void Holidays_And_The_Time_Zone_Decide_Permission_Windows_Online_And_Travel_In_The_Bundle()
    {
        // Weekdays 09:00-18:00 only, no holidays.
        _s.Users.Register(new UserInput("Office hours", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04DA0001") },
            new List<PermissionInput> { new(_reader, new List<WindowInput> { new(62, 540, 1080) }) }));
        string card = _s.Context.Hasher.Hash("nfc", "04DA0001");
        long wednesdayNoonTokyo = new DateTimeOffset(2025, 11, 19, 12, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeSeconds();
        Assert.Equal("Asia/Tokyo", Parse(_admin.GetAsync("/api/settings/time-zone").Result).GetProperty("timeZone").GetString());
        Assert.True(Decide(card, "nfc", wednesdayNoonTokyo).Granted);

        long before = Version();
        AssertStatus(_admin.PutAsync("/api/holidays/2025-11-19", Json(new { name = "founding day" })).Result, HttpStatusCode.OK);
        Assert.True(Version() > before, "every controller gets the holiday");
        Assert.Equal("outside-time-window", Decide(card, "nfc", wednesdayNoonTokyo).Reason);
        Assert.Equal(CivilDateDay(2025, 11, 19), Bundle().Site.Holidays.Days.Single());
        AssertStatus(_admin.PutAsync("/api/holidays/2025-13-01", Json(new { name = "nope" })).Result, HttpStatusCode.BadRequest, "YYYY-MM-DD");
        AssertStatus(_admin.DeleteAsync("/api/holidays/2025-11-19").Result, HttpStatusCode.OK);
        Assert.True(Decide(card, "nfc", wednesdayNoonTokyo).Granted);
        Assert.Empty(Bundle().Site.Holidays.Days);

        // In New York it is 22:00 on Tuesday at that instant: outside the window.
        AssertStatus(_admin.PutAsync("/api/settings/time-zone", Json(new { timeZone = "America/New_York" })).Result, HttpStatusCode.OK);
        Assert.Equal("outside-time-window", Decide(card, "nfc", wednesdayNoonTokyo).Reason);
        var zone = Bundle().Site.TimeZone;
        Assert.Equal(-300, zone.OffsetMinutes);
        Assert.Equal((3, 2, 0), (zone.Dst!.StartMonth, zone.Dst.StartWeek, zone.Dst.StartDayOfWeek));
        AssertStatus(_admin.PutAsync("/api/settings/time-zone", Json(new { timeZone = "Mars/Olympus_Mons" })).Result, HttpStatusCode.BadRequest, "unknown time zone");
        AssertStatus(_admin.PutAsync("/api/settings/time-zone", Json(new { timeZone = "../../etc/passwd" })).Result, HttpStatusCode.BadRequest, "not a time zone");
        Assert.Equal("America/New_York", Parse(_admin.GetAsync("/api/site").Result).GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData("JST-9", 540, false, 0, 0, 0, 0, 0)]
    [InlineData("IST-5:30", 330, false, 0, 0, 0, 0, 0)]
    [InlineData("UTC0", 0, false, 0, 0, 0, 0, 0)]
    [InlineData("CET-1CEST,M3.5.0,M10.5.0/3", 60, true, 3, 5, 120, 10, 180)]
    [InlineData("EST5EDT,M3.2.0,M11.1.0", -300, true, 3, 2, 120, 11, 120)]
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", 600, true, 10, 1, 120, 4, 180)]
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", -120, true, 3, 5, -60, 10, 0)]
    public void Posix_Time_Zone_Rules_Become_The_Controllers_Zone(string tz, int offset, bool dst, int startMonth, int startWeek, int startMinute, int endMonth, int endMinute)
    {
        Assert.True(PosixZone.TryParse(tz, out var zone, out string error), error);
        Assert.Equal(offset, zone.OffsetMinutes);
        Assert.Equal(dst, zone.Dst != null);
        if (dst) Assert.Equal((startMonth, startWeek, startMinute, endMonth, endMinute, 60), (zone.Dst!.StartMonth, zone.Dst.StartWeek, zone.Dst.StartMinute, zone.Dst.EndMonth, zone.Dst.EndMinute, zone.Dst.SaveMinutes));
        Assert.False(PosixZone.TryParse("CET-1CEST", out _, out _)); // daylight time without a rule
        Assert.False(PosixZone.TryParse("CET-1CEST,M13.5.0,M10.5.0", out _, out _));
    }

    private static int CivilDateDay(int y, int m, int d) => DoorController.Access.CivilDate.DaysFromCivil(y, m, d);

    /// <summary>Decides as the server would at <paramref name="atUnix"/>: the server's clock decides, never the request's.</summary>
    private DecisionOutcome Decide(string hashHex, string kind, long atUnix)
    {
        var then = new ServerContext(_s.Context.Db, _s.Context.Keys, _s.Context.DeviceKeys, new ServerManualTime(DateTimeOffset.FromUnixTimeSeconds(atUnix)));
        var decider = new OnlineDecider(then);
        return decider.Decide(_device, new DecisionRequest { RequestId = Guid.NewGuid().ToString("N")[..8], Reader = Num(_reader), CredentialKind = kind, CredentialHash = hashHex, At = atUnix });
    }

    private DecisionOutcome Decide(string hashHex, string kind)
    {
        var decider = new OnlineDecider(_s.Context);
        return decider.Decide(_device, new DecisionRequest
        {
            RequestId = Guid.NewGuid().ToString("N")[..8], Reader = Num(_reader), CredentialKind = kind, CredentialHash = hashHex,
            At = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
    }

    private OnlineDecider? _bundleDecider;

    /// <summary>A full bundle for the gate controller as the publisher sends it, read back the way the controller does.</summary>
    /// <summary>The holder of an NFC card as the controller's store in its next bundle describes them.</summary>
    private User BundleHolder(string uid, int userId)
    {
        var (_, site, store) = BundleStore();
        Assert.Equal(ReasonCode.Granted, store.Find(Convert.FromHexString(_s.Context.Hasher.Hash("nfc", uid)), 0, new CredentialInfo()));
        return site.Holder.Find(userId)!;
    }

    private (BundleInfo Info, SiteCache Site) Bundle()
    {
        var (info, site, _) = BundleStore();
        return (info, site);
    }

    private (BundleInfo Info, SiteCache Site, FileCredentialDirectory Store) BundleStore()
    {
        var transport = new ChunkCatcher();
        _bundleDecider ??= new OnlineDecider(_s.Context);
        var publisher = new BundlePublisher(_s, _bundleDecider, transport, () => _s.Settings.OfflineLifetimeSeconds);
        byte[] deviceKey = new byte[32];
        publisher.Publish(_device, deviceKey, (uint)Version() + 1);
        var info = new BundleInfo();
        Assert.Equal(BundleStatus.Accepted, BundleChunk.TryReadHeader(transport.Chunks[0], info, out _, out _));
        var body = new MemoryStream();
        foreach (byte[] chunk in transport.Chunks) body.Write(chunk, BundleChunk.HeaderLength, chunk.Length - BundleChunk.HeaderLength);
        var store = new FileCredentialDirectory(new MemoryStream(body.ToArray()), CacheBody.StoreOffset, 64);
        Assert.Equal(ReasonCode.Granted, SiteCacheReader.Load(store, out SiteCache site));
        return (info, site, store);
    }

    private sealed class ChunkCatcher : IMqttTransport
    {
        public readonly List<byte[]> Chunks = new();
        public bool IsConnected => true;
        public bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener) => true;
        public bool Subscribe(string topicFilter, int qos) => true;
        public bool Publish(string topic, byte[] payload, int qos, bool retain) { Chunks.Add(payload); return true; }
        public void Disconnect() { }
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }
}
