using System;
using System.Collections.Generic;
using System.Globalization;
using DoorController.Access;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The site's time zone and holidays: what permission windows (Fig 3C) are evaluated in. Both reach the online
    /// decisions (the snapshot) and every controller (its cache bundle carries the zone and the holiday list), and the
    /// admin page shows every time in this zone. A change bumps every controller's cache version.
    /// </summary>
    public sealed class SiteCalendar
    {
        /// <summary>The firmware's own default (<see cref="SiteTimeZone.JapanOffsetMinutes"/>): the product's first market.</summary>
        public const string DefaultTimeZone = "Asia/Tokyo";
        public const int MaxHolidays = 1000;
        private const string TimeZoneSetting = "time_zone";

        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;

        public SiteCalendar(ServerContext ctx, CacheVersions versions)
        {
            _ctx = ctx;
            _versions = versions;
        }

        /// <summary>The IANA name of the site's zone.</summary>
        public string TimeZone => ReadTimeZone(_ctx.Db);

        public static string ReadTimeZone(Database db)
        {
            var row = db.QuerySingle("SELECT value FROM settings WHERE name = @n", new { n = TimeZoneSetting });
            return row?.Str("value") ?? DefaultTimeZone;
        }

        /// <summary>The zone as the decision core evaluates it (the default zone if the stored one cannot be read).</summary>
        public static SiteTimeZone ZoneOf(Database db)
        {
            if (PosixZone.TryLoad(ReadTimeZone(db), out SiteTimeZone zone, out string error)) return zone;
            Console.Error.WriteLine("site time zone: " + error + "; using UTC+9");
            return new SiteTimeZone();
        }

        public void SetTimeZone(string ianaName)
        {
            if (!PosixZone.TryLoad(ianaName, out _, out string error)) throw ApiException.BadRequest("timeZone: " + error);
            _ctx.Db.InTransaction(tx =>
            {
                tx.Execute("DELETE FROM settings WHERE name = @n", new { n = TimeZoneSetting });
                tx.Execute("INSERT INTO settings (name, value) VALUES (@n, @v)", new { n = TimeZoneSetting, v = ianaName });
                _versions.BumpAll(tx);
            });
        }

        public List<Row> Holidays()
        {
            return _ctx.Db.Query("SELECT day, name FROM holidays ORDER BY day");
        }

        /// <summary>Adds or renames a holiday (a local date, YYYY-MM-DD).</summary>
        public void SetHoliday(string day, string name)
        {
            ParseDay(day);
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100) throw ApiException.BadRequest("name is required (1-100 characters)");
            _ctx.Db.InTransaction(tx =>
            {
                bool exists = tx.QuerySingle("SELECT day FROM holidays WHERE day = @d", new { d = day }) != null;
                if (!exists && tx.QuerySingle("SELECT COUNT(*) AS n FROM holidays").Long("n") >= MaxHolidays) throw ApiException.BadRequest("at most " + MaxHolidays + " holidays");
                tx.Execute("DELETE FROM holidays WHERE day = @d", new { d = day });
                tx.Execute("INSERT INTO holidays (day, name) VALUES (@d, @n)", new { d = day, n = name.Trim() });
                _versions.BumpAll(tx);
            });
        }

        public void RemoveHoliday(string day)
        {
            _ctx.Db.InTransaction(tx =>
            {
                if (tx.Execute("DELETE FROM holidays WHERE day = @d", new { d = day }) == 0) throw ApiException.NotFound("holiday", day);
                _versions.BumpAll(tx);
            });
        }

        /// <summary>The holidays as the decision core reads them (local day numbers); a row that cannot be read is left out.</summary>
        public static HolidayList HolidaysOf(Database db)
        {
            var list = new HolidayList();
            foreach (var r in db.Query("SELECT day FROM holidays"))
            {
                try
                {
                    list.AddDay(ParseDay(r.Str("day")));
                }
                catch (ApiException e)
                {
                    Console.Error.WriteLine("holiday " + r.Str("day") + " left out: " + e.Message);
                }
            }
            return list;
        }

        /// <summary>YYYY-MM-DD → local day number (days since 1970-01-01).</summary>
        public static int ParseDay(string day)
        {
            if (day == null || !DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime d) || d.Year < 2000 || d.Year > 2100)
            {
                throw ApiException.BadRequest("day must be a date YYYY-MM-DD between 2000 and 2100");
            }
            return CivilDate.DaysFromCivil(d.Year, d.Month, d.Day);
        }
    }
}
