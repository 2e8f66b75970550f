using System;
using System.IO;
using System.Text;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>The audit trail: read it page by page, or export a time range as CSV or JSON lines.</summary>
    public static class AuditEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapGet("/api/audit", (HttpContext h) =>
            {
                int limit = Query.Int(h, "limit", 100);
                long? after = Query.Long(h, "after");
                return Results.Json(RowJson.Of(s.Audit.List(after, limit)));
            }).AdminOnly();
            app.MapGet("/api/audit/export", async (HttpContext h) =>
            {
                long from = Query.Long(h, "from") ?? 0, to = Query.Long(h, "to") ?? long.MaxValue;
                string format = h.Request.Query["format"].ToString();
                if (format.Length == 0) format = "csv";
                if (format != "csv" && format != "jsonl") throw ApiException.BadRequest("format must be csv or jsonl");
                h.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson";
                h.Response.Headers.ContentDisposition = "attachment; filename=\"doorctl-audit." + format + "\"";
                // Rows are written as they are read (synchronously, from the database reader's loop), so a long
                // trail is never held in memory.
                h.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>().AllowSynchronousIO = true;
                using (var writer = new StreamWriter(h.Response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true))
                {
                    if (format == "csv") await writer.WriteLineAsync(string.Join(",", AuditTrail.ExportColumns));
                    s.Audit.Export(from, to, values => writer.WriteLine(format == "csv" ? Csv.Line(values) : JsonLine(values)));
                    await writer.FlushAsync();
                }
            }).AdminOnly();
        }

        private static string JsonLine(object[] values)
        {
            var d = new System.Collections.Generic.Dictionary<string, object>();
            for (int i = 0; i < values.Length; i++) d[AuditTrail.ExportColumns[i]] = values[i];
            return System.Text.Json.JsonSerializer.Serialize(d);
        }
    }
}
