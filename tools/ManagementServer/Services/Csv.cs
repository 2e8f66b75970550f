using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DoorController.Server.Services
{
    /// <summary>CSV for spreadsheets (RFC 4180): every cell quoted, and a leading apostrophe on a cell a spreadsheet
    /// would run as a formula (a name typed by one admin must not execute in another admin's spreadsheet).</summary>
    public static class Csv
    {
        public static string Line(object[] values)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0) sb.Append(',');
                string v = Convert.ToString(values[i], CultureInfo.InvariantCulture) ?? "";
                if (v.Length > 0 && values[i] is string && "=+-@\t\r".IndexOf(v[0]) >= 0) v = "'" + v;
                sb.Append('"').Append(v.Replace("\"", "\"\"")).Append('"');
            }
            return sb.ToString();
        }

        /// <summary>Records of a CSV text (quoted cells may hold commas, quotes and line breaks); blank lines are skipped.
        /// False with the line number when a quote is left open.</summary>
        public static bool TryParse(string text, out List<string[]> records, out string error)
        {
            records = new List<string[]>();
            error = null;
            var cells = new List<string>();
            var cell = new StringBuilder();
            bool quoted = false, any = false;
            int line = 1;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else { if (c == '\n') line++; cell.Append(c); }
                    continue;
                }
                if (c == '"' && cell.Length == 0) { quoted = true; any = true; }
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); any = true; }
                else if (c == '\r') { }
                else if (c == '\n')
                {
                    End(records, cells, cell, ref any);
                    line++;
                }
                else { cell.Append(c); any = true; }
            }
            if (quoted)
            {
                error = "a quoted cell opened on or before line " + line + " is never closed";
                return false;
            }
            End(records, cells, cell, ref any);
            return true;
        }

        private static void End(List<string[]> records, List<string> cells, StringBuilder cell, ref bool any)
        {
            if (any)
            {
                cells.Add(cell.ToString());
                records.Add(cells.ToArray());
            }
            cells.Clear();
            cell.Clear();
            any = false;
        }
    }
}
