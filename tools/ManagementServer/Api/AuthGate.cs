using System;
using System.Text;
using System.Threading.Tasks;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>
    /// The one gate every request passes after routing. It decides from the endpoint the request matched (its
    /// <see cref="EndpointAccess"/>), never from the path text, so case, percent-encoding or a trailing slash
    /// cannot reach a handler around it; an endpoint that declares no access is refused to everyone. For a
    /// state-changing request it first checks the Origin and the body's type (<see cref="RequestOrigin"/>), and it
    /// writes the call to the audit trail before the handler runs (no audit row, no change: 503) and its result
    /// after, refusals included.
    /// </summary>
    public static class AuthGate
    {
        public const string CookieName = "doorctl_session";
        public const string AdminItem = "admin";

        public static async Task Invoke(HttpContext http, Func<Task> next, ServerServices s, string[] publicOrigins)
        {
            var endpoint = http.GetEndpoint();
            if (endpoint == null)
            {
                await next(); // nothing matched: the framework answers 404 and no handler runs
                return;
            }
            bool changes = Changes(http.Request.Method);
            var access = endpoint.Metadata.GetMetadata<EndpointAccess>();
            Row caller = null;
            int status = 0;
            string refusal = changes ? RequestOrigin.Refusal(http.Request, publicOrigins, out status) : null;
            if (refusal == null && (access == null || !access.IsPublic))
            {
                caller = s.Admins.Resolve(TokenOf(http.Request));
                if (caller == null)
                {
                    (status, refusal) = (401, "sign in first (session cookie or Authorization: Bearer token)");
                }
                else if (access == null)
                {
                    Console.Error.WriteLine("refused " + ActionOf(http, endpoint) + ": the endpoint declares no access (add .AdminOnly(), .GuardDesk() or .Public())");
                    (status, refusal) = (403, "this endpoint is closed: it declares no role");
                }
                else if (!access.Allows(caller.Str("role")))
                {
                    (status, refusal) = (403, "the " + caller.Str("role") + " role may not call " + ActionOf(http, endpoint));
                }
            }
            if (caller != null) http.Items[AdminItem] = caller;
            if (refusal != null)
            {
                if (changes) TryAudit(s, () => s.Audit.Refused(caller?.Str("id"), caller?.Str("username"), caller?.Str("role"), ClientAddress(http), ActionOf(http, endpoint), SubjectOf(http), status, refusal));
                await ErrorMiddleware.Write(http, status, refusal);
                return;
            }
            if (!changes)
            {
                await next();
                return;
            }
            long auditId;
            try
            {
                auditId = s.Audit.Begin(caller?.Str("id"), caller?.Str("username"), caller?.Str("role"), ClientAddress(http), ActionOf(http, endpoint), SubjectOf(http));
            }
            catch (Exception e)
            {
                s.Health.Trouble(StorageHealth.AuditTrail, e);
                await ErrorMiddleware.Write(http, 503, "the audit trail cannot be written, so nothing was changed; try again later");
                return;
            }
            // Errors are turned into responses here, inside the gate, so the result row records the real status.
            await ErrorMiddleware.Invoke(http, next);
            string error = http.Items.TryGetValue(ErrorMiddleware.ErrorItem, out object e1) ? e1 as string : null;
            TryAudit(s, () => s.Audit.Finish(auditId, http.Response.StatusCode, error ?? "ok", Audit.DetailOf(http)));
        }

        /// <summary>Everything but GET, HEAD, OPTIONS and TRACE may change state.</summary>
        public static bool Changes(string method)
        {
            return !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        }

        private static void TryAudit(ServerServices s, Action write)
        {
            try
            {
                write();
                s.Health.Cleared(StorageHealth.AuditTrail);
            }
            catch (Exception e)
            {
                s.Health.Trouble(StorageHealth.AuditTrail, e);
            }
        }

        /// <summary>"POST /api/users/{id}/credentials": the method and the route the request matched.</summary>
        public static string ActionOf(HttpContext http, Endpoint endpoint)
        {
            string pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
            return http.Request.Method + " " + pattern;
        }

        /// <summary>The route's values ("id=u-12ab"), which name what the call acts on.</summary>
        private static string SubjectOf(HttpContext http)
        {
            var sb = new StringBuilder();
            foreach (var kv in http.Request.RouteValues)
            {
                if (sb.Length > 0) sb.Append(' ');
                string v = Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                sb.Append(kv.Key).Append('=').Append(v.Length > 100 ? v.Substring(0, 100) : v);
            }
            return sb.ToString();
        }

        public static string ClientAddress(HttpContext http)
        {
            return http.Connection.RemoteIpAddress?.ToString() ?? "?";
        }

        public static string TokenOf(HttpRequest request)
        {
            string auth = request.Headers.Authorization;
            if (auth != null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth.Substring(7).Trim();
            return request.Cookies[CookieName];
        }

        /// <summary>The signed-in caller (id, username, role); set by the gate for every non-public endpoint.</summary>
        public static Row Caller(HttpContext http)
        {
            return http.Items[AdminItem] as Row ?? throw new InvalidOperationException("no caller: the endpoint is public");
        }

        public static string AdminName(HttpContext http)
        {
            return (http.Items[AdminItem] as Row)?.Str("username") ?? "?";
        }
    }
}
