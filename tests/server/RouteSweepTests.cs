using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoorController.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// Every route the running server serves — taken from its own endpoint data sources, so a route added tomorrow is
/// swept too — refuses a caller without a session, whatever the case or percent-encoding of the path, and refuses
/// the guard role wherever the guard desk has no business. Which routes are public and which the guard may call
/// is written out here on purpose: opening a route to more people must change this file.
/// </summary>
public sealed class RouteSweepTests : IDisposable
{
    /// <summary>Reachable without a session.</summary>
    private static readonly HashSet<string> PublicRoutes = new()
    {
        "GET /", "GET /js/{**file}", "GET /style.css", "GET /favicon.svg", "GET /openapi.json", "POST /api/auth/login",
    };

    /// <summary>What a guard desk may call (everything else needs the admin role).</summary>
    private static readonly HashSet<string> GuardRoutes = new()
    {
        "GET /api/auth/me", "POST /api/auth/logout", "POST /api/auth/password", "GET /api/users", "GET /api/log", "GET /api/presence",
        "GET /api/alerts", "POST /api/alerts/{id}/ack", "GET /api/health", "GET /api/areas", "GET /api/devices", "GET /api/doors",
        "GET /api/readers", "GET /api/live/doors", "GET /api/live/errors", "GET /api/live/commands", "GET /api/presence/areas", "GET /api/site",
        "GET /api/history", "GET /api/history/timeline", "GET /api/history/export", "* /api/{**rest}",
    };

    private static readonly string[] StateTables = { "users", "credentials", "permissions", "devices", "readers", "doors", "areas", "admins", "sessions", "commands", "alerts", "settings", "notification_routes", "schedules" };

    private readonly ServerTestHost _server = new();
    private readonly ITestOutputHelper _out;

    public RouteSweepTests(ITestOutputHelper output)
    {
        _out = output;
    }

    /// <summary>(method, route pattern, access) for every endpoint the app routes to; "*" when any method matches.</summary>
    private List<(string Method, string Pattern, EndpointAccess? Access)> Routes()
    {
        var routes = new List<(string, string, EndpointAccess?)>();
        foreach (var e in _server.Host.Endpoints.OfType<RouteEndpoint>())
        {
            var access = e.Metadata.GetMetadata<EndpointAccess>();
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            foreach (string m in methods ?? new[] { "*" }) routes.Add((m, e.RoutePattern.RawText!, access));
        }
        return routes;
    }

    /// <summary>A concrete path for a pattern: parameters get sample values.</summary>
    private static string Concrete(string pattern) =>
        Regex.Replace(Regex.Replace(pattern, @"\{\*\*?\w+\}", "nothing/here"), @"\{\w+[^}]*\}", "x1");

    /// <summary>The same path spelled the ways an attacker would try: routing must treat them all alike.</summary>
    public static IEnumerable<(string Name, string Path)> Spellings(string path)
    {
        yield return ("lower", path.ToLowerInvariant());
        yield return ("upper", path.ToUpperInvariant());
        yield return ("mixed", new string(path.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray()));
        yield return ("percent-encoded", string.Concat(path.Select(c => char.IsLetter(c) ? "%" + ((int)c).ToString("x2") : c.ToString())));
        yield return ("percent-encoded upper", string.Concat(path.Select(c => char.IsLetter(c) ? "%" + ((int)char.ToUpperInvariant(c)).ToString("X2") : c.ToString())));
        yield return ("trailing slash", path + "/");
    }

    private static IEnumerable<string> MethodsOf(string method) => method == "*" ? new[] { "GET", "POST", "PUT", "DELETE" } : new[] { method };

    private Dictionary<string, long> Counts() => StateTables.ToDictionary(t => t, t => _server.Count(t));

    private RawHttp.Response Send(string method, string path, string? token)
    {
        var headers = new Dictionary<string, string>();
        if (token != null) headers["Authorization"] = "Bearer " + token;
        bool changes = AuthGate.Changes(method);
        if (changes) headers["Content-Type"] = "application/json";
        return RawHttp.Send(_server.Url, method, path, headers, changes ? Encoding.UTF8.GetBytes("{}") : null);
    }

    private string Token(string user, string password) =>
        Parse(_server.Client.PostAsync("/api/auth/login", Json(new { username = user, password })).Result).GetProperty("token").GetString()!;

    [Fact]
    public void Every_Route_Declares_Who_May_Call_It_And_Only_The_Listed_Ones_Are_Public_Or_Open_To_Guards()
    {
        var routes = Routes();
        Assert.True(routes.Count >= 45, "only " + routes.Count + " routes enumerated: the sweep would miss endpoints");
        foreach (var (method, pattern, access) in routes)
        {
            string route = method + " " + pattern;
            Assert.True(access != null, route + " declares no access (.AdminOnly(), .GuardDesk(), .Public() or .ForRoles(...))");
            Assert.Equal(PublicRoutes.Contains(route), access!.IsPublic);
            if (!access.IsPublic) Assert.Equal(GuardRoutes.Contains(route), access.Allows("guard"));
            if (!access.IsPublic) Assert.True(access.Allows("admin"), route + " is closed to admins");
        }
        // Both lists name real routes (a renamed route must not leave a stale entry that proves nothing).
        var names = routes.Select(r => r.Method + " " + r.Pattern).ToHashSet();
        foreach (string r in PublicRoutes.Concat(GuardRoutes)) Assert.Contains(r, names);
    }

