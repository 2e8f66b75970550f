using System.Net;
using System.Text.Json;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>The admin API refuses bad requests with a 4xx and a JSON error, and writes nothing when it does.</summary>
public sealed class ServerApiTests : IDisposable
{
    private readonly ServerTestHost _server = new();
    private readonly HttpClient _admin;
    private readonly string _reader;

    public ServerApiTests()
    {
        _admin = _server.SignedIn();
        string device = Id(_admin.PostAsync("/api/devices", Json(new { name = "Gate", location = "building", usage = "both" })).Result);
        _reader = Id(_admin.PostAsync("/api/devices/" + device + "/readers", Json(new { name = "Gate in", usage = "entry" })).Result);
    }

    private static string ErrorOf(HttpResponseMessage res) => Parse(res).GetProperty("error").GetString()!;

    private void AssertRefused(HttpResponseMessage res, HttpStatusCode status, string messagePart)
    {
        Assert.Equal(status, res.StatusCode);
        Assert.Equal("application/json", res.Content.Headers.ContentType!.MediaType);
        Assert.Contains(messagePart, ErrorOf(res));
    }

    [Fact]
    public void Missing_Auth_Is_401_And_Nothing_Is_Written()
    {
        long users = _server.Count("users");
        AssertRefused(_server.Client.PostAsync("/api/users", Json(new { name = "Eve", attribute = "employee" })).Result, HttpStatusCode.Unauthorized, "sign in");
        AssertRefused(_server.Client.GetAsync("/api/log").Result, HttpStatusCode.Unauthorized, "sign in");
        Assert.Equal(users, _server.Count("users"));
    }

    [Fact]
    public void A_Forged_Or_Expired_Token_Is_401()
    {
        var c = new HttpClient { BaseAddress = new Uri(_server.Url) };
        c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", new string('a', 64));
        AssertRefused(c.GetAsync("/api/users").Result, HttpStatusCode.Unauthorized, "sign in");
    }

    [Fact]
    public void Wrong_Password_Is_401_Without_Saying_Which_Part_Was_Wrong()
    {
        AssertRefused(_server.Client.PostAsync("/api/auth/login", Json(new { username = "admin", password = "nope-nope" })).Result, HttpStatusCode.Unauthorized, "wrong username or password");
        AssertRefused(_server.Client.PostAsync("/api/auth/login", Json(new { username = "ghost", password = "nope-nope" })).Result, HttpStatusCode.Unauthorized, "wrong username or password");
    }

    [Fact]
    public void Malformed_Json_Is_400_And_Nothing_Is_Written()
    {
        long users = _server.Count("users");
        AssertRefused(_admin.PostAsync("/api/users", Raw("{\"name\": \"Eve\", ")).Result, HttpStatusCode.BadRequest, "malformed JSON");
        AssertRefused(_admin.PostAsync("/api/users", Raw("[1,2]")).Result, HttpStatusCode.BadRequest, "JSON object");
        Assert.Equal(users, _server.Count("users"));
    }

    [Theory]
    [InlineData("{\"name\": 5, \"attribute\": \"employee\"}", "name must be a string")]
    [InlineData("{\"name\": \"Eve\", \"attribute\": \"wizard\"}", "attribute must be one of")]
    [InlineData("{\"name\": \"Eve\", \"attribute\": \"employee\", \"validFrom\": \"soon\"}", "validFrom must be an integer")]
    [InlineData("{\"name\": \"Eve\", \"attribute\": \"employee\", \"credentials\": {}}", "credentials must be an array")]
    [InlineData("{\"name\": \"Eve\", \"attribute\": \"employee\", \"credentials\": [{\"method\": \"nfc\", \"value\": \"zz\"}]}", "not a valid nfc value")]
    [InlineData("{\"attribute\": \"employee\"}", "name is required")]
    public void Wrong_Types_And_Values_Are_400_Naming_The_Field(string body, string message)
    {
        long users = _server.Count("users"), creds = _server.Count("credentials");
        AssertRefused(_admin.PostAsync("/api/users", Raw(body)).Result, HttpStatusCode.BadRequest, message);
        Assert.Equal(users, _server.Count("users"));
        Assert.Equal(creds, _server.Count("credentials"));
    }

    [Fact]
    public void Unknown_Ids_Are_404_And_A_Half_Valid_Registration_Writes_Nothing()
    {
        long users = _server.Count("users"), creds = _server.Count("credentials");
        long versions = _server.Host.Store.Db.QuerySingle("SELECT SUM(cache_version) AS v FROM devices")!.Long("v");
        var body = new
        {
            name = "Eve", attribute = "employee",
            credentials = new[] { new { method = "nfc", value = "04A1B2C3" } },
            permissions = new[] { new { readerId = "r-0000000000000000", windows = new[] { new { days = 0x3E, start = 480, end = 1080 } } } },
        };
        AssertRefused(_admin.PostAsync("/api/users", Json(body)).Result, HttpStatusCode.NotFound, "r-0000000000000000");
        Assert.Equal(users, _server.Count("users"));
        Assert.Equal(creds, _server.Count("credentials"));
        Assert.Equal(versions, _server.Host.Store.Db.QuerySingle("SELECT SUM(cache_version) AS v FROM devices")!.Long("v"));
        AssertRefused(_admin.GetAsync("/api/users/u-nobody").Result, HttpStatusCode.NotFound, "u-nobody");
        AssertRefused(_admin.PostAsync("/api/alerts/999/ack", null).Result, HttpStatusCode.NotFound, "999");
        AssertRefused(_admin.PostAsync("/api/devices/d-nope/commands", Json(new { command = "unlock" })).Result, HttpStatusCode.NotFound, "d-nope");
        AssertRefused(_admin.GetAsync("/api/nothing-here").Result, HttpStatusCode.NotFound, "no such endpoint");
    }

