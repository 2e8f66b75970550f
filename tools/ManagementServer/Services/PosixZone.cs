using System;
using System.Globalization;
using System.IO;
using System.Text;
using DoorController.Access;

namespace DoorController.Server.Services
{
    /// <summary>
    /// A time zone as the controller can carry it (<see cref="SiteTimeZone"/>: a standard offset and at most one
    /// yearly daylight-saving rule), read from the POSIX TZ string that ends every TZif file of the system's time
    /// zone database — "JST-9", "CET-1CEST,M3.5.0,M10.5.0/3" — which states exactly the rule in force for the
    /// years to come.
    /// </summary>
    public static class PosixZone
    {
        public const string DefaultDirectory = "/usr/share/zoneinfo";

        /// <summary>The zone for an IANA name ("Asia/Tokyo"), or false with a reason.</summary>
        public static bool TryLoad(string ianaName, out SiteTimeZone zone, out string error)
        {
            zone = null;
            if (string.IsNullOrEmpty(ianaName) || ianaName.Length > 64 || ianaName.Contains("..") || ianaName.StartsWith("/"))
            {
                error = "not a time zone name";
                return false;
            }
            foreach (char c in ianaName)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '/' || c == '_' || c == '-' || c == '+'))
                {
                    error = "not a time zone name";
                    return false;
                }
            }
            string dir = Environment.GetEnvironmentVariable("TZDIR");
            string path = Path.Combine(string.IsNullOrEmpty(dir) ? DefaultDirectory : dir, ianaName);
            if (!File.Exists(path))
            {
                error = "unknown time zone '" + ianaName + "'";
                return false;
            }
            string footer = Footer(File.ReadAllBytes(path));
            if (footer == null)
            {
                error = "the time zone file of '" + ianaName + "' has no rule for the years to come";
                return false;
            }
            return TryParse(footer, out zone, out error);
        }

        /// <summary>The last line of a TZif version 2+ file: the POSIX TZ string (null for version 1 files).</summary>
        private static string Footer(byte[] file)
        {
            if (file.Length < 6 || file[0] != 'T' || file[1] != 'Z' || file[2] != 'i' || file[3] != 'f' || file[4] == 0) return null;
            int end = file.Length - 1;
            if (file[end] != '\n') return null;
            int start = end - 1;
            while (start >= 0 && file[start] != '\n') start--;
            return start < 0 ? null : Encoding.ASCII.GetString(file, start + 1, end - start - 1);
        }

        /// <summary>Parses "STDoffset[DST[offset][,Mm.w.d[/time],Mm.w.d[/time]]]".</summary>
        public static bool TryParse(string tz, out SiteTimeZone zone, out string error)
        {
            zone = null;
            error = "unsupported time zone rule '" + tz + "'";
            int i = 0;
            if (!SkipName(tz, ref i) || !Offset(tz, ref i, out int stdWest)) return false;
            var result = new SiteTimeZone(-stdWest / 60, null);
            if (i == tz.Length)
            {
                zone = result;
                error = null;
                return true;
            }
            if (!SkipName(tz, ref i)) return false;
            int dstWest = stdWest - 3600;
            if (i < tz.Length && tz[i] != ',' && !Offset(tz, ref i, out dstWest)) return false;
            if (i >= tz.Length || tz[i] != ',') return false; // DST without a rule: POSIX default rules are not used by tzdata
            i++;
            var rule = new DstRule { SaveMinutes = (stdWest - dstWest) / 60 };
            if (!Transition(tz, ref i, out rule.StartMonth, out rule.StartWeek, out rule.StartDayOfWeek, out rule.StartMinute)) return false;
            if (i >= tz.Length || tz[i] != ',') return false;
            i++;
            if (!Transition(tz, ref i, out rule.EndMonth, out rule.EndWeek, out rule.EndDayOfWeek, out rule.EndMinute) || i != tz.Length) return false;
            if (rule.SaveMinutes <= 0) return false;
            result.Dst = rule;
            zone = result;
            error = null;
            return true;
        }

        private static bool SkipName(string tz, ref int i)
        {
            int start = i;
            if (i < tz.Length && tz[i] == '<')
            {
                int close = tz.IndexOf('>', i);
                if (close < 0) return false;
                i = close + 1;
                return true;
            }
            while (i < tz.Length && char.IsAsciiLetter(tz[i])) i++;
            return i - start >= 3;
        }

        /// <summary>[+-]hh[:mm[:ss]] in seconds (POSIX offsets count west of Greenwich).</summary>
        private static bool Offset(string tz, ref int i, out int seconds)
        {
            seconds = 0;
            int sign = 1;
            if (i < tz.Length && (tz[i] == '+' || tz[i] == '-')) sign = tz[i++] == '-' ? -1 : 1;
            if (!Clock(tz, ref i, out int value)) return false;
            seconds = sign * value;
            return true;
        }

        private static bool Clock(string tz, ref int i, out int seconds)
        {
            seconds = 0;
            int part = 0;
            for (int field = 0; field < 3; field++)
            {
                int start = i;
                int n = 0;
                while (i < tz.Length && char.IsAsciiDigit(tz[i]) && i - start < 3) n = n * 10 + (tz[i++] - '0');
                if (i == start) return false;
                part += n * (field == 0 ? 3600 : field == 1 ? 60 : 1);
                if (i >= tz.Length || tz[i] != ':') break;
                i++;
            }
            seconds = part;
            return true;
        }

        /// <summary>Mm.w.d[/time]: month, week (5 = last), weekday (Sunday 0), minute of the local day (default 02:00).</summary>
        private static bool Transition(string tz, ref int i, out int month, out int week, out int day, out int minute)
        {
            month = week = day = 0;
            minute = 120;
            if (i >= tz.Length || tz[i] != 'M') return false;
            i++;
            string[] parts = ReadUntil(tz, ref i, ",/").Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out month) || month < 1 || month > 12
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out week) || week < 1 || week > 5
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out day) || day > 6) return false;
            if (i < tz.Length && tz[i] == '/')
            {
                i++;
                if (!Offset(tz, ref i, out int seconds)) return false;
                minute = seconds / 60;
            }
            return true;
        }

        private static string ReadUntil(string tz, ref int i, string stops)
        {
            int start = i;
            while (i < tz.Length && stops.IndexOf(tz[i]) < 0) i++;
            return tz.Substring(start, i - start);
        }
    }
}
