using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>The guard desk's live views: every door with what its controller last reported, the controllers'
    /// refused messages and remote commands with their results, who is inside which area, and amnesty.</summary>
    public static class LiveEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapGet("/api/live/doors", () => Results.Json(s.LiveDoors.List())).GuardDesk();
            app.MapGet("/api/live/errors", (HttpContext h) =>
                Results.Json(RowJson.Of(s.LiveDoors.Errors(Query.Text(h, "deviceId", 64), Limit(h))))).GuardDesk();
            app.MapGet("/api/live/commands", (HttpContext h) =>
                Results.Json(RowJson.Of(s.LiveDoors.Commands(Query.Text(h, "deviceId", 64), Limit(h))))).GuardDesk();
            app.MapGet("/api/presence/areas", () => Results.Json(s.Presence.Tree())).GuardDesk();
            app.MapPost("/api/presence/amnesty", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string user = b.String("userId", false, 64), area = b.String("areaId", false, 64), note = b.String("note", true, 500);
                if ((user == null) == (area == null)) throw ApiException.BadRequest("give either userId or areaId");
                string by = AuthGate.AdminName(h);
                int people = user != null ? s.Amnesty.ForPerson(user, by, note) : s.Amnesty.ForArea(area, by, note);
                Audit.Note(h, "amnesty for " + (user ?? "everyone in " + area) + ": " + people + " presence record(s) forgotten; " + note);
                return Results.Json(new { forgotten = people });
            }).AdminOnly();
            app.MapGet("/api/presence/amnesties", (HttpContext h) => Results.Json(RowJson.Of(s.Amnesty.Recent(Limit(h))))).AdminOnly();
        }

        private static int Limit(HttpContext h)
        {
            int limit = Query.Int(h, "limit", 50);
            if (limit < 1 || limit > 500) throw ApiException.BadRequest("limit must be 1-500");
            return limit;
        }
    }
}
