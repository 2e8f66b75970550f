using System.Text;
using DoorController.Server.Api;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The browser-facing defences, over raw HTTP so nothing is normalised on the way: bodies that are not valid text
/// get a 400 that says so (before and after sign-in) with no stack trace in the server's log; state-changing
/// requests from another origin, or riding on the cookie without an Origin, are refused; every answer carries the
/// CSP, frame-ancestors 'none' and nosniff.
/// </summary>
public sealed class WebHardeningTests : IDisposable
{
    private readonly ServerTestHost _server = new(o => o.PublicOrigins.Add("https://doors.example.com"));

    public static IEnumerable<object[]> BadText() => new[]
    {
        new object[] { "stray continuation byte", new byte[] { 0x80 }, "not valid UTF-8" },
        new object[] { "truncated sequence", new byte[] { 0xE3, 0x81 }, "not valid UTF-8" },
        new object[] { "overlong slash", new byte[] { 0xC0, 0xAF }, "not valid UTF-8" },
        new object[] { "UTF-8 encoded surrogate", new byte[] { 0xED, 0xA0, 0x80 }, "not valid UTF-8" },
        new object[] { "byte 0xFF", new byte[] { 0xFF }, "not valid UTF-8" },
        new object[] { "escaped lone high surrogate", Encoding.ASCII.GetBytes("\\ud800"), "unpaired surrogate" },
        new object[] { "escaped lone low surrogate", Encoding.ASCII.GetBytes("\\udc00x"), "unpaired surrogate" },
        new object[] { "escaped surrogates reversed", Encoding.ASCII.GetBytes("\\udc00\\ud800"), "unpaired surrogate" },
    };

