using System.Globalization;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Live history, presence, alerts, guest passes, delivery codes, retention.</summary>
    public static class ActivityEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapGet("/api/log", (HttpContext h) =>
            {
                int limit = QueryInt(h, "limit", 100);
                string after = h.Request.Query["after"];
                if (after == null) return Results.Json(RowJson.Of(s.Log.Latest(limit)));
                long a;
                if (!long.TryParse(after, NumberStyles.Integer, CultureInfo.InvariantCulture, out a)) throw ApiException.BadRequest("after must be an integer");
                return Results.Json(RowJson.Of(s.Log.After(a, limit)));
            });
            app.MapGet("/api/presence", () => Results.Json(RowJson.Of(s.Log.Presence())));
            app.MapGet("/api/alerts", (HttpContext h) =>
            {
                int limit = QueryInt(h, "limit", 100);
                if (limit < 1 || limit > 500) throw ApiException.BadRequest("limit must be 1-500");
                return Results.Json(RowJson.Of(s.Alerts.List(h.Request.Query["open"] == "1", limit)));
            });
            app.MapPost("/api/alerts/{id}/ack", (string id, HttpContext h) =>
            {
                long n;
                if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) throw ApiException.NotFound("alert", id);
                s.Alerts.Acknowledge(n, AuthGate.AdminName(h));
                return Results.Json(new { ok = true });
            });
            app.MapPost("/api/guest-passes", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                CredentialInput cred = null;
                string method = b.String("method", false, 16);
                if (method != null) cred = new CredentialInput(method, b.String("value", false, 256));
                var (userId, code) = s.Passes.IssueGuestPass(b.String("name", true, 200), b.String("inviterId", true, 64), b.Long("validFrom", true).Value,
                    b.Long("validUntil", true).Value, b.Strings("readerIds"), cred);
                return Results.Json(new { userId, code }, statusCode: 201);
            });
            app.MapPost("/api/delivery-codes", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                var (userId, code) = s.Passes.IssueDeliveryCode(b.String("label", false, 200), b.Long("validUntil", true).Value, b.Strings("readerIds"));
                return Results.Json(new { userId, code }, statusCode: 201);
            });
            app.MapGet("/api/settings/retention", () => Results.Json(new { retentionDays = s.Privacy.RetentionDays }));
            app.MapPut("/api/settings/retention", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                s.Privacy.SetRetentionDays(b.Int("retentionDays", 1, 3650));
                return Results.Json(new { retentionDays = s.Privacy.RetentionDays });
            });
            app.MapPost("/api/retention/purge", () => Results.Json(new { purged = s.Privacy.Purge() }));
        }

        private static int QueryInt(HttpContext h, string name, int fallback)
        {
            string v = h.Request.Query[name];
            if (v == null) return fallback;
            int n;
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) throw ApiException.BadRequest(name + " must be an integer");
            return n;
        }
    }
}
