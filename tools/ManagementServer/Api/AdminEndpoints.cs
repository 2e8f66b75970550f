using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Admin accounts: list, create, delete, and end every session of one account.</summary>
    public static class AdminEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapGet("/api/admins", () => Results.Json(RowJson.Of(s.Admins.List()))).AdminOnly();
            app.MapPost("/api/admins", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string username = b.String("username", true, 64), role = b.String("role", true, 16);
                string id = s.Admins.Create(username, b.String("password", true, 256), role);
                Audit.Note(h, "created " + role + " '" + username + "' as " + id);
                return Results.Json(new { id }, statusCode: 201);
            }).AdminOnly();
            app.MapDelete("/api/admins/{id}", (string id, HttpContext h) =>
            {
                string username = s.Admins.Delete(id, AuthGate.Caller(h).Str("id"));
                Audit.Note(h, "deleted '" + username + "' and its sessions");
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapDelete("/api/admins/{id}/sessions", (string id, HttpContext h) =>
            {
                int ended = s.Admins.RevokeSessions(id);
                Audit.Note(h, ended + " session(s) ended");
                return Results.Json(new { ended });
            }).AdminOnly();
        }
    }
}
