using System.Collections.Generic;
using System.Text;
using DoorController.Server.Storage;

namespace DoorController.Server.Api
{
    /// <summary>Rows as JSON objects with camelCase keys, so responses use the same key style as requests.</summary>
    public static class RowJson
    {
        public static Dictionary<string, object> Of(Row row)
        {
            if (row == null) return null;
            var d = new Dictionary<string, object>();
            foreach (var kv in row.Values) d[Camel(kv.Key)] = kv.Value;
            return d;
        }

        public static List<Dictionary<string, object>> Of(List<Row> rows)
        {
            var list = new List<Dictionary<string, object>>(rows.Count);
            foreach (var r in rows) list.Add(Of(r));
            return list;
        }

        public static string Camel(string snake)
        {
            var sb = new StringBuilder(snake.Length);
            bool upper = false;
            foreach (char c in snake)
            {
                if (c == '_') { upper = true; continue; }
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            return sb.ToString();
        }
    }
}
