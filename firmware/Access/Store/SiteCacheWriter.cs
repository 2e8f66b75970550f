using System;

namespace DoorController.Access
{
    /// <summary>
    /// Builds the site config (<see cref="SiteCacheFormat"/>) of one controller's store: areas, doors, readers,
    /// policies, routes, holidays, time zone. Pass the result as <c>siteConfig</c> to
    /// <see cref="CredentialStoreBuilder.Write"/>. Server side; allocates. <see cref="ToBytes"/> refuses a config over
    /// the format's caps, which bound the RAM a controller spends on it.
    /// </summary>
    public sealed class SiteCacheWriter
    {
        private readonly ByteWriter _config = new ByteWriter();
        private readonly System.Collections.ArrayList _distinctPolicies = new System.Collections.ArrayList();
        private int _areas;
        private int _doors;
        private int _readers;
        private int _policies;
        private int _routes;
        private int _holidays;

        public void AddArea(Area a)
        {
            _areas++;
            int at = Begin(SiteCacheFormat.TagArea);
            _config.Int32(a.Id);
            _config.Int32(a.ParentId);
            _config.String(null, 0); // names stay on the server: the controller never shows them
            End(at);
        }

        public void AddDoor(DoorInfo d)
        {
            _doors++;
            int at = Begin(SiteCacheFormat.TagDoor);
            _config.Int32(d.Id);
            _config.Byte(d.HasDoorContact ? 1 : 0);
            _config.Int32(d.UnlockMilliseconds);
            _config.String(null, 0);
            if (d.OfficeModeWindows != null && d.OfficeModeWindows.Length > 0)
            {
                WriteWindows(d.OfficeModeWindows); // added later, only when set: older readers skip it
            }
            End(at);
        }

        public void AddReader(Reader r)
        {
            _readers++;
            int at = Begin(SiteCacheFormat.TagReader);
            _config.Int32(r.Id);
            _config.Int32(r.DoorId);
            _config.Int32(r.MethodMask);
            _config.Byte((int)r.Usage);
            _config.Int32(r.ExitMethodMask);
            _config.Int32(r.FromArea);
            _config.Int32(r.ToArea);
            _config.Byte((r.HasLocalPosition ? 1 : 0) | (r.HasGeoPosition ? 2 : 0));
            _config.Double(r.XMetres);
            _config.Double(r.YMetres);
            _config.Double(r.Latitude);
            _config.Double(r.Longitude);
            _config.String(null, 0);
            // Added after the first format: older readers skip trailing fields.
            _config.UInt16(r.CardAndPinSeconds);
            WriteWindows(r.CardAndPinWindows);
            End(at);
        }

        private void WriteWindows(TimeWindow[] windows)
        {
            int n = windows == null ? 0 : windows.Length;
            _config.Byte(n);
            for (int i = 0; i < n; i++)
            {
                _config.Byte(windows[i].DaysMask);
                _config.UInt16(windows[i].StartMinute);
                _config.UInt16(windows[i].EndMinute);
            }
        }

        public void AddPolicy(int readerId, UserAttribute attribute, AccessPolicy p)
        {
            _policies++;
            int at = Begin(SiteCacheFormat.TagPolicy);
            _config.Int32(readerId);
            _config.Byte((int)attribute);
            WritePolicy(_config, p);
            NotePolicy(p);
            End(at);
        }

        public void SetDefaultPolicy(AccessPolicy p)
        {
            int at = Begin(SiteCacheFormat.TagDefaultPolicy);
            WritePolicy(_config, p);
            NotePolicy(p);
            End(at);
        }

        public void AddRoute(UserAttribute attribute, int readerId, NotificationRoute route)
        {
            _routes++;
            int at = Begin(SiteCacheFormat.TagRoute);
            _config.Byte((int)attribute);
            _config.Int32(readerId);
            _config.Int32(route.Id);
            _config.Int32(route.Targets);
            _config.Int32(route.SoundPattern);
            _config.String(null, 0); // name and display text stay on the server: the controller uses the targets
            _config.String(null, 0);
            End(at);
        }

        public void AddHoliday(int localDayNumber)
        {
            _holidays++;
            int at = Begin(SiteCacheFormat.TagHoliday);
            _config.Int32(localDayNumber);
            End(at);
        }

        public void SetTimeZone(SiteTimeZone zone)
        {
            int at = Begin(SiteCacheFormat.TagTimeZone);
            _config.Int32(zone.OffsetMinutes);
            DstRule d = zone.Dst;
            _config.Byte(d == null ? 0 : 1);
            if (d != null)
            {
                _config.Int32(d.StartMonth);
                _config.Int32(d.StartWeek);
                _config.Int32(d.StartDayOfWeek);
                _config.Int32(d.StartMinute);
                _config.Int32(d.EndMonth);
                _config.Int32(d.EndWeek);
                _config.Int32(d.EndDayOfWeek);
                _config.Int32(d.EndMinute);
                _config.Int32(d.SaveMinutes);
            }
            End(at);
        }

        /// <summary>The config bytes. Throws <see cref="InvalidOperationException"/> when a count is over its cap.</summary>
        public byte[] ToBytes()
        {
            string over = Over("areas", _areas, SiteCacheFormat.MaxAreas) ?? Over("doors", _doors, SiteCacheFormat.MaxDoors)
                ?? Over("readers", _readers, SiteCacheFormat.MaxReaders) ?? Over("policies", _policies, SiteCacheFormat.MaxPolicies)
                ?? Over("notification routes", _routes, SiteCacheFormat.MaxRoutes) ?? Over("holidays", _holidays, SiteCacheFormat.MaxHolidays)
                ?? Over("distinct policies", _distinctPolicies.Count, SiteCacheFormat.MaxDistinctPolicies);
            if (over != null)
            {
                throw new InvalidOperationException("site config for one controller has " + over);
            }
            return _config.ToArray();
        }

        /// <summary>Counts distinct policy encodings, as the controller shares them (<see cref="PolicyPool"/>).</summary>
        private void NotePolicy(AccessPolicy p)
        {
            ByteWriter w = new ByteWriter();
            WritePolicy(w, p);
            byte[] encoded = w.ToArray();
            for (int i = 0; i < _distinctPolicies.Count; i++)
            {
                if (ByteOrder.Compare((byte[])_distinctPolicies[i], encoded) == 0)
                {
                    return;
                }
            }
            _distinctPolicies.Add(encoded);
        }

        private static string Over(string what, int count, int cap)
        {
            return count > cap ? count + " " + what + " (at most " + cap + ")" : null;
        }

        internal static void WritePolicy(ByteWriter w, AccessPolicy p)
        {
            w.Byte((p.Allowed ? 1 : 0) | (p.FraudOnEntry ? 2 : 0) | (p.FraudOnExit ? 4 : 0)); // bit 3 (learned section times) retired
            w.Byte((int)p.Apb);
            w.Int32(p.TimedApbSeconds);
            w.Byte((int)p.Schedule);
            w.Int32(p.ScheduleThresholdMetres);
            w.Int32(p.ScheduleWindowMinutes);
            w.Byte((int)p.Travel);
            w.Double(p.TravelMaxMetresPerSecond);
            w.Int32(p.TravelToleranceMetres);
            w.Int32(p.TravelLongDistanceMetres);
            w.Double(p.TravelMaxLongDistanceMetresPerSecond);
        }

        private int Begin(int tag)
        {
            _config.Byte(tag);
            int at = _config.Length;
            _config.UInt16(0);
            return at;
        }

        private void End(int lengthPosition)
        {
            _config.PatchUInt16(lengthPosition, _config.Length - lengthPosition - 2);
        }
    }
}
