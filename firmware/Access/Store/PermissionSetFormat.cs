using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// A holder's permissions at one controller, as the store keeps them (the user's own and those of their groups,
    /// flattened by the server; the controller has no groups). The region starts with S offsets (u32, from the first
    /// set) and then the sets, each:
    /// <code>
    ///   count (1), then per permission: target (1), target id (4), valid from (4), valid to (4) unix s (0 = open),
    ///   window count (1), then per window: days mask (1), start minute (2), end minute (2)
    /// </code>
    /// At most <see cref="MaxPermissions"/> permissions, <see cref="MaxWindowsPerPermission"/> windows each and
    /// <see cref="MaxWindows"/> windows in all, so a set decodes into a fixed pool (<see cref="StoreHolder"/>).
    /// </summary>
    public static class PermissionSetFormat
    {
        public const int MaxPermissions = 8;
        public const int MaxWindowsPerPermission = 4;
        public const int MaxWindows = 12;
        public const int PermissionBytes = 14;
        public const int WindowBytes = 5;
        public const int MaxSetBytes = 1 + MaxPermissions * PermissionBytes + MaxWindows * WindowBytes;

        /// <summary>
        /// Encodes <paramref name="count"/> permissions for the holder of <paramref name="credential"/> (server side;
        /// allocates); null with <paramref name="error"/> when over the limits. A permission's validity that the
        /// credential's own validity already implies is written open: <see cref="ValidityCheck"/> refuses a credential
        /// outside its validity before it looks at permissions, so the permission's bounds could never decide, and
        /// leaving them out lets every guest pass share one set instead of one set each.
        /// </summary>
        public static byte[] Encode(Permission[] list, int count, CredentialInfo credential, out string error)
        {
            error = null;
            if (count > MaxPermissions)
            {
                error = count + " permissions at one controller (at most " + MaxPermissions + ")";
                return null;
            }
            ByteWriter w = new ByteWriter();
            w.Byte(count);
            int windows = 0;
            for (int i = 0; i < count; i++)
            {
                Permission p = list[i];
                int n = p.Windows == null ? 0 : p.Windows.Length;
                windows += n;
                if (n > MaxWindowsPerPermission || windows > MaxWindows || p.ValidFromUnix < 0 || p.ValidFromUnix > uint.MaxValue
                    || p.ValidToUnix < 0 || p.ValidToUnix > uint.MaxValue)
                {
                    error = "a permission has " + n + " time windows (at most " + MaxWindowsPerPermission + ", " + MaxWindows
                        + " per person) or a validity outside 1970-2106";
                    return null;
                }
                bool implied = ImpliedBy(credential, p);
                w.Byte((int)p.Target);
                w.Int32(p.TargetId);
                w.Int32(implied ? 0 : (int)(uint)p.ValidFromUnix);
                w.Int32(implied ? 0 : (int)(uint)p.ValidToUnix);
                w.Byte(n);
                for (int k = 0; k < n; k++)
                {
                    w.Byte(p.Windows[k].DaysMask);
                    w.UInt16(p.Windows[k].StartMinute);
                    w.UInt16(p.Windows[k].EndMinute);
                }
            }
            return w.ToArray();
        }

        /// <summary>True when <paramref name="credential"/> is only valid inside <paramref name="p"/>'s validity.</summary>
        private static bool ImpliedBy(CredentialInfo credential, Permission p)
        {
            if (credential == null || credential.HasFlag(CredentialFlags.AlwaysValid))
            {
                return false;
            }
            bool from = p.ValidFromUnix == 0 || (credential.ValidFromUnix != 0 && credential.ValidFromUnix >= p.ValidFromUnix);
            bool to = p.ValidToUnix == 0 || (credential.ValidToUnix != 0 && credential.ValidToUnix <= p.ValidToUnix);
            return from && to;
        }

        /// <summary>
        /// Decodes a set from <paramref name="buffer"/> into pooled objects: permission i goes to <paramref name="pool"/>[i]
        /// and is listed in <paramref name="view"/>[i] (later slots of the view are cleared); its windows come from
        /// <paramref name="windows"/> and are listed in <paramref name="windowLists"/>[i]. Returns the count, or -1
        /// when the bytes are malformed or over the limits. Allocates nothing.
        /// </summary>
        public static int Decode(byte[] buffer, int offset, int length, int holderId, Permission[] pool, Permission[] view,
            TimeWindow[][] windowLists, TimeWindow[] windows)
        {
            for (int i = 0; i < view.Length; i++)
            {
                view[i] = null;
            }
            int end = offset + length;
            if (length < 1)
            {
                return -1;
            }
            int count = buffer[offset++];
            if (count > MaxPermissions)
            {
                return -1;
            }
            int used = 0;
            for (int i = 0; i < count; i++)
            {
                if (offset + PermissionBytes > end)
                {
                    return -1;
                }
                Permission p = pool[i];
                p.UserId = holderId;
                p.GroupId = 0;
                p.Target = (PermissionTarget)buffer[offset];
                p.TargetId = LittleEndian.ReadInt32(buffer, offset + 1);
                p.ValidFromUnix = LittleEndian.ReadUInt32(buffer, offset + 5);
                p.ValidToUnix = LittleEndian.ReadUInt32(buffer, offset + 9);
                int n = buffer[offset + 13];
                offset += PermissionBytes;
                if (n > MaxWindowsPerPermission || used + n > MaxWindows || offset + n * WindowBytes > end)
                {
                    return -1;
                }
                TimeWindow[] list = windowLists[i];
                for (int k = 0; k < list.Length; k++)
                {
                    list[k] = null;
                }
                for (int k = 0; k < n; k++)
                {
                    TimeWindow t = windows[used++];
                    t.DaysMask = buffer[offset];
                    t.StartMinute = LittleEndian.ReadUInt16(buffer, offset + 1);
                    t.EndMinute = LittleEndian.ReadUInt16(buffer, offset + 3);
                    list[k] = t;
                    offset += WindowBytes;
                }
                p.Windows = n == 0 ? Permission.NoWindows : list;
                view[i] = p;
            }
            return offset == end ? count : -1;
        }
    }
}
