using System.Collections.Generic;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Areas and their nesting, controllers (S11-S12), doors with their unlock time, readers, the numbers a
    /// technician enters at the console, fraud policies (Fig 9A) and remote commands.</summary>
    public static class SiteEndpoints
    {
        private static int? UnlockMs(JsonBody b) => b.OptionalInt("unlockMs", int.MinValue, int.MaxValue);

        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            var db = s.Context.Db;
            app.MapGet("/api/areas", () => Results.Json(RowJson.Of(db.Query(
                "SELECT a.id, a.name, a.parent_id, n.num AS number, a.created_at FROM areas a LEFT JOIN numeric_ids n ON n.ref = a.id ORDER BY a.name")))).GuardDesk();
            app.MapPost("/api/areas", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string parent = b.String("parentId", false, 64);
                string id = s.Devices.AddArea(b.String("name", true, 200), parent);
                Audit.Note(h, "created " + id + (parent != null ? " inside " + parent : ""));
                return Results.Json(new { id }, statusCode: 201);
            }).AdminOnly();
            app.MapPut("/api/areas/{id}", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                if (!b.Has("parentId")) throw ApiException.BadRequest("parentId is required (null moves the area to the top of the site)");
                string parent = b.String("parentId", false, 64);
                s.Devices.SetAreaParent(id, parent);
                Audit.Note(h, id + " now inside " + (parent ?? "the site"));
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapGet("/api/devices", () => Results.Json(RowJson.Of(db.Query(
                "SELECT id, name, location, usage, area_id, address, latitude, longitude, flash_mb, cache_version, sync_error, revoked, created_at FROM devices ORDER BY name")))).GuardDesk();
            app.MapPost("/api/devices", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var d = new DeviceInput(b.String("name", true, 200), b.String("location", true, 200), b.String("usage", true, 16), b.String("areaId", false, 64),
                    b.String("address", false, 200), b.Double("latitude"), b.Double("longitude"),
                    (int)System.Math.Clamp(b.Long("flashMb") ?? DoorController.Contract.BoardFlash.DefaultFlashMegabytes, -1, 1024));
                DeviceRegistration r = s.Devices.Register(d);
                Audit.Note(h, "registered " + r.Id + " (its key and broker login were shown once)");
                // Shown once: the server keeps the key sealed for signing, and only the broker keeps a hash of the password.
                var broker = r.Broker == null ? null : new { username = r.Broker.Username, password = r.Broker.Password, clientId = r.Broker.ClientId };
                return Results.Json(new { id = r.Id, key = r.Key, broker }, statusCode: 201);
            }).AdminOnly();
            app.MapDelete("/api/devices/{id}", (string id) =>
            {
                bool removed = s.Devices.Revoke(id);
                return Results.Json(new { ok = true, broker = s.Devices.BrokerAdmin == null ? "not-managed" : removed ? "identity-deleted" : "identity-deleted-when-broker-reachable" });
            }).AdminOnly();
            app.MapPost("/api/devices/{id}/doors", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string door = s.Devices.AddDoor(id, b.String("name", true, 200), b.String("areaId", false, 64), UnlockMs(b), b.Bool("contact") ?? false);
                Audit.Note(h, "created door " + door);
                return Results.Json(new { id = door, number = NumericIds.Of(db, door) }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/doors", () => Results.Json(RowJson.Of(db.Query(
                "SELECT o.id, n.num AS number, o.device_id, o.name, o.area_id, o.unlock_ms, o.has_contact, o.created_at FROM doors o LEFT JOIN numeric_ids n ON n.ref = o.id ORDER BY o.name")))).GuardDesk();
            app.MapPut("/api/doors/{id}", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                if (!b.Has("unlockMs") && !b.Has("contact"))
                {
                    throw ApiException.BadRequest("unlockMs (null goes back to the site default) or contact (true or false) is required");
                }
                bool? contact = b.Bool("contact");
                if (b.Has("contact") && !contact.HasValue) throw ApiException.BadRequest("contact must be true or false");
                if (b.Has("unlockMs"))
                {
                    int? unlock = UnlockMs(b);
                    s.Devices.SetDoorUnlock(id, unlock);
                    Audit.Note(h, id + " unlock time " + (unlock.HasValue ? unlock + " ms" : "site default"));
                }
                if (contact.HasValue)
                {
                    s.Devices.SetDoorContact(id, contact.Value);
                    Audit.Note(h, id + (contact.Value ? " has a door contact: presence moves when it opens" : " has no door contact: presence moves on the grant"));
                }
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapPost("/api/devices/{id}/readers", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var r = new ReaderInput(b.String("doorId", false, 64), b.String("name", true, 200), b.String("usage", true, 16), b.String("location", false, 200), b.Double("latitude"), b.Double("longitude"));
                string reader = s.Devices.AddReader(id, r);
                Audit.Note(h, "created reader " + reader);
                return Results.Json(new { id = reader, number = NumericIds.Of(db, reader) }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/readers", () => Results.Json(RowJson.Of(db.Query(
                "SELECT r.*, n.num AS number, d.name AS device_name, o.name AS door_name FROM readers r JOIN devices d ON d.id = r.device_id " +
                "LEFT JOIN doors o ON o.id = r.door_id LEFT JOIN numeric_ids n ON n.ref = r.id ORDER BY r.name")))).GuardDesk();
            app.MapGet("/api/devices/{id}/console", (string id) => Results.Json(ConsoleNumbers.Of(db, id))).AdminOnly();
            app.MapGet("/api/readers/{id}/policies", (string id) => Results.Json(RowJson.Of(db.Query("SELECT attribute, fraud_on_violation FROM fraud_policies WHERE reader_id = @id ORDER BY attribute", new { id })))).AdminOnly();
            app.MapPost("/api/readers/{id}/policies", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string attribute = b.String("attribute", true, 32);
                bool fraud = b.Bool("fraudOnViolation", true).Value;
                s.Devices.SetFraudPolicy(id, attribute, fraud);
                Audit.Note(h, attribute + ": fraud on violation " + (fraud ? "yes" : "no"));
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapGet("/api/policies", () => Results.Json(RowJson.Of(s.Settings.Policies()))).AdminOnly();
            app.MapPut("/api/policies/{attribute}", async (string attribute, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                bool fraud = b.Bool("fraudOnViolation", true).Value;
                s.Settings.SetPolicy(attribute, fraud);
                Audit.Note(h, "every reader, " + attribute + ": fraud on violation " + (fraud ? "yes" : "no"));
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapDelete("/api/policies/{attribute}", (string attribute, HttpContext h) =>
            {
                s.Settings.RemovePolicy(attribute);
                Audit.Note(h, "every reader, " + attribute + ": back to the built-in policy");
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapGet("/api/settings/offline-lifetime", () => Results.Json(new { seconds = s.Settings.OfflineLifetimeSeconds })).AdminOnly();
            app.MapPut("/api/settings/offline-lifetime", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                s.Settings.SetOfflineLifetimeSeconds(b.Int("seconds", 0, int.MaxValue));
                Audit.Note(h, "offline lifetime " + s.Settings.OfflineLifetimeSeconds + " s");
                return Results.Json(new { seconds = s.Settings.OfflineLifetimeSeconds });
            }).AdminOnly();
            app.MapGet("/api/readers/{id}/credential-rule", (string id) => Results.Json(s.CredentialRules.Get(id))).AdminOnly();
            app.MapPut("/api/readers/{id}/credential-rule", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string mode = b.String("mode", true, 16);
                if (mode == "single") s.CredentialRules.SetSingle(id);
                else if (mode == "card+pin")
                {
                    var windows = new List<WindowInput>();
                    foreach (var w in b.Objects("windows", 8)) windows.Add(new WindowInput(w.Int("days", 1, 255), w.Int("start", 0, 1440), w.Int("end", 0, 1440)));
                    s.CredentialRules.SetCardAndPin(id, b.OptionalInt("seconds", 0, 3600) ?? DoorController.Access.CredentialRuleCheck.DefaultSeconds, windows);
                }
                else throw ApiException.BadRequest("mode must be single or card+pin");
                Audit.Note(h, "reader " + id + ": " + mode);
                return Results.Json(s.CredentialRules.Get(id));
            }).AdminOnly();
            app.MapGet("/api/doors/{id}/office-mode", (string id) => Results.Json(s.OfficeModes.Get(id))).AdminOnly();
            app.MapPut("/api/doors/{id}/office-mode", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var windows = new List<WindowInput>();
                foreach (var w in b.Objects("windows", OfficeModes.MaxWindows)) windows.Add(new WindowInput(w.Int("days", 1, 255), w.Int("start", 0, 1440), w.Int("end", 0, 1440)));
                s.OfficeModes.SetWindows(id, windows);
                Audit.Note(h, "door " + id + ": office mode " + (windows.Count == 0 ? "off" : "in " + windows.Count + " window(s)"));
                return Results.Json(s.OfficeModes.Get(id));
            }).AdminOnly();
            app.MapGet("/api/settings/duress-route", () => { var (channel, target) = s.Settings.DuressRoute; return Results.Json(new { channel, target }); }).AdminOnly();
            app.MapPut("/api/settings/duress-route", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                s.Settings.SetDuressRoute(b.String("channel", true, 16), b.String("target", true, 512));
                Audit.Note(h, "duress alerts to " + s.Settings.DuressRoute.Channel);
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapPost("/api/devices/{id}/commands", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string door = b.String("doorId", false, 64), command = b.String("command", true, 16);
                var (cid, published) = s.Commands.Issue(id, door, command, AuthGate.AdminName(h));
                Audit.Note(h, "remote " + command + (door != null ? " door " + door : "") + ": command " + cid + (published ? " published" : " recorded, not delivered (no broker)"));
                return Results.Json(new { id = cid, published }, statusCode: 202);
            }).AdminOnly();
        }
    }
}