    [Fact]
    public void Oversize_Bodies_Are_413_And_Wrong_Content_Types_415()
    {
        long users = _server.Count("users");
        string huge = "{\"name\": \"" + new string('a', 200_000) + "\", \"attribute\": \"employee\"}";
        AssertRefused(_admin.PostAsync("/api/users", Raw(huge)).Result, HttpStatusCode.RequestEntityTooLarge, "too large");
        AssertRefused(_admin.PostAsync("/api/users", Raw("name=Eve", "application/x-www-form-urlencoded")).Result, HttpStatusCode.UnsupportedMediaType, "application/json");
        Assert.Equal(users, _server.Count("users"));
    }

    [Fact]
    public void Guard_Reads_And_Acknowledges_But_Cannot_Change_Anything()
    {
        Id(_admin.PostAsync("/api/admins", Json(new { username = "guard1", password = "guard-pass-1", role = "guard" })).Result);
        var guard = _server.SignedIn("guard1", "guard-pass-1");
        long alert = _server.Host.Services.Alerts.Raise("fraud", "high", null, null, null, null, "test");
        Assert.Equal(HttpStatusCode.OK, guard.GetAsync("/api/users").Result.StatusCode);
        AssertRefused(guard.PostAsync("/api/users", Json(new { name = "Eve", attribute = "employee" })).Result, HttpStatusCode.Forbidden, "guard");
        AssertRefused(guard.PostAsync("/api/devices/x/commands", Json(new { command = "unlock" })).Result, HttpStatusCode.Forbidden, "guard");
        Assert.Equal(HttpStatusCode.OK, guard.PostAsync("/api/alerts/" + alert + "/ack", null).Result.StatusCode);
        Assert.Equal("guard1", _server.Host.Store.Db.QuerySingle("SELECT acknowledged_by FROM alerts WHERE id = @i", new { i = alert })!.Str("acknowledged_by"));
    }

    [Fact]
    public void Registration_Flow_Returns_Codes_Once_And_Bumps_The_Controller()
    {
        string host = Id(_admin.PostAsync("/api/users", Json(new
        {
            name = "Alice", attribute = "employee",
            credentials = new[] { new { method = "nfc", value = "04:A1:B2:C3" } },
            permissions = new[] { new { readerId = _reader, windows = new[] { new { days = 0x3E, start = 480, end = 1080 } } } },
        })).Result);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var pass = _admin.PostAsync("/api/guest-passes", Json(new { name = "Gus", inviterId = host, validFrom = now, validUntil = now + 3600_000, readerIds = new[] { _reader } })).Result;
        Assert.Equal(HttpStatusCode.Created, pass.StatusCode);
        string pin = Parse(pass).GetProperty("code").GetString()!;
        var user = Parse(_admin.GetAsync("/api/users/" + host).Result);
        Assert.DoesNotContain("hash", user.GetRawText());
        var qr = Parse(_admin.GetAsync("/api/users/" + host + "/qr").Result).GetProperty("code").GetString()!;
        // The reader layer's own parser accepts it and finds the user's number with the MAC under the derived key.
        Assert.True(DoorController.Contract.QrToken.TryParse(qr, out uint userRef, out long step, out byte[] mac, out _));
        Assert.Equal(DoorController.Server.Storage.NumericIds.Of(_server.Host.Store.Db, host), (int)userRef);
        byte[] userKey = DoorController.Contract.TokenKeys.DeriveUserKey(_server.Host.Services.Context.Keys.CredentialKey, "qr", userRef);
        Assert.Equal(DoorController.Contract.QrToken.Create(userKey, userRef, step), qr);
        Assert.DoesNotContain(pin, _server.Host.Store.Db.Query("SELECT hash FROM credentials").Select(r => r.Str("hash")));
        Assert.True(_server.Host.Store.Db.QuerySingle("SELECT SUM(cache_version) AS v FROM devices")!.Long("v") >= 3);
    }

    [Fact]
    public void OpenApi_Document_Lists_Every_Admin_Route()
    {
        var res = _server.Client.GetAsync("/openapi.json").Result;
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var paths = Parse(res).GetProperty("paths");
        foreach (string p in new[] { "/api/users", "/api/devices", "/api/guest-passes", "/api/delivery-codes", "/api/alerts/{id}/ack", "/api/devices/{id}/commands", "/api/users/{id}/export" })
        {
            Assert.True(paths.TryGetProperty(p, out _), p + " missing from /openapi.json");
        }
    }

    [Fact]
    public void Server_Binds_Loopback_By_Default()
    {
        Assert.Equal("127.0.0.1", new DoorController.Server.ServerOptions().Host);
        Assert.StartsWith("http://127.0.0.1:", _server.Url);
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }
}
