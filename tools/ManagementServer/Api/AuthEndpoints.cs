using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Sign-in, sign-out, who am I, and admin accounts.</summary>
    public static class AuthEndpoints
    {
        public static void Map(IEndpointRouteBuilder app, ServerServices s)
        {
            app.MapPost("/api/auth/login", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string role;
                string token = s.Admins.SignIn(b.String("username", true, 64), b.String("password", true, 256), out role);
                if (token == null) throw new ApiException(401, "wrong username or password");
                h.Response.Cookies.Append(AuthGate.CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", Secure = h.Request.IsHttps });
                return Results.Json(new { token, role });
            });
            app.MapPost("/api/auth/logout", (HttpContext h) =>
            {
                s.Admins.SignOut(AuthGate.TokenOf(h.Request));
                h.Response.Cookies.Delete(AuthGate.CookieName);
                return Results.Json(new { ok = true });
            });
            app.MapGet("/api/auth/me", (HttpContext h) => Results.Json(RowJson.Of((Storage.Row)h.Items[AuthGate.AdminItem])));
            app.MapGet("/api/admins", () => Results.Json(RowJson.Of(s.Admins.List())));
            app.MapPost("/api/admins", async (HttpContext h) =>
            {
                var b = await JsonBody.ReadAsync(h.Request);
                string id = s.Admins.Create(b.String("username", true, 64), b.String("password", true, 256), b.String("role", true, 16));
                return Results.Json(new { id }, statusCode: 201);
            });
        }
    }
}
