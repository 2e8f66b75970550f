using System;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>Turns refusals into <c>{"error": "..."}</c> with their status, and anything unexpected into a 500
    /// that does not leak internals (the detail goes to the server log). A refusal is the caller's mistake and is
    /// not logged with a stack trace.</summary>
    public static class ErrorMiddleware
    {
        /// <summary>The message of the refusal written for this request (the audit trail records it).</summary>
        public const string ErrorItem = "error";

        public static async Task Invoke(HttpContext http, Func<Task> next)
        {
            try
            {
                await next();
            }
            catch (ApiException e)
            {
                await Write(http, e.Status, e.Message, e.RetryAfterSeconds);
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

        public static async Task Write(HttpContext http, int status, string message, long? retryAfterSeconds = null)
        {
            http.Items[ErrorItem] = message;
            if (http.Response.HasStarted) return;
            http.Response.Clear();
            http.Response.StatusCode = status;
            if (retryAfterSeconds.HasValue) http.Response.Headers.RetryAfter = retryAfterSeconds.Value.ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(new { error = message }));
        }
    }
}
