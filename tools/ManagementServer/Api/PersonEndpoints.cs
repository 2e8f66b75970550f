using System.Collections.Generic;
using System.IO;
using System.Text;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>The page of one person (profile, credentials by method, permissions with their windows, schedule,
    /// routes, recent history and alerts) and its edits; people in bulk as CSV.</summary>
    public static class PersonEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            var db = s.Context.Db;
            app.MapGet("/api/users/{id}/profile", (string id) =>
            {
                var user = db.QuerySingle("SELECT u.id, u.name, u.attribute, u.title, u.contact, u.inviter_id, i.name AS inviter_name, u.valid_from, u.valid_until, " +
                    "u.revoked, u.extended_access, u.created_at, p.state AS presence, p.area_id AS presence_area, a.name AS presence_area_name, p.updated_at AS presence_since " +
                    "FROM users u LEFT JOIN users i ON i.id = u.inviter_id LEFT JOIN presence p ON p.user_id = u.id LEFT JOIN areas a ON a.id = p.area_id WHERE u.id = @id", new { id });
                if (user == null) throw ApiException.NotFound("user", id);
                return Results.Json(new Dictionary<string, object>
                {
                    ["user"] = RowJson.Of(user),
                    ["invited"] = RowJson.Of(db.Query("SELECT id, name, attribute, valid_until, revoked FROM users WHERE inviter_id = @id ORDER BY created_at DESC", new { id })),
                    ["credentials"] = RowJson.Of(db.Query("SELECT id, method, one_time, minutes_after_first_use, duress, used_at, valid_from, valid_until, revoked, created_at FROM credentials WHERE user_id = @id ORDER BY method, created_at", new { id })),
                    ["permissions"] = RowJson.Of(db.Query("SELECT p.id, p.reader_id, r.name AS reader_name, r.usage, r.door_id, o.name AS door_name, w.days_mask, w.start_minute, w.end_minute " +
                        "FROM permissions p JOIN readers r ON r.id = p.reader_id LEFT JOIN doors o ON o.id = r.door_id LEFT JOIN permission_windows w ON w.permission_id = p.id " +
                        "WHERE p.user_id = @id ORDER BY o.name, r.name, w.id", new { id })),
                    ["schedules"] = RowJson.Of(db.Query("SELECT id, title, location, starts_at, ends_at, latitude, longitude FROM schedules WHERE user_id = @id ORDER BY starts_at", new { id })),
                    ["routes"] = RowJson.Of(db.Query("SELECT n.id, n.reader_id, r.name AS reader_name, n.channel, n.target, n.content FROM notification_routes n JOIN readers r ON r.id = n.reader_id WHERE n.user_id = @id ORDER BY r.name", new { id })),
                    ["history"] = s.History.Page(new HistoryFilter { UserId = id }, 20)["rows"],
                    ["alerts"] = s.AlertSearch.Find(false, null, null, id, null, null, null, 20),
                });
            }).AdminOnly();
            app.MapPut("/api/users/{id}", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                s.People.UpdateProfile(id, b.String("name", true, UserRegistry.MaxNameLength), b.String("attribute", true, 32), b.String("title", false, 200),
                    b.String("contact", false, 200), b.String("inviterId", false, 64), b.Long("validFrom"), b.Long("validUntil"));
                Audit.Note(h, "profile of " + id + " updated");
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapPost("/api/users/{id}/credentials/revoke-all", (string id, HttpContext h) =>
            {
                int n = s.People.RevokeAllCredentials(id);
                Audit.Note(h, n + " credential(s) of " + id + " revoked");
                return Results.Json(new { revoked = n });
            }).AdminOnly();
            app.MapPost("/api/users/{id}/permissions/group", async (string id, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var windows = RequestParsers.Windows(b);
                string door = b.String("doorId", false, 64), area = b.String("areaId", false, 64);
                var ids = s.People.GrantGroup(id, door, area, windows);
                Audit.Note(h, ids.Count + " reader permission(s) for " + id + " at " + (door ?? area));
                return Results.Json(new { ids }, statusCode: 201);
            }).AdminOnly();
            app.MapDelete("/api/schedules/{id}", (string id, HttpContext h) => { s.People.RemoveSchedule(id); return Results.Json(new { ok = true }); }).AdminOnly();
            app.MapDelete("/api/routes/{id}", (string id, HttpContext h) => { s.People.RemoveRoute(id); return Results.Json(new { ok = true }); }).AdminOnly();
            app.MapGet("/api/people/export", async (HttpContext h) =>
            {
                h.Response.ContentType = "text/csv; charset=utf-8";
                h.Response.Headers.ContentDisposition = "attachment; filename=\"doorctl-people.csv\"";
                var text = new StringWriter();
                s.PeopleCsv.Export(HistoryEndpoints.SiteZone(s), line => text.WriteLine(line));
                byte[] bytes = new UTF8Encoding(true).GetPreamble();
                await h.Response.Body.WriteAsync(bytes);
                await h.Response.WriteAsync(text.ToString(), Encoding.UTF8);
            }).AdminOnly();
            app.MapPost("/api/people/import", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var ids = s.PeopleCsv.Import(b.String("csv", true, JsonBody.MaxBodyBytes), HistoryEndpoints.SiteZone(s));
                Audit.Note(h, "imported " + ids.Count + " people");
                return Results.Json(new { created = ids }, statusCode: 201);
            }).AdminOnly();
        }
    }
}
