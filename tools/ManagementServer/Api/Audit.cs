using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>What a handler tells the audit trail about its call beyond the route (the id it created, the
    /// command it sent). Never a secret: no password, key or credential value goes here.</summary>
    public static class Audit
    {
        public const string DetailItem = "audit.detail";

        public static void Note(HttpContext http, string detail)
        {
            http.Items[DetailItem] = detail;
        }

        public static string DetailOf(HttpContext http)
        {
            return http.Items.TryGetValue(DetailItem, out object d) ? d as string : null;
        }
    }
}
