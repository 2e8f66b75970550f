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
            app.MapGet("/api/areas", () => Results.Json(RowJson.Of(db.Query("SELECT * FROM areas ORDER BY name"))));
            app.MapPost("/api/areas", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                return Results.Json(new { id = s.Devices.AddArea(b.String("name", true, 200)) }, statusCode: 201);
            });
            app.MapGet("/api/devices", () => Results.Json(RowJson.Of(db.Query(
                "SELECT id, name, location, usage, area_id, address, latitude, longitude, flash_mb, cache_version, sync_error, revoked, created_at FROM devices ORDER BY name"))));
            app.MapPost("/api/devices", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var d = new DeviceInput(b.String("name", true, 200), b.String("location", true, 200), b.String("usage", true, 16), b.String("areaId", false, 64),
                    b.String("address", false, 200), b.Double("latitude"), b.Double("longitude"),
                    (int)System.Math.Clamp(b.Long("flashMb") ?? DoorController.Contract.BoardFlash.DefaultFlashMegabytes, -1, 1024));
                var (id, key) = s.Devices.Register(d);
                return Results.Json(new { id, key }, statusCode: 201);
            });
            app.MapDelete("/api/devices/{id}", (string id) => { s.Devices.Revoke(id); return Results.Json(new { ok = true }); });
            app.MapPost("/api/devices/{id}/doors", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                return Results.Json(new { id = s.Devices.AddDoor(id, b.String("name", true, 200), b.String("areaId", false, 64)) }, statusCode: 201);
            });
            app.MapGet("/api/doors", () => Results.Json(RowJson.Of(db.Query("SELECT * FROM doors ORDER BY name"))));
            app.MapPost("/api/devices/{id}/readers", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var r = new ReaderInput(b.String("doorId", false, 64), b.String("name", true, 200), b.String("usage", true, 16), b.String("location", false, 200), b.Double("latitude"), b.Double("longitude"));
                return Results.Json(new { id = s.Devices.AddReader(id, r) }, statusCode: 201);
            });
            app.MapGet("/api/readers", () => Results.Json(RowJson.Of(db.Query(
                "SELECT r.*, d.name AS device_name, o.name AS door_name FROM readers r JOIN devices d ON d.id = r.device_id LEFT JOIN doors o ON o.id = r.door_id ORDER BY r.name"))));
            app.MapGet("/api/readers/{id}/policies", (string id) => Results.Json(RowJson.Of(db.Query("SELECT attribute, fraud_on_violation FROM fraud_policies WHERE reader_id = @id ORDER BY attribute", new { id }))));
            app.MapPost("/api/readers/{id}/policies", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                s.Devices.SetFraudPolicy(id, b.String("attribute", true, 32), b.Bool("fraudOnViolation", true).Value);
                return Results.Json(new { ok = true });
            });
            app.MapGet("/api/devices/{id}/deltas", (string id, HttpContext h) =>
            {
                long since = 0;
                string q = h.Request.Query["since"];
                if (q != null && !long.TryParse(q, out since)) throw ApiException.BadRequest("since must be an integer");
                return Results.Json(RowJson.Of(s.Devices.DeltasSince(id, since)));
            });
            app.MapPost("/api/devices/{id}/commands", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var (cid, published) = s.Commands.Issue(id, b.String("doorId", false, 64), b.String("command", true, 16), AuthGate.AdminName(h));
                return Results.Json(new { id = cid, published }, statusCode: 202);
            });
        }
    }
}
