using System.IO;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Serves the admin page (plain HTML + JS, embedded in the assembly, no build step).</summary>
    public static class StaticPages
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/", () => Serve("index.html", "text/html; charset=utf-8")).Public();
            app.MapGet("/app.js", () => Serve("app.js", "text/javascript; charset=utf-8")).Public();
            app.MapGet("/style.css", () => Serve("style.css", "text/css; charset=utf-8")).Public();
        }

        private static IResult Serve(string name, string contentType)
        {
            using (Stream s = Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + name))
            {
                if (s == null) return Results.NotFound();
                var ms = new MemoryStream();
                s.CopyTo(ms);
                return Results.Bytes(ms.ToArray(), contentType);
            }
        }
    }
}
