using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>
    /// Headers on every response, errors included: a Content-Security-Policy that lets the page load only its own
    /// script and style (no inline script, no eval, no plug-ins) and never be framed (clickjacking), nosniff so a
    /// JSON answer is never run as script, no referrer, and no caching of API answers.
    /// </summary>
    public static class SecurityHeaders
    {
        public const string ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

        public static Task Invoke(HttpContext http, Func<Task> next)
        {
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                h.ContentSecurityPolicy = ContentSecurityPolicy;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "no-referrer";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                h["Cross-Origin-Resource-Policy"] = "same-origin";
                if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) h.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next();
        }
    }
}
