using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>The policy tables (Fig 9A attribute × reader, Fig 9B person × reader), holidays and the site's time zone.</summary>
    public static class PolicyEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapGet("/api/policies/table", () => Results.Json(s.Policies.AttributeTable())).AdminOnly();
            app.MapDelete("/api/readers/{id}/policies/{attribute}", (string id, string attribute, HttpContext h) =>
            {
                s.Policies.RemoveReaderPolicy(id, attribute);
                Audit.Note(h, "reader " + id + ", " + attribute + ": back to the site-wide policy");
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapGet("/api/routes", () => Results.Json(RowJson.Of(s.Policies.Routes()))).AdminOnly();
            app.MapGet("/api/holidays", () => Results.Json(RowJson.Of(s.Calendar.Holidays()))).AdminOnly();
            app.MapPut("/api/holidays/{day}", async (string day, HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string name = b.String("name", true, 100);
                s.Calendar.SetHoliday(day, name);
                Audit.Note(h, "holiday " + day + " (" + name + ")");
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapDelete("/api/holidays/{day}", (string day, HttpContext h) =>
            {
                s.Calendar.RemoveHoliday(day);
                Audit.Note(h, "holiday " + day + " removed");
                return Results.Json(new { ok = true });
            }).AdminOnly();
            app.MapGet("/api/settings/time-zone", () => Results.Json(new { timeZone = s.Calendar.TimeZone })).AdminOnly();
            app.MapPut("/api/settings/time-zone", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string zone = b.String("timeZone", true, 64);
                s.Calendar.SetTimeZone(zone);
                Audit.Note(h, "site time zone " + zone);
                return Results.Json(new { timeZone = s.Calendar.TimeZone });
            }).AdminOnly();
        }
    }
}
