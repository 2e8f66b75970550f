using System.Net;
using DoorController.Server.Api;
using DoorController.Server.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The audit trail through the real API: one row per state-changing call (each kind of change, each remote
/// command, refusals too) with who, role, where from, what, when and the result; append-only in the database;
/// readable and exportable as CSV (formula cells defused) and JSON lines; and no change at all when the trail
/// cannot be written.
/// </summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly ServerTestHost _server = new();
    private readonly HttpClient _admin;

    public AuditTrailTests()
    {
        _admin = _server.SignedIn();
    }

    private Database Db => _server.Host.Store.Db;

    private static HttpResponseMessage Ok(HttpResponseMessage res)
    {
        if ((int)res.StatusCode >= 300) throw new InvalidOperationException(res.RequestMessage!.Method + " " + res.RequestMessage.RequestUri + ": " + res.StatusCode + " " + res.Content.ReadAsStringAsync().Result);
        return res;
    }

    private List<Row> Trail() => Db.Query("SELECT l.*, r.status, r.outcome, r.detail FROM audit_log l LEFT JOIN audit_results r ON r.audit_id = l.id ORDER BY l.id");

    [Fact]
    public void Every_Kind_Of_Change_And_Every_Remote_Command_Leaves_A_Row_With_Who_What_When_Where_And_Result()
    {
        long t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string area = Id(_admin.PostAsync("/api/areas", Json(new { name = "Lobby" })).Result);
        string device = Id(_admin.PostAsync("/api/devices", Json(new { name = "Gate", location = "hall", usage = "both", areaId = area })).Result);
        string door = Id(_admin.PostAsync("/api/devices/" + device + "/doors", Json(new { name = "Front" })).Result);
        string reader = Id(_admin.PostAsync("/api/devices/" + device + "/readers", Json(new { name = "In", usage = "entry", doorId = door })).Result);
        Ok(_admin.PostAsync("/api/readers/" + reader + "/policies", Json(new { attribute = "guest", fraudOnViolation = true })).Result);
        string alice = Id(_admin.PostAsync("/api/users", Json(new { name = "Alice", attribute = "employee" })).Result);
        string card = Id(_admin.PostAsync("/api/users/" + alice + "/credentials", Json(new { method = "nfc", value = "04A1B2C3" })).Result);
        string permission = Id(_admin.PostAsync("/api/users/" + alice + "/permissions", Json(new { readerId = reader, windows = new[] { new { days = 62, start = 480, end = 1080 } } })).Result);
        Id(_admin.PostAsync("/api/users/" + alice + "/routes", Json(new { readerId = reader, channel = "mqtt", target = "dc/v1/term/desk" })).Result);
        Id(_admin.PostAsync("/api/users/" + alice + "/schedules", Json(new { title = "Review", location = "Room 1", startsAt = t0, endsAt = t0 + 3600_000 })).Result);
        Ok(_admin.PostAsync("/api/guest-passes", Json(new { name = "Gus", inviterId = alice, validFrom = t0, validUntil = t0 + 3600_000, readerIds = new[] { reader } })).Result);
        Ok(_admin.PostAsync("/api/delivery-codes", Json(new { label = "parcel", validUntil = t0 + 3600_000, readerIds = new[] { reader } })).Result);
        Ok(_admin.PostAsync("/api/devices/" + device + "/commands", Json(new { command = "unlock", doorId = door })).Result);
        Ok(_admin.PutAsync("/api/settings/retention", Json(new { retentionDays = 30 })).Result);
        Ok(_admin.PostAsync("/api/retention/purge", null).Result);
        string wing = Id(_admin.PostAsync("/api/areas", Json(new { name = "Wing" })).Result);
        Ok(_admin.PutAsync("/api/areas/" + wing, Json(new { parentId = area })).Result);
        Ok(_admin.PutAsync("/api/doors/" + door, Json(new { unlockMs = 7000 })).Result);
        Ok(_admin.PutAsync("/api/policies/contractor", Json(new { fraudOnViolation = false })).Result);
        Ok(_admin.DeleteAsync("/api/policies/contractor").Result);
        Ok(_admin.PutAsync("/api/settings/offline-lifetime", Json(new { seconds = 86400 })).Result);
        Ok(_admin.PutAsync("/api/readers/" + reader + "/credential-rule", Json(new { mode = "card+pin", seconds = 10, windows = new[] { new { days = 127, start = 1200, end = 420 } } })).Result);
        Ok(_admin.PutAsync("/api/settings/duress-route", Json(new { channel = "mqtt", target = "dc/v1/term/night-guard" })).Result);
        var phone = _admin.PostAsync("/api/users/" + alice + "/phone", null).Result;
        Ok(phone);
        string bleKey = System.Text.Json.JsonDocument.Parse(phone.Content.ReadAsStringAsync().Result).RootElement.GetProperty("bleKey").GetString()!;
        Ok(_admin.PutAsync("/api/users/" + alice + "/extended-access", Json(new { extendedAccess = true })).Result);
        Ok(_admin.PutAsync("/api/users/" + alice + "/office-mode", Json(new { officeMode = true })).Result);
        Ok(_admin.PutAsync("/api/doors/" + door + "/office-mode", Json(new { windows = new[] { new { days = 62, start = 480, end = 1080 } } })).Result);
        // The console's own changes: profile, group permission, revoke all, calendar and route removal, amnesty, people
        // import, a reader back to the site policy, holidays, the time zone.
        Ok(_admin.PutAsync("/api/users/" + alice, Json(new { name = "Alice B.", attribute = "employee" })).Result);
        Ok(_admin.PostAsync("/api/users/" + alice + "/permissions/group", Json(new { doorId = door, windows = new[] { new { days = 62, start = 480, end = 1080 } } })).Result);
        string bob = Id(_admin.PostAsync("/api/users", Json(new { name = "Bob", attribute = "employee", credentials = new[] { new { method = "pin", value = "97531" } } })).Result);
        Ok(_admin.PostAsync("/api/users/" + bob + "/credentials/revoke-all", null).Result);
        string schedule = _server.Host.Store.Db.QuerySingle("SELECT id FROM schedules WHERE user_id = @u", new { u = alice })!.Str("id")!;
        Ok(_admin.DeleteAsync("/api/schedules/" + schedule).Result);
        string route = _server.Host.Store.Db.QuerySingle("SELECT id FROM notification_routes WHERE user_id = @u", new { u = alice })!.Str("id")!;
        Ok(_admin.DeleteAsync("/api/routes/" + route).Result);
        Ok(_admin.PostAsync("/api/presence/amnesty", Json(new { userId = alice, note = "let out by the fire door" })).Result);
        Ok(_admin.PostAsync("/api/people/import", Json(new { csv = "name,attribute\nCarol,employee\n" })).Result);
        Ok(_admin.DeleteAsync("/api/readers/" + reader + "/policies/guest").Result);
        Ok(_admin.PutAsync("/api/holidays/2025-12-31", Json(new { name = "year end" })).Result);
        Ok(_admin.DeleteAsync("/api/holidays/2025-12-31").Result);
        Ok(_admin.PutAsync("/api/settings/time-zone", Json(new { timeZone = "Asia/Tokyo" })).Result);
        // Home Assistant is off on this server: refused, and the refusal is in the trail too.
        Assert.Equal(HttpStatusCode.Conflict, _admin.PostAsync("/api/home-assistant/identity", null).Result.StatusCode);
        long alert = _server.Host.Services.Alerts.Raise("fraud", "high", alice, device, reader, null, "test alert");
        Ok(_admin.PostAsync("/api/alerts/" + alert + "/ack", null).Result);
        string guardId = Id(_admin.PostAsync("/api/admins", Json(new { username = "guard1", password = "guard-pass-1", role = "guard" })).Result);
        var guard = _server.SignedIn("guard1", "guard-pass-1");
        Assert.Equal(HttpStatusCode.Forbidden, guard.PostAsync("/api/users", Json(new { name = "Eve", attribute = "employee" })).Result.StatusCode);
        Ok(guard.PostAsync("/api/auth/password", Json(new { currentPassword = "guard-pass-1", newPassword = "guard-pass-2" })).Result);
        Ok(guard.PostAsync("/api/auth/logout", null).Result);
        Ok(_admin.DeleteAsync("/api/admins/" + guardId + "/sessions").Result);
        Ok(_admin.DeleteAsync("/api/admins/" + guardId).Result);
        Ok(_admin.DeleteAsync("/api/permissions/" + permission).Result);
        Ok(_admin.DeleteAsync("/api/credentials/" + card).Result);
        Ok(_admin.DeleteAsync("/api/users/" + alice).Result);
        Ok(_admin.DeleteAsync("/api/devices/" + device).Result);
        Assert.Equal(HttpStatusCode.BadRequest, _admin.PostAsync("/api/users", Json(new { name = "Bob", attribute = "wizard" })).Result.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, _server.Client.DeleteAsync("/api/users/" + alice).Result.StatusCode);

        var trail = Trail();
        Row Find(string action, int status) => trail.FirstOrDefault(r => r.Str("action") == action && r.Long("status") == status)
            ?? throw new Xunit.Sdk.XunitException("no audit row for " + action + " with status " + status + "; trail:\n" + string.Join("\n", trail.Select(r => r.Str("action") + " " + r.Long("status"))));
        void Expect(string action, int status, string who, string detailPart)
        {
            var row = Find(action, status);
            Assert.Equal(who, row.Str("admin_name"));
            Assert.Equal("127.0.0.1", row.Str("address"));
            Assert.InRange(row.Long("at"), t0 - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
            Assert.Contains(detailPart, (row.Str("detail") ?? "") + " " + row.Str("subject") + " " + row.Str("outcome"));
        }
        Expect("POST /api/areas", 201, "admin", "created " + area);
        Expect("POST /api/devices", 201, "admin", "registered " + device);
        Expect("POST /api/devices/{id}/doors", 201, "admin", "created door " + door);
        Expect("POST /api/devices/{id}/readers", 201, "admin", "created reader " + reader);
        Expect("POST /api/readers/{id}/policies", 200, "admin", "guest: fraud on violation yes");
        Expect("POST /api/users", 201, "admin", "created " + alice);
        Expect("POST /api/users/{id}/credentials", 201, "admin", "nfc credential " + card);
        Expect("POST /api/users/{id}/permissions", 201, "admin", "permission " + permission);
        Expect("POST /api/users/{id}/routes", 201, "admin", "id=" + alice);
        Expect("POST /api/users/{id}/schedules", 201, "admin", "created schedule");
        Expect("POST /api/guest-passes", 201, "admin", "guest u-");
        Expect("POST /api/delivery-codes", 201, "admin", "delivery code holder u-");
        Expect("POST /api/devices/{id}/commands", 202, "admin", "remote unlock door " + door + ": command");
        Expect("PUT /api/settings/retention", 200, "admin", "retention 30 days");
        Expect("POST /api/retention/purge", 200, "admin", "log rows purged");
        Expect("PUT /api/areas/{id}", 200, "admin", wing + " now inside " + area);
        Expect("PUT /api/doors/{id}", 200, "admin", door + " unlock time 7000 ms");
        Expect("PUT /api/policies/{attribute}", 200, "admin", "every reader, contractor: fraud on violation no");
        Expect("DELETE /api/policies/{attribute}", 200, "admin", "contractor: back to the built-in policy");
        Expect("PUT /api/settings/offline-lifetime", 200, "admin", "offline lifetime 86400 s");
        Expect("PUT /api/readers/{id}/credential-rule", 200, "admin", "reader " + reader + ": card+pin");
        Expect("PUT /api/settings/duress-route", 200, "admin", "duress alerts to mqtt");
        Expect("POST /api/users/{id}/phone", 201, "admin", "phone enrolled for " + alice);
        Expect("PUT /api/users/{id}/extended-access", 200, "admin", alice + " extended unlock on");
        Expect("PUT /api/users/{id}/office-mode", 200, "admin", alice + " designated for office mode");
        Expect("PUT /api/doors/{id}/office-mode", 200, "admin", "door " + door + ": office mode in 1 window(s)");
        Expect("POST /api/alerts/{id}/ack", 200, "admin", "id=" + alert);
        Expect("PUT /api/users/{id}", 200, "admin", "profile of " + alice + " updated");
        Expect("POST /api/users/{id}/permissions/group", 201, "admin", "reader permission(s) for " + alice + " at " + door);
        Expect("POST /api/users/{id}/credentials/revoke-all", 200, "admin", "1 credential(s) of " + bob + " revoked");
        Expect("DELETE /api/schedules/{id}", 200, "admin", "id=" + schedule);
        Expect("DELETE /api/routes/{id}", 200, "admin", "id=" + route);
        Expect("POST /api/presence/amnesty", 200, "admin", "amnesty for " + alice + ": 0 presence record(s) forgotten; let out by the fire door");
        Expect("POST /api/people/import", 201, "admin", "imported 1 people");
        Expect("DELETE /api/readers/{id}/policies/{attribute}", 200, "admin", "guest: back to the site-wide policy");
        Expect("PUT /api/holidays/{day}", 200, "admin", "holiday 2025-12-31 (year end)");
        Expect("DELETE /api/holidays/{day}", 200, "admin", "holiday 2025-12-31 removed");
        Expect("PUT /api/settings/time-zone", 200, "admin", "site time zone Asia/Tokyo");
        Expect("POST /api/admins", 201, "admin", "created guard 'guard1' as " + guardId);
        Expect("POST /api/users", 403, "guard1", "the guard role may not call POST /api/users");
        Expect("POST /api/auth/password", 200, "guard1", "password of 'guard1' changed");
        Expect("POST /api/auth/logout", 200, "guard1", "ok");
        Expect("DELETE /api/admins/{id}/sessions", 200, "admin", "session(s) ended");
        Expect("DELETE /api/admins/{id}", 200, "admin", "deleted 'guard1'");
        Expect("DELETE /api/permissions/{id}", 200, "admin", "id=" + permission);
        Expect("DELETE /api/credentials/{id}", 200, "admin", "id=" + card);
        Expect("DELETE /api/users/{id}", 200, "admin", "id=" + alice);
        Expect("DELETE /api/devices/{id}", 200, "admin", "id=" + device);
        Expect("POST /api/users", 400, "admin", "attribute must be one of");
        Expect("POST /api/auth/login", 200, null!, "account 'admin'");
        Assert.Null(Find("DELETE /api/users/{id}", 401).Str("admin_name"));
        Assert.Equal("guard", Find("POST /api/users", 403).Str("role"));
        Assert.Equal("admin", Find("POST /api/home-assistant/identity", 409).Str("admin_name"));
        // Nothing secret reaches the trail.
        foreach (var row in trail) Assert.DoesNotContain("guard-pass", string.Join(" ", row.Values.Values));
        foreach (var row in trail) Assert.DoesNotContain(bleKey, string.Join(" ", row.Values.Values), StringComparison.OrdinalIgnoreCase);

        // Every state-changing endpoint the server has was exercised above: a new one must be added here.
        var audited = trail.Select(r => r.Str("action")).ToHashSet();
        foreach (var e in _server.Host.Endpoints.OfType<RouteEndpoint>())
        {
            foreach (string m in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? Array.Empty<string>())
            {
                if (AuthGate.Changes(m)) Assert.Contains(m + " " + e.RoutePattern.RawText, audited);
            }
        }
    }

    [Fact]
    public void The_Trail_Is_Append_Only_In_The_Database()
    {
        Id(_admin.PostAsync("/api/areas", Json(new { name = "Lobby" })).Result);
        long rows = _server.Count("audit_log");
        Assert.ThrowsAny<Exception>(() => Db.Execute("UPDATE audit_log SET admin_name = 'someone else'"));
        Assert.ThrowsAny<Exception>(() => Db.Execute("DELETE FROM audit_log"));
        Assert.ThrowsAny<Exception>(() => Db.Execute("UPDATE audit_results SET status = 200"));
        Assert.ThrowsAny<Exception>(() => Db.Execute("DELETE FROM audit_results"));
        Assert.Equal(rows, _server.Count("audit_log"));
        Assert.DoesNotContain(Trail(), r => r.Str("admin_name") == "someone else");
        // The retention purge leaves it alone.
        Ok(_admin.PostAsync("/api/retention/purge", null).Result);
        Assert.Equal(rows + 1, _server.Count("audit_log"));
    }

    [Fact]
    public void The_Trail_Is_Readable_And_Exportable_By_Admins_Only_With_Spreadsheet_Formulas_Defused()
    {
        Id(_admin.PostAsync("/api/admins", Json(new { username = "=HYPERLINK(\"http://x\")", password = "formula-pass-1", role = "admin" })).Result);
        var formula = _server.SignedIn("=HYPERLINK(\"http://x\")", "formula-pass-1");
        Id(formula.PostAsync("/api/areas", Json(new { name = "Lab, \"east\"" })).Result);

        var page = Parse(_admin.GetAsync("/api/audit?limit=10").Result);
        Assert.Equal("POST /api/areas", page[0].GetProperty("action").GetString());
        Assert.Equal("=HYPERLINK(\"http://x\")", page[0].GetProperty("adminName").GetString());
        Assert.Equal(201, page[0].GetProperty("status").GetInt32());
        long first = page[page.GetArrayLength() - 1].GetProperty("id").GetInt64();
        Assert.Equal(page.GetArrayLength() - 1, Parse(_admin.GetAsync("/api/audit?after=" + first).Result).GetArrayLength());

        var csv = _admin.GetAsync("/api/audit/export").Result;
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition!.ToString());
        string[] lines = csv.Content.ReadAsStringAsync().Result.TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(",", DoorController.Server.Services.AuditTrail.ExportColumns), lines[0]);
        Assert.Equal(_server.Count("audit_log"), lines.Length - 1); // every call so far (reads are not audited)
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"") && l.Contains("\"POST /api/areas\""));
        Assert.DoesNotContain(lines, l => l.Contains(",\"=HYPERLINK"));

        string jsonl = _admin.GetAsync("/api/audit/export?format=jsonl&from=0").Result.Content.ReadAsStringAsync().Result;
        var last = System.Text.Json.JsonDocument.Parse(jsonl.TrimEnd('\n').Split('\n').Last()).RootElement;
        Assert.Equal("=HYPERLINK(\"http://x\")", last.GetProperty("adminName").GetString());
        Assert.Equal("", _admin.GetAsync("/api/audit/export?format=jsonl&from=0&to=1").Result.Content.ReadAsStringAsync().Result);

        Id(_admin.PostAsync("/api/admins", Json(new { username = "guard1", password = "guard-pass-1", role = "guard" })).Result);
        var guard = _server.SignedIn("guard1", "guard-pass-1");
        Assert.Equal(HttpStatusCode.Forbidden, guard.GetAsync("/api/audit").Result.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, guard.GetAsync("/api/audit/export").Result.StatusCode);
    }

    [Fact]
    public void When_The_Trail_Cannot_Be_Written_Nothing_Is_Changed_And_Health_Says_Why()
    {
        long users = _server.Count("users");
        Db.Execute("ALTER TABLE audit_log RENAME TO audit_log_aside");
        try
        {
            var res = _admin.PostAsync("/api/users", Json(new { name = "Eve", attribute = "employee" })).Result;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, res.StatusCode);
            Assert.Contains("audit trail cannot be written", Parse(res).GetProperty("error").GetString());
            Assert.Equal(users, _server.Count("users"));
            var health = Parse(_admin.GetAsync("/api/health").Result);
            Assert.False(health.GetProperty("ok").GetBoolean());
            Assert.Equal("audit-trail", health.GetProperty("failing")[0].GetProperty("condition").GetString());
        }
        finally
        {
            Db.Execute("ALTER TABLE audit_log_aside RENAME TO audit_log");
        }
        Id(_admin.PostAsync("/api/users", Json(new { name = "Eve", attribute = "employee" })).Result);
        Assert.True(Parse(_admin.GetAsync("/api/health").Result).GetProperty("ok").GetBoolean());
        Assert.Contains(_server.Host.Services.Alerts.List(false, 10), a => a.Str("kind") == "server-audit-trail-recovered");
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }
}
