using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>Typed query-string parameters, refused with a 400 that names the parameter.</summary>
    public static class Query
    {
        public static int Int(HttpContext h, string name, int fallback)
        {
            string v = h.Request.Query[name];
            if (v == null) return fallback;
            int n;
            if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) throw ApiException.BadRequest(name + " must be an integer");
            return n;
        }

        public static long? Long(HttpContext h, string name)
        {
            string v = h.Request.Query[name];
            if (v == null) return null;
            long n;
            if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) throw ApiException.BadRequest(name + " must be an integer");
            return n;
        }
    }
}
