using System;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Sign-in (throttled), sign-out, who am I, and changing one's own password.</summary>
    public static class AuthEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapPost("/api/auth/login", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string username = b.String("username", true, 64), password = b.String("password", true, 256);
                string role = null, token = null;
                var attempt = await s.SignIns.AttemptAsync(username, AuthGate.ClientAddress(h), () => (token = s.Admins.SignIn(username, password, out role)) != null);
                Audit.Note(h, "account '" + username + "'");
                if (attempt.RetryAfter > TimeSpan.Zero) throw TooManyFailures(attempt.RetryAfter);
                if (!attempt.Ok) throw new ApiException(401, "wrong username or password");
                h.Response.Cookies.Append(AuthGate.CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = h.Request.IsHttps });
                return Results.Json(new { token, role });
            }).Public();
            app.MapPost("/api/auth/logout", (HttpContext h) =>
            {
                s.Admins.SignOut(AuthGate.TokenOf(h.Request));
                h.Response.Cookies.Delete(AuthGate.CookieName);
                return Results.Json(new { ok = true });
            }).GuardDesk();
            app.MapGet("/api/auth/me", (HttpContext h) => Results.Json(RowJson.Of(AuthGate.Caller(h)))).GuardDesk();
            app.MapPost("/api/auth/password", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string current = b.String("currentPassword", true, 256), next = b.String("newPassword", true, 256);
                var me = AuthGate.Caller(h);
                // A wrong current password counts as a failed sign-in: a stolen session cannot guess its way to the
                // account's password.
                var attempt = await s.SignIns.AttemptAsync(me.Str("username"), AuthGate.ClientAddress(h), () => s.Admins.Verify(me.Str("id"), current));
                if (attempt.RetryAfter > TimeSpan.Zero) throw TooManyFailures(attempt.RetryAfter);
                if (!attempt.Ok) throw new ApiException(403, "the current password is wrong");
                s.Admins.ChangePassword(me.Str("id"), next, AuthGate.TokenOf(h.Request));
                Audit.Note(h, "password of '" + me.Str("username") + "' changed; its other sessions ended");
                return Results.Json(new { ok = true });
            }).GuardDesk();
        }

        private static ApiException TooManyFailures(TimeSpan wait)
        {
            long seconds = (long)Math.Ceiling(wait.TotalSeconds);
            return ApiException.TooMany("too many failed sign-ins: try again in " + seconds + " s", seconds);
        }
    }
}
