using System.Globalization;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Live history, presence, alerts, server health, guest passes, delivery codes, retention.</summary>
    public static class ActivityEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapGet("/api/log", (HttpContext h) =>
            {
                int limit = Query.Int(h, "limit", 100);
                long? after = Query.Long(h, "after");
                return Results.Json(RowJson.Of(after.HasValue ? s.Log.After(after.Value, limit) : s.Log.Latest(limit)));
            }).GuardDesk();
            app.MapGet("/api/presence", () => Results.Json(RowJson.Of(s.Log.Presence()))).GuardDesk();
            app.MapGet("/api/alerts", (HttpContext h) =>
            {
                int limit = Query.Int(h, "limit", 100);
                if (limit < 1 || limit > 500) throw ApiException.BadRequest("limit must be 1-500");
                return Results.Json(s.AlertSearch.Find(h.Request.Query["open"] == "1", Query.Text(h, "kind", 32), Query.Text(h, "severity", 16), Query.Text(h, "userId", 64),
                    Query.Text(h, "deviceId", 64), Query.Long(h, "from"), Query.Long(h, "to"), limit));
            }).GuardDesk();
            app.MapPost("/api/alerts/{id}/ack", async (string id, HttpContext h) =>
            {
                long n;
                if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) throw ApiException.NotFound("alert", id);
                // An optional body {"note": "..."}: what was done about it.
                string note = string.IsNullOrEmpty(h.Request.ContentType) ? null : (await JsonBody.ReadAsync(h.Request)).String("note", false, 500);
                s.Alerts.Acknowledge(n, AuthGate.AdminName(h), note);
                return Results.Json(new { ok = true });
            }).GuardDesk();
            app.MapGet("/api/health", () => Results.Json(s.Health.Status())).GuardDesk();
            app.MapPost("/api/guest-passes", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                CredentialInput cred = null;
                string method = b.String("method", false, 16);
                if (method != null) cred = new CredentialInput(method, b.String("value", false, 256));
                var (userId, code) = s.Passes.IssueGuestPass(b.String("name", true, 200), b.String("inviterId", true, 64), b.Long("validFrom", true).Value,
                    b.Long("validUntil", true).Value, b.Strings("readerIds"), cred, b.String("notifyChannel", false, 16), b.String("notifyTarget", false, 500),
                    b.OptionalInt("earlyEntryMinutes", 0, PassIssuer.MaxMarginMinutes) ?? 0, b.OptionalInt("lateExitMinutes", 0, PassIssuer.MaxMarginMinutes) ?? 0);
                Audit.Note(h, "guest " + userId);
                return Results.Json(new { userId, code }, statusCode: 201);
            }).AdminOnly();
            app.MapPost("/api/delivery-codes", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var (userId, code) = s.Passes.IssueDeliveryCode(b.String("label", false, 200), b.Long("validUntil", true).Value, b.Strings("readerIds"),
                    b.OptionalInt("minutesAfterFirstUse", 1, UserRegistry.MaxMinutesAfterFirstUse));
                Audit.Note(h, "delivery code holder " + userId);
                return Results.Json(new { userId, code }, statusCode: 201);
            }).AdminOnly();
            app.MapGet("/api/settings/retention", () => Results.Json(new { retentionDays = s.Privacy.RetentionDays })).AdminOnly();
            app.MapPut("/api/settings/retention", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                s.Privacy.SetRetentionDays(b.Int("retentionDays", 1, 3650));
                Audit.Note(h, "retention " + s.Privacy.RetentionDays + " days");
                return Results.Json(new { retentionDays = s.Privacy.RetentionDays });
            }).AdminOnly();
            app.MapPost("/api/retention/purge", (HttpContext h) =>
            {
                int purged = s.Privacy.Purge();
                Audit.Note(h, purged + " log rows purged");
                return Results.Json(new { purged });
            }).AdminOnly();
        }
    }
}
