using System;
using System.IO;
using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// Loads the site section (<see cref="SiteCacheFormat"/>) of an opened store: checks its CRC, loads the
    /// config entries into RAM and leaves users in the file (<see cref="FileUserDirectory"/>). Never throws:
    /// a damaged section gives <see cref="ReasonCode.CredentialStoreCorrupt"/> and no cache. Unknown entry tags
    /// are skipped, so newer servers can add entries.
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
            if (store.SiteSectionPosition < 0)
            {
                return ReasonCode.CredentialStoreUnavailable;
            }
            try
            {
                return Load(store.Stream, store.SiteSectionPosition, store.SiteSectionLength, store.SiteSectionCrc, out cache);
            }
            catch (Exception)
            {
                cache = null;
                return ReasonCode.CredentialStoreCorrupt;
            }
        }

        private static ReasonCode Load(Stream s, long position, int length, uint expectedCrc, out SiteCache cache)
        {
            cache = null;
            if (!CrcMatches(s, position, length, expectedCrc) || length < SiteCacheFormat.HeaderSize)
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            byte[] header = new byte[SiteCacheFormat.HeaderSize];
            s.Seek(position, SeekOrigin.Begin);
            if (s.Read(header, 0, header.Length) != header.Length)
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            ByteReader h = new ByteReader(header, 0, header.Length);
            uint magic = (uint)h.Int32();
            int version = h.UInt16();
            int recordSize = h.UInt16();
            int users = h.Int32();
            int usersOffset = h.Int32();
            int configOffset = h.Int32();
            int configLength = h.Int32();
            if (magic != SiteCacheFormat.Magic || version != SiteCacheFormat.Version || recordSize != SiteCacheFormat.UserRecordSize
                || users < 0 || usersOffset < SiteCacheFormat.HeaderSize || (long)usersOffset + (long)users * recordSize > length
                || configOffset < usersOffset || configLength < 0 || (long)configOffset + configLength > length)
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            byte[] config = new byte[configLength];
            s.Seek(position + configOffset, SeekOrigin.Begin);
            if (!StreamReads.ReadExactly(s, config, 0, configLength))
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            SiteCache result = new SiteCache();
            if (!ReadConfig(new ByteReader(config, 0, configLength), result))
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            result.Users = new FileUserDirectory(s, position + usersOffset, users);
            if (!result.Users.Valid)
            {
                return ReasonCode.CredentialStoreCorrupt;
            }
            cache = result;
            return ReasonCode.Granted;
        }

        private static bool CrcMatches(Stream s, long position, int length, uint expected)
        {
            byte[] buffer = new byte[512];
            s.Seek(position, SeekOrigin.Begin);
            uint crc = Crc32.Start();
            int done = 0;
            while (done < length)
            {
                int want = length - done < buffer.Length ? length - done : buffer.Length;
                int n = s.Read(buffer, 0, want);
                if (n <= 0)
                {
                    return false;
                }
                crc = Crc32.Update(crc, buffer, 0, n);
                done += n;
            }
            return Crc32.Finish(crc) == expected;
        }

        private static bool ReadConfig(ByteReader r, SiteCache c)
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
                switch (tag)
                {
                    case SiteCacheFormat.TagArea:
                        c.Site.AddArea(new Area(r.Int32(), r.Int32(), r.String()));
                        break;
                    case SiteCacheFormat.TagDoor:
                        int doorId = r.Int32();
                        bool contact = (r.Byte() & 1) != 0;
                        int unlock = r.Int32();
                        c.Site.AddDoor(new DoorInfo(doorId, r.String(), contact, unlock));
                        break;
                    case SiteCacheFormat.TagReader:
                        c.Site.AddReader(ReadReader(r, end));
                        break;
                    case SiteCacheFormat.TagPermission:
                        c.Permissions.Add(ReadPermission(r));
                        break;
                    case SiteCacheFormat.TagPolicy:
                        int readerId = r.Int32();
                        UserAttribute attribute = (UserAttribute)r.Byte();
                        c.Policies.Set(readerId, attribute, ReadPolicy(r));
                        break;
                    case SiteCacheFormat.TagDefaultPolicy:
                        c.DefaultPolicy = ReadPolicy(r);
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

        private static Permission ReadPermission(ByteReader r)
        {
            Permission p = new Permission();
            p.UserId = r.Int32();
            p.GroupId = r.Int32();
            p.Target = (PermissionTarget)r.Byte();
            p.TargetId = r.Int32();
            p.ValidFromUnix = r.Int64();
            p.ValidToUnix = r.Int64();
            return p.During(ReadWindows(r));
        }

        /// <summary>A count byte, then per window: days mask (1), start minute (2), end minute (2).</summary>
        private static TimeWindow[] ReadWindows(ByteReader r)
        {
            int n = r.Byte();
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
