using System.Collections;

namespace DoorController.Access
{
    /// <summary>
    /// Builds the site section (<see cref="SiteCacheFormat"/>) for a controller: users, areas, doors, readers,
    /// permissions, policies, routes, holidays, time zone. Pass the result as <c>siteSection</c> to
    /// <see cref="CredentialStoreBuilder.Write"/>. Server side; allocates.
    /// </summary>
    public sealed class SiteCacheWriter
    {
        private readonly ArrayList _users = new ArrayList();
        private readonly ByteWriter _config = new ByteWriter();

        public void AddUser(User user)
        {
            _users.Add(user);
        }

        public void AddArea(Area a)
        {
            int at = Begin(SiteCacheFormat.TagArea);
            _config.Int32(a.Id);
            _config.Int32(a.ParentId);
            _config.String(a.Name);
            End(at);
        }

        public void AddDoor(DoorInfo d)
        {
            int at = Begin(SiteCacheFormat.TagDoor);
            _config.Int32(d.Id);
            _config.Byte(d.HasDoorContact ? 1 : 0);
            _config.Int32(d.UnlockMilliseconds);
            _config.String(d.Name);
            End(at);
        }

        public void AddReader(Reader r)
        {
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
            _config.String(r.Name);
            // Added after the first format: older readers skip trailing fields.
            _config.UInt16(r.CardAndPinSeconds);
            WriteWindows(r.CardAndPinWindows);
            End(at);
        }

        public void AddPermission(Permission p)
        {
            int at = Begin(SiteCacheFormat.TagPermission);
            _config.Int32(p.UserId);
            _config.Int32(p.GroupId);
            _config.Byte((int)p.Target);
            _config.Int32(p.TargetId);
            _config.Int64(p.ValidFromUnix);
            _config.Int64(p.ValidToUnix);
            WriteWindows(p.Windows);
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
            int at = Begin(SiteCacheFormat.TagPolicy);
            _config.Int32(readerId);
            _config.Byte((int)attribute);
            WritePolicy(_config, p);
            End(at);
        }

        public void SetDefaultPolicy(AccessPolicy p)
        {
            int at = Begin(SiteCacheFormat.TagDefaultPolicy);
            WritePolicy(_config, p);
            End(at);
        }

        public void AddRoute(UserAttribute attribute, int readerId, NotificationRoute route)
        {
            int at = Begin(SiteCacheFormat.TagRoute);
            _config.Byte((int)attribute);
            _config.Int32(readerId);
            _config.Int32(route.Id);
            _config.Int32(route.Targets);
            _config.Int32(route.SoundPattern);
            _config.String(route.Name);
            _config.String(route.DisplayText);
            End(at);
        }

        public void AddHoliday(int localDayNumber)
        {
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

        /// <summary>The section bytes. Users are sorted by id here; of duplicate ids one is kept.</summary>
        public byte[] ToBytes()
        {
            User[] users = SortedUsers();
            ByteWriter w = new ByteWriter();
            w.Int32((int)SiteCacheFormat.Magic);
            w.UInt16(SiteCacheFormat.Version);
            w.UInt16(SiteCacheFormat.UserRecordSize);
            w.Int32(users.Length);
            w.Int32(SiteCacheFormat.HeaderSize);
            w.Int32(SiteCacheFormat.HeaderSize + users.Length * SiteCacheFormat.UserRecordSize);
            w.Int32(_config.Length);
            for (int i = 0; i < users.Length; i++)
            {
                User u = users[i];
                w.Int32(u.Id);
                w.Byte((int)u.Attribute);
                w.Byte((u.Enabled ? 1 : 0) | (u.ExtendedAccess ? 2 : 0));
                w.UInt16(0);
                w.Int32(u.InviterId);
                w.Int32(u.GroupIds != null && u.GroupIds.Length > 0 ? u.GroupIds[0] : 0);
            }
            byte[] config = _config.ToArray();
            w.Bytes(config, 0, config.Length);
            return w.ToArray();
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

        private User[] SortedUsers()
        {
            User[] users = new User[_users.Count];
            _users.CopyTo(users, 0);
            HeapSortById(users);
            int n = 0;
            for (int i = 0; i < users.Length; i++)
            {
                if (n > 0 && users[n - 1].Id == users[i].Id)
                {
                    users[n - 1] = users[i];
                }
                else
                {
                    users[n++] = users[i];
                }
            }
            if (n == users.Length)
            {
                return users;
            }
            User[] unique = new User[n];
            System.Array.Copy(users, unique, n);
            return unique;
        }

        private static void HeapSortById(User[] users)
        {
            int count = users.Length;
            for (int start = count / 2 - 1; start >= 0; start--)
            {
                SiftDown(users, start, count);
            }
            for (int end = count - 1; end > 0; end--)
            {
                User t = users[0];
                users[0] = users[end];
                users[end] = t;
                SiftDown(users, 0, end);
            }
        }

        private static void SiftDown(User[] users, int root, int count)
        {
            while (true)
            {
                int child = root * 2 + 1;
                if (child >= count)
                {
                    return;
                }
                if (child + 1 < count && users[child].Id < users[child + 1].Id)
                {
                    child++;
                }
                if (users[root].Id >= users[child].Id)
                {
                    return;
                }
                User t = users[root];
                users[root] = users[child];
                users[child] = t;
                root = child;
            }
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