    [Fact]
    public void Every_Route_Refuses_A_Caller_Without_A_Session_In_Every_Spelling_And_The_Guard_Where_Admin_Is_Required()
    {
        string guard = Token("guard1", CreateGuard());
        var before = Counts();
        long requests = 0;
        var watch = Stopwatch.StartNew();
        foreach (var (method, pattern, access) in Routes())
        {
            if (access!.IsPublic) continue;
            string route = method + " " + pattern;
            foreach (string m in MethodsOf(method))
            {
                foreach (var (name, path) in Spellings(Concrete(pattern)))
                {
                    var anon = Send(m, path, null);
                    requests++;
                    Assert.True(anon.Status == 401, route + " answered " + anon.Status + " without a session to " + m + " " + path + " (" + name + "): " + anon.Body);
                    Assert.Contains("sign in", anon.Body);
                    if (GuardRoutes.Contains(route)) continue;
                    var asGuard = Send(m, path, guard);
                    requests++;
                    Assert.True(asGuard.Status == 403, route + " answered " + asGuard.Status + " to the guard role for " + m + " " + path + " (" + name + "): " + asGuard.Body);
                }
            }
        }
        watch.Stop();
        _out.WriteLine("route sweep: " + requests + " refused requests in " + watch.ElapsedMilliseconds + " ms");
        Assert.Equal(before, Counts());
        // The guard's own routes do work for it (the sweep is not passing because the guard token is broken).
        Assert.Equal(200, Send("GET", "/API/USERS", guard).Status);
    }

    [Fact]
    public void A_Route_That_Declares_No_Access_Is_Refused_Even_To_An_Admin()
    {
        // A second app wired exactly as the server wires its gate, with one endpoint that forgot to declare access.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        using var app = builder.Build();
        var services = _server.Host.Services;
        app.UseRouting();
        app.Use((http, next) => AuthGate.Invoke(http, () => next(http), services, Array.Empty<string>()));
        app.MapGet("/api/forgotten", () => "secret");
        app.MapGet("/api/declared", () => "fine").AdminOnly();
        app.StartAsync().GetAwaiter().GetResult();
        try
        {
            string url = app.Urls.First();
            string admin = Token("admin", AdminPassword);
            var forgotten = RawHttp.Send(url, "GET", "/api/forgotten", new Dictionary<string, string> { ["Authorization"] = "Bearer " + admin });
            Assert.Equal(403, forgotten.Status);
            Assert.DoesNotContain("secret", forgotten.Body);
            Assert.Equal(401, RawHttp.Send(url, "GET", "/API/FORGOTTEN").Status);
            Assert.Equal("fine", RawHttp.Send(url, "GET", "/api/declared", new Dictionary<string, string> { ["Authorization"] = "Bearer " + admin }).Body);
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void The_Guard_Reads_Nothing_That_Holds_A_Credential_Hash_Or_A_Device_Key()
    {
        var admin = _server.SignedIn();
        string device = Id(admin.PostAsync("/api/devices", Json(new { name = "Gate", location = "hall", usage = "both" })).Result);
        string reader = Id(admin.PostAsync("/api/devices/" + device + "/readers", Json(new { name = "In", usage = "entry" })).Result);
        string user = Id(admin.PostAsync("/api/users", Json(new
        {
            name = "Alice", attribute = "employee", credentials = new[] { new { method = "nfc", value = "04A1B2C3" } },
            permissions = new[] { new { readerId = reader, windows = new[] { new { days = 127, start = 0, end = 1440 } } } },
        })).Result);
        var s = _server.Host.Services;
        string hash = s.Context.Hasher.Hash("nfc", "04A1B2C3");
        s.Log.Record(new DoorController.Server.Services.AccessEvent(device, 1, reader, user, "nfc", "entry", true, "granted", "offline", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            1, true, false, hash));
        string sealedKey = _server.Host.Store.Db.QuerySingle("SELECT device_key FROM devices WHERE id = @d", new { d = device })!.Str("device_key")!;
        string guard = Token("guard1", CreateGuard());
        foreach (var (method, pattern, _) in Routes().Where(r => r.Method == "GET" && GuardRoutes.Contains("GET " + r.Pattern)))
        {
            var res = Send("GET", Concrete(pattern).Replace("x1", user), guard);
            Assert.True(res.Status == 200, pattern + " answered " + res.Status + " to the guard");
            Assert.DoesNotContain(hash, res.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(sealedKey[8..20], res.Body);
        }
        Assert.Equal(403, Send("POST", "/api/users/" + user + "/phone", guard).Status); // the answer carries a person's token keys
    }

    [Fact]
    public void OpenApi_States_The_Same_Role_As_Each_Endpoint_And_Lists_Nothing_That_Does_Not_Exist()
    {
        var paths = Parse(_server.Client.GetAsync("/openapi.json").Result).GetProperty("paths");
        var documented = new HashSet<string>();
        foreach (var p in paths.EnumerateObject())
        {
            foreach (var op in p.Value.EnumerateObject()) documented.Add(op.Name.ToUpperInvariant() + " " + p.Name + " " + (op.Value.TryGetProperty("x-role", out var r) ? r.GetString() : "?"));
        }
        var served = new HashSet<string>();
        foreach (var (method, pattern, access) in Routes())
        {
            if (method == "*" || !pattern.StartsWith("/api/")) continue;
            served.Add(method + " " + pattern + " " + (access!.IsPublic ? "public" : access.Allows("guard") ? "guard" : "admin"));
        }
        Assert.Equal(served.OrderBy(x => x), documented.OrderBy(x => x));
    }

    private string CreateGuard()
    {
        if (_server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE username = 'guard1'") == null)
        {
            Id(_server.SignedIn().PostAsync("/api/admins", Json(new { username = "guard1", password = "guard-pass-1", role = "guard" })).Result);
        }
        return "guard-pass-1";
    }

    public void Dispose() => _server.Dispose();
}
