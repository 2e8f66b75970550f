using System;
using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>
    /// Cross-site request forgery checks for state-changing requests, independent of the session cookie's
    /// SameSite flag: the Origin must be this server's own (or a configured public origin, for a TLS proxy in
    /// front); a browser that sends no Origin but says the request is cross-site is refused; a request that rides
    /// on the session cookie must carry an Origin (every current browser sends one on POST, PUT and DELETE), while
    /// scripts using a bearer token need none. A body, when there is one, must be JSON: a cross-site form cannot
    /// send that without a CORS preflight this server never grants.
    /// </summary>
    public static class RequestOrigin
    {
        /// <summary>Null when the request may go on, else the refusal and its <paramref name="status"/>.</summary>
        public static string Refusal(HttpRequest request, string[] publicOrigins, out int status)
        {
            status = 403;
            string origin = request.Headers.Origin;
            if (!string.IsNullOrEmpty(origin))
            {
                if (!IsOwn(origin, request, publicOrigins)) return "cross-origin request refused (Origin " + Clip(origin) + ")";
            }
            else
            {
                string site = request.Headers["Sec-Fetch-Site"];
                if (!string.IsNullOrEmpty(site) && site != "same-origin" && site != "none") return "cross-site request refused (Sec-Fetch-Site " + Clip(site) + ")";
                bool bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
                if (!bearer && request.Cookies.ContainsKey(AuthGate.CookieName)) return "a browser request that changes something must carry an Origin header";
            }
            bool hasBody = request.ContentLength > 0 || (request.ContentLength == null && request.Headers.TransferEncoding.Count > 0);
            if ((hasBody || request.ContentType != null) && !JsonBody.IsJson(request.ContentType))
            {
                status = 415;
                return "send the body as application/json";
            }
            return null;
        }

        private static bool IsOwn(string origin, HttpRequest request, string[] publicOrigins)
        {
            if (string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase)) return true;
            foreach (string o in publicOrigins ?? Array.Empty<string>())
            {
                if (string.Equals(origin, o.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        private static string Clip(string s)
        {
            return s.Length > 100 ? s.Substring(0, 100) + "…" : s;
        }
    }
}
