using System;
using System.IO;
using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// Loads the site config (<see cref="SiteCacheFormat"/>) of an opened store into RAM (its CRC was checked when the
    /// store opened) and wires the store's <see cref="StoreHolder"/> in as the user and permission source. Never
    /// throws: a damaged or oversized config gives <see cref="ReasonCode.CredentialStoreCorrupt"/> and no cache.
    /// </summary>
    public static class SiteCacheReader
    {
        public static ReasonCode Load(FileCredentialDirectory store, out SiteCache cache)
        {
            cache = null;
            if (store == null || store.Status != ReasonCode.Granted)
            {
                return store == null ? ReasonCode.CredentialStoreUnavailable : store.Status;
            }
            if (store.SiteConfigPosition < 0)
            {
                return ReasonCode.CredentialStoreUnavailable;
            }
            try
            {
                byte[] config = new byte[store.SiteConfigLength];
                store.Stream.Seek(store.SiteConfigPosition, SeekOrigin.Begin);
                if (!StreamReads.ReadExactly(store.Stream, config, 0, config.Length))
                {
                    return ReasonCode.CredentialStoreCorrupt;
                }
                SiteCache result = new SiteCache(store.Holder);
                if (!ReadConfig(new ByteReader(config, 0, config.Length), result, new PolicyPool(config)))
                {
                    return ReasonCode.CredentialStoreCorrupt;
                }
                cache = result;
                return ReasonCode.Granted;
            }
            catch (Exception)
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
        }

        private static bool ReadConfig(ByteReader r, SiteCache c, PolicyPool pool)
        {
            while (r.Remaining > 0 && !r.Failed)
            {
                int tag = r.Byte();
                int length = r.UInt16();
                int end = r.Position + length;
                if (r.Failed || length > r.Remaining)
                {
                    return false;
                }
                if (!c.Count(tag))
                {
                    return false; // more entries of a kind than a controller keeps in RAM
                }
                switch (tag)
                {
                    case SiteCacheFormat.TagArea:
                        c.Site.AddArea(new Area(r.Int32(), r.Int32(), r.String()));
                        break;
                    case SiteCacheFormat.TagDoor:
                        int doorId = r.Int32();
                        bool contact = (r.Byte() & 1) != 0;
                        int unlock = r.Int32();
                        DoorInfo door = new DoorInfo(doorId, r.String(), contact, unlock);
                        if (r.Position < end)
                        {
                            door.OfficeModeWindows = ReadWindows(r);
                        }
                        c.Site.AddDoor(door);
                        break;
                    case SiteCacheFormat.TagReader:
                        c.Site.AddReader(ReadReader(r, end));
                        break;
                    case SiteCacheFormat.TagPolicy:
                        int readerId = r.Int32();
                        UserAttribute attribute = (UserAttribute)r.Byte();
                        AccessPolicy policy = SharedPolicy(r, pool);
                        if (policy == null)
                        {
                            return false; // more distinct policies than a controller keeps in RAM
                        }
                        c.Policies.Set(readerId, attribute, policy);
                        break;
                    case SiteCacheFormat.TagDefaultPolicy:
                        c.DefaultPolicy = SharedPolicy(r, pool);
                        if (c.DefaultPolicy == null)
                        {
                            return false;
                        }
                        break;
                    case SiteCacheFormat.TagRoute:
                        UserAttribute routeAttribute = (UserAttribute)r.Byte();
                        int routeReader = r.Int32();
                        NotificationRoute route = new NotificationRoute();
                        route.Id = r.Int32();
                        route.Targets = r.Int32();
                        route.SoundPattern = r.Int32();
                        route.Name = r.String();
                        route.DisplayText = r.String();
                        c.Routes.Set(routeAttribute, routeReader, route);
                        break;
                    case SiteCacheFormat.TagHoliday:
                        c.Holidays.AddDay(r.Int32());
                        break;
                    case SiteCacheFormat.TagTimeZone:
                        c.TimeZone = ReadTimeZone(r);
                        break;
                }
                if (r.Failed || r.Position > end)
                {
                    return false;
                }
                r.Position = end; // skip fields added by newer writers, and unknown tags
            }
            return !r.Failed;
        }

        private static Reader ReadReader(ByteReader r, int end)
        {
            Reader reader = new Reader();
            reader.Id = r.Int32();
            reader.DoorId = r.Int32();
            reader.MethodMask = r.Int32();
            reader.Usage = (ReaderUsage)r.Byte();
            reader.ExitMethodMask = r.Int32();
            reader.FromArea = r.Int32();
            reader.ToArea = r.Int32();
            int flags = r.Byte();
            reader.HasLocalPosition = (flags & 1) != 0;
            reader.HasGeoPosition = (flags & 2) != 0;
            reader.XMetres = r.Double();
            reader.YMetres = r.Double();
            reader.Latitude = r.Double();
            reader.Longitude = r.Double();
            reader.Name = r.String();
            if (r.Position < end)
            {
                reader.CardAndPinSeconds = r.UInt16();
                reader.CardAndPinWindows = ReadWindows(r);
            }
            return reader;
        }

        private static AccessPolicy SharedPolicy(ByteReader r, PolicyPool pool)
        {
            int start = r.Position;
            AccessPolicy decoded = ReadPolicy(r);
            return pool.Share(decoded, start, r.Position - start);
        }

        /// <summary>A count byte, then per window: days mask (1), start minute (2), end minute (2).</summary>
        private static TimeWindow[] ReadWindows(ByteReader r)
        {
            int n = r.Byte();
            if (n == 0)
            {
                return null; // no window: no rule (and no array kept per reader on the device heap)
            }
            TimeWindow[] windows = new TimeWindow[n];
            for (int i = 0; i < n; i++)
            {
                int days = r.Byte();
                int start = r.UInt16();
                windows[i] = new TimeWindow(days, start, r.UInt16());
            }
            return windows;
        }

        private static AccessPolicy ReadPolicy(ByteReader r)
        {
            AccessPolicy p = new AccessPolicy();
            int flags = r.Byte();
            p.Allowed = (flags & 1) != 0;
            p.FraudOnEntry = (flags & 2) != 0;
            p.FraudOnExit = (flags & 4) != 0;
            p.Apb = (ApbMode)r.Byte();
            p.TimedApbSeconds = r.Int32();
            p.Schedule = (CheckMode)r.Byte();
            p.ScheduleThresholdMetres = r.Int32();
            p.ScheduleWindowMinutes = r.Int32();
            p.Travel = (CheckMode)r.Byte();
            p.TravelMaxMetresPerSecond = r.Double();
            p.TravelToleranceMetres = r.Int32();
            p.TravelLongDistanceMetres = r.Int32();
            p.TravelMaxLongDistanceMetresPerSecond = r.Double();
            return p;
        }

        private static SiteTimeZone ReadTimeZone(ByteReader r)
        {
            SiteTimeZone zone = new SiteTimeZone();
            zone.OffsetMinutes = r.Int32();
            if (r.Byte() != 0)
            {
                DstRule d = new DstRule();
                d.StartMonth = r.Int32();
                d.StartWeek = r.Int32();
                d.StartDayOfWeek = r.Int32();
                d.StartMinute = r.Int32();
                d.EndMonth = r.Int32();
                d.EndWeek = r.Int32();
                d.EndDayOfWeek = r.Int32();
                d.EndMinute = r.Int32();
                d.SaveMinutes = r.Int32();
                zone.Dst = d;
            }
            return zone;
        }
    }
}
