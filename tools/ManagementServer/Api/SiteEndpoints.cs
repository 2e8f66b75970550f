using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Areas, controllers (S11-S12), doors, readers, fraud policies (Fig 9A), cache deltas and remote
    /// commands.</summary>
    public static class SiteEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            var db = s.Context.Db;
            app.MapGet("/api/areas", () => Results.Json(RowJson.Of(db.Query("SELECT * FROM areas ORDER BY name")))).GuardDesk();
            app.MapPost("/api/areas", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string id = s.Devices.AddArea(b.String("name", true, 200));
                Audit.Note(h, "created " + id);
                return Results.Json(new { id }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/devices", () => Results.Json(RowJson.Of(db.Query(
                "SELECT id, name, location, usage, area_id, address, latitude, longitude, cache_version, revoked, created_at FROM devices ORDER BY name")))).GuardDesk();
            app.MapPost("/api/devices", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var d = new DeviceInput(b.String("name", true, 200), b.String("location", true, 200), b.String("usage", true, 16), b.String("areaId", false, 64),
                    b.String("address", false, 200), b.Double("latitude"), b.Double("longitude"));
                var (id, key) = s.Devices.Register(d);
                Audit.Note(h, "registered " + id + " (its key was shown once)");
                return Results.Json(new { id, key }, statusCode: 201);
            }).AdminOnly();
            app.MapDelete("/api/devices/{id}", (string id) => { s.Devices.Revoke(id); return Results.Json(new { ok = true }); }).AdminOnly();
            app.MapPost("/api/devices/{id}/doors", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string door = s.Devices.AddDoor(id, b.String("name", true, 200), b.String("areaId", false, 64));
                Audit.Note(h, "created door " + door);
                return Results.Json(new { id = door }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/doors", () => Results.Json(RowJson.Of(db.Query("SELECT * FROM doors ORDER BY name")))).GuardDesk();
            app.MapPost("/api/devices/{id}/readers", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var r = new ReaderInput(b.String("doorId", false, 64), b.String("name", true, 200), b.String("usage", true, 16), b.String("location", false, 200), b.Double("latitude"), b.Double("longitude"));
                string reader = s.Devices.AddReader(id, r);
                Audit.Note(h, "created reader " + reader);
                return Results.Json(new { id = reader }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/readers", () => Results.Json(RowJson.Of(db.Query(
                "SELECT r.*, d.name AS device_name, o.name AS door_name FROM readers r JOIN devices d ON d.id = r.device_id LEFT JOIN doors o ON o.id = r.door_id ORDER BY r.name")))).GuardDesk();
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
            app.MapGet("/api/devices/{id}/deltas", (string id, HttpContext h) =>
            {
                long since = 0;
                string q = h.Request.Query["since"];
                if (q != null && !long.TryParse(q, out since)) throw ApiException.BadRequest("since must be an integer");
                return Results.Json(RowJson.Of(s.Devices.DeltasSince(id, since)));
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