    /// <summary>A JSON body whose "name" (or, with <paramref name="inKey"/>, a property name) holds <paramref name="bad"/>.</summary>
    private static byte[] Body(byte[] bad, bool inKey)
    {
        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes(inKey ? "{\"attribute\":\"employee\",\"name\":\"Eve\",\"x" : "{\"attribute\":\"employee\",\"name\":\"Eve"));
        ms.Write(bad);
        ms.Write(Encoding.ASCII.GetBytes(inKey ? "\":1}" : "\"}"));
        return ms.ToArray();
    }

    private static Dictionary<string, string> JsonHeaders(string? token = null)
    {
        var h = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (token != null) h["Authorization"] = "Bearer " + token;
        return h;
    }

    private string Token() => Parse(_server.Client.PostAsync("/api/auth/login", Json(new { username = "admin", password = AdminPassword })).Result).GetProperty("token").GetString()!;

    [Theory]
    [MemberData(nameof(BadText))]
    public void Text_That_Is_Not_Valid_Unicode_Is_A_400_That_Says_So_Before_And_After_Sign_In(string what, byte[] bad, string message)
    {
        long users = _server.Count("users");
        string token = Token();
        foreach (bool inKey in new[] { false, true })
        {
            var signedIn = RawHttp.Send(_server.Url, "POST", "/api/users", JsonHeaders(token), Body(bad, inKey));
            Assert.True(signedIn.Status == 400, what + ": " + signedIn.Status + " " + signedIn.Body);
            Assert.Contains(message, signedIn.Body);
            var login = RawHttp.Send(_server.Url, "POST", "/api/auth/login", JsonHeaders(), Encoding.ASCII.GetBytes("{\"username\":\"admin\",\"password\":\"").Concat(bad).Concat(Encoding.ASCII.GetBytes("\"}")).ToArray());
            Assert.True(login.Status == 400, what + " at sign-in: " + login.Status + " " + login.Body);
            Assert.Contains(message, login.Body);
        }
        Assert.Equal(users, _server.Count("users"));
    }

    [Theory]
    [InlineData("GET", "/api/users/%ED%A0%80")]
    [InlineData("GET", "/api/users/%FF%FE")]
    [InlineData("DELETE", "/api/credentials/%C0%AF")]
    [InlineData("GET", "/api/log?after=%FF")]
    [InlineData("GET", "/api/alerts?limit=%ED%A0%80")]
    public void Bad_Bytes_In_A_Path_Or_Query_Are_Refused_Cleanly(string method, string path)
    {
        var res = RawHttp.Send(_server.Url, method, path, new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token() });
        Assert.True(res.Status is 400 or 404, method + " " + path + " -> " + res.Status + " " + res.Body);
        Assert.Contains("\"error\"", res.Body);
    }

    [Fact]
    public void Bad_Text_Leaves_No_Stack_Trace_In_The_Server_Log_And_Valid_Text_Still_Works()
    {
        string data = Path.Combine(Path.GetTempPath(), "doorctl-utf8-" + Guid.NewGuid().ToString("N")[..8]);
        using var cleanup = new TempDirectory(data);
        using var server = ServerProcess.Start("--data " + data + " --port 0");
        foreach (object[] c in BadText())
        {
            var res = RawHttp.Send(server.Url!, "POST", "/api/auth/login", JsonHeaders(), Body((byte[])c[1], false));
            Assert.Equal(400, res.Status);
        }
        var fine = RawHttp.Send(server.Url!, "POST", "/api/auth/login", JsonHeaders(), Encoding.UTF8.GetBytes("{\"username\":\"管理者 😀\",\"password\":\"pässwörd-1\"}"));
        Assert.Equal(401, fine.Status);
        Thread.Sleep(200);
        Assert.DoesNotContain(server.Errors, l => l.Contains("   at ") || l.Contains("Exception") || l.Contains("unhandled"));
    }

    [Fact]
    public void A_State_Changing_Request_From_Another_Origin_Or_Riding_On_The_Cookie_Without_An_Origin_Is_Refused()
    {
        string token = Token();
        long areas = _server.Count("areas");
        byte[] body = Encoding.UTF8.GetBytes("{\"name\":\"Lobby\"}");
        Dictionary<string, string> With(params (string, string)[] extra)
        {
            var h = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
            foreach (var (k, v) in extra) h[k] = v;
            return h;
        }
        string own = _server.Url.TrimEnd('/');
        var cookie = ("Cookie", AuthGate.CookieName + "=" + token);
        var bearer = ("Authorization", "Bearer " + token);

        var refused = new[]
        {
            With(cookie, ("Origin", "https://evil.example")),
            With(cookie, ("Origin", "null")),
            With(cookie, ("Origin", own.Replace("127.0.0.1", "localhost"))),
            With(bearer, ("Origin", "https://evil.example")),
            With(cookie), // a browser always sends Origin on POST: a cookie without one is not our page
            With(cookie, ("Sec-Fetch-Site", "cross-site")),
            With(bearer, ("Sec-Fetch-Site", "same-site")),
        };
        foreach (var headers in refused)
        {
            var res = RawHttp.Send(_server.Url, "POST", "/api/areas", headers, body);
            Assert.True(res.Status == 403, string.Join(", ", headers.Select(h => h.Key + ": " + h.Value)) + " -> " + res.Status + " " + res.Body);
        }
        Assert.Equal(areas, _server.Count("areas"));
        // A refused cross-origin attempt is in the audit trail.
        Assert.NotNull(_server.Host.Store.Db.QuerySingle("SELECT l.id FROM audit_log l JOIN audit_results r ON r.audit_id = l.id WHERE r.outcome LIKE 'cross-origin request refused%'"));

        Assert.Equal(201, RawHttp.Send(_server.Url, "POST", "/api/areas", With(cookie, ("Origin", own)), body).Status); // the page itself
        Assert.Equal(201, RawHttp.Send(_server.Url, "POST", "/api/areas", With(cookie, ("Origin", "https://doors.example.com")), body).Status); // behind the TLS proxy
        Assert.Equal(201, RawHttp.Send(_server.Url, "POST", "/api/areas", With(bearer), body).Status); // a script with a token
        Assert.Equal(201, RawHttp.Send(_server.Url, "POST", "/api/areas", With(cookie, ("Origin", own), ("Sec-Fetch-Site", "same-origin")), body).Status);
        Assert.Equal(areas + 4, _server.Count("areas"));
    }

    [Fact]
    public void A_Body_On_A_State_Changing_Request_Must_Be_Json_Even_Where_The_Endpoint_Reads_None()
    {
        string token = Token();
        long alert = _server.Host.Services.Alerts.Raise("fraud", "high", null, null, null, null, "test");
        var form = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token, ["Content-Type"] = "text/plain" };
        var res = RawHttp.Send(_server.Url, "POST", "/api/alerts/" + alert + "/ack", form, Encoding.ASCII.GetBytes("x=1"));
        Assert.Equal(415, res.Status);
        var formNoBody = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token, ["Content-Type"] = "application/x-www-form-urlencoded" };
        Assert.Equal(415, RawHttp.Send(_server.Url, "POST", "/api/retention/purge", formNoBody).Status);
        Assert.Null(_server.Host.Store.Db.QuerySingle("SELECT acknowledged_at FROM alerts WHERE id = @i", new { i = alert })!.NLong("acknowledged_at"));
        var bare = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        Assert.Equal(200, RawHttp.Send(_server.Url, "POST", "/api/alerts/" + alert + "/ack", bare).Status);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/js/main.js")]
    [InlineData("GET", "/openapi.json")]
    [InlineData("GET", "/api/users")]
    [InlineData("GET", "/api/nowhere")]
    [InlineData("POST", "/api/auth/login")]
    public void Every_Answer_Carries_The_Content_Security_Policy_Frame_Ancestors_None_And_Nosniff(string method, string path)
    {
        var res = RawHttp.Send(_server.Url, method, path, method == "POST" ? JsonHeaders() : null, method == "POST" ? Encoding.ASCII.GetBytes("{}") : null);
        Assert.Contains("frame-ancestors 'none'", res.Headers["Content-Security-Policy"]);
        Assert.Contains("script-src 'self'", res.Headers["Content-Security-Policy"]);
        Assert.DoesNotContain("unsafe-inline", res.Headers["Content-Security-Policy"]);
        Assert.Equal("nosniff", res.Headers["X-Content-Type-Options"]);
        Assert.Equal("DENY", res.Headers["X-Frame-Options"]);
        if (path.StartsWith("/api/")) Assert.Equal("no-store", res.Headers["Cache-Control"]);
    }

    public void Dispose() => _server.Dispose();

    private sealed class TempDirectory(string path) : IDisposable
    {
        public void Dispose()
        {
            try { Directory.Delete(path, true); } catch (IOException) { }
        }
    }
}
