using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Users (S21-S23), their credentials, permissions and time windows, routes, schedules, QR codes,
    /// revocation and the data-subject export.</summary>
    public static class PeopleEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            var db = s.Context.Db;
            app.MapGet("/api/users", () => Results.Json(RowJson.Of(db.Query(
                "SELECT u.id, u.name, u.attribute, u.title, u.inviter_id, u.valid_from, u.valid_until, u.revoked, u.extended_access, " +
                "(SELECT COUNT(*) FROM credentials c WHERE c.user_id = u.id AND c.revoked = 0) AS credential_count FROM users u ORDER BY u.created_at DESC")))).GuardDesk();
            app.MapPost("/api/users", async (HttpContext h) =>
            {
                var input = RequestParsers.User(await JsonBody.ReadAsync(h.Request));
                string id = s.Users.Register(input);
                Audit.Note(h, "created " + id);
                return Results.Json(new { id }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/users/{id}", (string id) =>
            {
                var user = db.QuerySingle("SELECT * FROM users WHERE id = @id", new { id });
                if (user == null) throw ApiException.NotFound("user", id);
                return Results.Json(new
                {
                    user = RowJson.Of(user),
                    credentials = RowJson.Of(db.Query("SELECT id, method, one_time, minutes_after_first_use, duress, used_at, valid_from, valid_until, revoked, created_at FROM credentials WHERE user_id = @id ORDER BY created_at", new { id })),
                    permissions = RowJson.Of(db.Query("SELECT p.id, p.reader_id, r.name AS reader_name, w.days_mask, w.start_minute, w.end_minute FROM permissions p JOIN readers r ON r.id = p.reader_id LEFT JOIN permission_windows w ON w.permission_id = p.id WHERE p.user_id = @id ORDER BY p.id", new { id })),
                    routes = RowJson.Of(db.Query("SELECT id, reader_id, channel, target, content FROM notification_routes WHERE user_id = @id", new { id })),
                    schedules = RowJson.Of(db.Query("SELECT id, title, location, starts_at, ends_at FROM schedules WHERE user_id = @id ORDER BY starts_at", new { id })),
                });
            }).AdminOnly();
            app.MapDelete("/api/users/{id}", (string id) => { s.Users.RevokeUser(id); return Results.Json(new { ok = true }); }).AdminOnly();
            app.MapPost("/api/users/{id}/credentials", async (string id, HttpContext h) =>
            {
                var c = RequestParsers.Credential(await JsonBody.ReadAsync(h.Request));
                string cid = s.Users.AddCredential(id, c);
                Audit.Note(h, "created " + c.Method + " credential " + cid);
                return Results.Json(new { id = cid }, statusCode: 201);
            }).AdminOnly();
            app.MapDelete("/api/credentials/{id}", (string id) => { s.Users.RevokeCredential(id); return Results.Json(new { ok = true }); }).AdminOnly();
            app.MapPost("/api/users/{id}/permissions", async (string id, HttpContext h) =>
            {
                var p = RequestParsers.Permission(await JsonBody.ReadAsync(h.Request));
                string pid = s.Users.SetPermission(id, p);
                Audit.Note(h, "permission " + pid + " at reader " + p.ReaderId);
                return Results.Json(new { id = pid }, statusCode: 201);
            }).AdminOnly();
            app.MapDelete("/api/permissions/{id}", (string id) => { s.Users.RemovePermission(id); return Results.Json(new { ok = true }); }).AdminOnly();
            app.MapPost("/api/users/{id}/routes", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string rid = s.Users.AddRoute(id, b.String("readerId", true, 64), b.String("channel", true, 16), b.String("target", true, 500), b.String("content", false, 200));
                Audit.Note(h, "created route " + rid);
                return Results.Json(new { id = rid }, statusCode: 201);
            }).AdminOnly();
            app.MapPost("/api/users/{id}/schedules", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string sid = s.Users.AddSchedule(id, b.String("title", true, 200), b.String("location", true, 200), b.Long("startsAt", true).Value, b.Long("endsAt", true).Value,
                    b.Double("latitude"), b.Double("longitude"));
                Audit.Note(h, "created schedule " + sid);
                return Results.Json(new { id = sid }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/users/{id}/qr", (string id) =>
            {
                if (db.QuerySingle("SELECT id FROM users WHERE id = @id AND revoked = 0", new { id }) == null) throw ApiException.NotFound("active user", id);
                long now = s.Context.NowMs;
                return Results.Json(new { code = s.Qr.Issue(Storage.NumericIds.Of(db, id), now), slotSeconds = QrCodes.SlotSeconds });
            }).AdminOnly();
            app.MapPost("/api/users/{id}/phone", (string id, HttpContext h) =>
            {
                var result = s.Phones.Enrol(id);
                Audit.Note(h, "phone enrolled for " + id + (result.Created ? " (BLE/QR credentials created)" : " (existing credentials)"));
                return Results.Json(result.Body, statusCode: result.Created ? 201 : 200);
            }).AdminOnly();
            app.MapPut("/api/users/{id}/extended-access", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                bool extended = b.Bool("extendedAccess", true).Value;
                s.Users.SetExtendedAccess(id, extended);
                Audit.Note(h, id + " extended unlock " + (extended ? "on" : "off"));
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapPut("/api/users/{id}/office-mode", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                bool designated = b.Bool("officeMode", true).Value;
                s.Users.SetOfficeMode(id, designated);
                Audit.Note(h, id + (designated ? " designated for" : " no longer designated for") + " office mode");
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapGet("/api/users/{id}/export", (string id) => Results.Json(s.Privacy.Export(id))).AdminOnly();
        }
    }
}
