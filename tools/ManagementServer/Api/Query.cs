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

        /// <summary>An optional text parameter (absent or empty: null), refused when longer than <paramref name="maxLength"/>.</summary>
        public static string Text(HttpContext h, string name, int maxLength)
        {
            string v = h.Request.Query[name];
            if (string.IsNullOrEmpty(v)) return null;
            if (v.Length > maxLength) throw ApiException.BadRequest(name + " is longer than " + maxLength + " characters");
            return v;
        }

        /// <summary>An optional parameter from a closed set.</summary>
        public static string OneOf(HttpContext h, string name, params string[] allowed)
        {
            string v = Text(h, name, 64);
            if (v != null && System.Array.IndexOf(allowed, v) < 0) throw ApiException.BadRequest(name + " must be one of: " + string.Join(", ", allowed));
            return v;
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
