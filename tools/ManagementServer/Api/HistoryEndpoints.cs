using System;
using System.IO;
using System.Text;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>The entry/exit history with names, filters and a cursor; the passages of a day for a timeline; the
    /// same filter as CSV; and the site facts every view needs (its time zone).</summary>
    public static class HistoryEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapGet("/api/site", () => Results.Json(new { timeZone = s.Calendar.TimeZone })).GuardDesk();
            app.MapGet("/api/history", (HttpContext h) => Results.Json(s.History.Page(Filter(h), Query.Int(h, "limit", 50)))).GuardDesk();
            app.MapGet("/api/history/timeline", (HttpContext h) =>
            {
                var filter = Filter(h);
                if (filter.From == null && filter.To == null)
                {
                    // Without a range: today, in the site's time.
                    var zone = SiteZone(s);
                    var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(s.Context.NowMs), zone);
                    var midnight = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
                    filter.From = midnight.ToUnixTimeMilliseconds();
                    filter.To = midnight.AddDays(1).ToUnixTimeMilliseconds();
                }
                return Results.Json(s.History.Timeline(filter));
            }).GuardDesk();
            app.MapGet("/api/history/export", async (HttpContext h) =>
            {
                var filter = Filter(h);
                var zone = SiteZone(s);
                h.Response.ContentType = "text/csv; charset=utf-8";
                h.Response.Headers.ContentDisposition = "attachment; filename=\"doorctl-history.csv\"";
                h.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>().AllowSynchronousIO = true;
                // With a byte-order mark: spreadsheet programs then read the names (Japanese ones too) as UTF-8.
                using (var writer = new StreamWriter(h.Response.Body, new UTF8Encoding(true), 16 * 1024, leaveOpen: true))
                {
                    s.History.Export(filter, zone, line => writer.WriteLine(line));
                    await writer.FlushAsync();
                }
            }).GuardDesk();
        }

        /// <summary>The site's zone for CSV times (UTC if the system has no such zone).</summary>
        public static TimeZoneInfo SiteZone(ServerServices s)
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(s.Calendar.TimeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException || e is InvalidTimeZoneException)
            {
                return TimeZoneInfo.Utc;
            }
        }

        public static HistoryFilter Filter(HttpContext h)
        {
            var f = new HistoryFilter
            {
                UserId = Query.Text(h, "userId", 64), DoorId = Query.Text(h, "doorId", 64), ReaderId = Query.Text(h, "readerId", 64), DeviceId = Query.Text(h, "deviceId", 64),
                Method = Query.OneOf(h, "method", "nfc", "wiegand", "pin", "qr", "ble", "face"), Result = Query.OneOf(h, "result", "granted", "denied"),
                Source = Query.OneOf(h, "source", "online", "offline"), From = Query.Long(h, "from"), To = Query.Long(h, "to"),
            };
            string cursor = Query.Text(h, "before", 40);
            if (cursor != null)
            {
                int dot = cursor.IndexOf('.');
                if (dot <= 0 || !long.TryParse(cursor.Substring(0, dot), out long at) || !long.TryParse(cursor.Substring(dot + 1), out long id))
                {
                    throw ApiException.BadRequest("before must be a cursor from a previous page (\"next\")");
                }
                f.BeforeAt = at;
                f.BeforeId = id;
            }
            return f;
        }
    }
}
