using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>
    /// Serves the admin page: plain HTML, CSS and JavaScript modules embedded in the assembly (no build step, no
    /// files read from disk). A module path is looked up among the embedded names, so no path can reach anything else.
    /// </summary>
    public static class StaticPages
    {
        private const string Prefix = "wwwroot/";
        private static readonly Dictionary<string, byte[]> Files = Load();

        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/", () => Serve("index.html", "text/html; charset=utf-8")).Public();
            app.MapGet("/style.css", () => Serve("style.css", "text/css; charset=utf-8")).Public();
            app.MapGet("/favicon.svg", () => Serve("favicon.svg", "image/svg+xml")).Public();
            app.MapGet("/js/{**file}", (string file) => file != null && file.EndsWith(".js", StringComparison.Ordinal)
                ? Serve("js/" + file, "text/javascript; charset=utf-8") : Results.NotFound()).Public();
        }

        /// <summary>Every embedded page file by its path under wwwroot ("js/views/doors.js").</summary>
        public static IReadOnlyCollection<string> Names => Files.Keys;

        private static IResult Serve(string name, string contentType)
        {
            return Files.TryGetValue(name, out byte[] bytes) ? Results.Bytes(bytes, contentType) : Results.NotFound();
        }

        private static Dictionary<string, byte[]> Load()
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var assembly = Assembly.GetExecutingAssembly();
            foreach (string resource in assembly.GetManifestResourceNames())
            {
                if (!resource.StartsWith(Prefix, StringComparison.Ordinal)) continue;
                using (Stream s = assembly.GetManifestResourceStream(resource))
                {
                    var ms = new MemoryStream();
                    s.CopyTo(ms);
                    files[resource.Substring(Prefix.Length).Replace('\\', '/')] = ms.ToArray();
                }
            }
            return files;
        }
    }
}
