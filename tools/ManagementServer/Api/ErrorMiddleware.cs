using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>Turns refusals into <c>{"error": "..."}</c> with their status, and anything unexpected into a 500
    /// that does not leak internals (the detail goes to the server log).</summary>
    public static class ErrorMiddleware
    {
        public static async Task Invoke(HttpContext http, Func<Task> next)
        {
            try
            {
                await next();
            }
            catch (ApiException e)
            {
                await Write(http, e.Status, e.Message);
            }
            catch (BadHttpRequestException e)
            {
                await Write(http, e.StatusCode, e.StatusCode == 413 ? "body too large" : "bad request: " + e.Message);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("unhandled: " + e);
                await Write(http, 500, "internal error");
            }
        }

        public static async Task Write(HttpContext http, int status, string message)
        {
            if (http.Response.HasStarted) return;
            http.Response.Clear();
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { error = message }));
        }
    }
}
