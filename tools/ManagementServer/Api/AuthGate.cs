using System;
using System.Threading.Tasks;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>
    /// One place that decides who may call what: every /api route except sign-in needs a session (cookie or
    /// bearer token); the guard role may read and acknowledge alerts, nothing else; everything else needs admin.
    /// Keeping the rule here, not in each handler, means a new endpoint cannot forget it.
    /// </summary>
    public static class AuthGate
    {
        public const string CookieName = "doorctl_session";
        public const string AdminItem = "admin";

        public static async Task Invoke(HttpContext http, Func<Task> next, AdminDirectory admins)
        {
            string path = http.Request.Path.Value ?? "";
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api/auth/login")
            {
                await next();
                return;
            }
            var admin = admins.Resolve(TokenOf(http.Request));
            if (admin == null)
            {
                await ErrorMiddleware.Write(http, 401, "sign in first (session cookie or Authorization: Bearer token)");
                return;
            }
            bool read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
            bool guardAllowed = read || path == "/api/auth/logout" || (HttpMethods.IsPost(http.Request.Method) && path.StartsWith("/api/alerts/", StringComparison.Ordinal) && path.EndsWith("/ack", StringComparison.Ordinal));
            if (admin.Str("role") != "admin" && !guardAllowed)
            {
                await ErrorMiddleware.Write(http, 403, "the " + admin.Str("role") + " role may only read and acknowledge alerts");
                return;
            }
            http.Items[AdminItem] = admin;
            await next();
        }

        public static string TokenOf(HttpRequest request)
        {
            string auth = request.Headers.Authorization;
            if (auth != null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth.Substring(7).Trim();
            return request.Cookies[CookieName];
        }

        public static string AdminName(HttpContext http)
        {
            return (http.Items[AdminItem] as Storage.Row)?.Str("username") ?? "?";
        }
    }
}
