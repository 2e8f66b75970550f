namespace DoorController.Access
{
    /// <summary>
    /// Authority information (Fig 3C): a user or a group may use a reader, door or area during weekly windows,
    /// between valid-from and valid-to. No windows means at any time.
    /// </summary>
    public sealed class Permission
    {
        /// <summary>The empty window list: any time.</summary>
        internal static readonly TimeWindow[] NoWindows = new TimeWindow[0];

        /// <summary>The user granted, or 0 when <see cref="GroupId"/> is used.</summary>
        public int UserId;
        public int GroupId;
        public PermissionTarget Target;
        public int TargetId;
        /// <summary>Never null; empty = any time.</summary>
        public TimeWindow[] Windows = NoWindows;
        /// <summary>UTC unix seconds, inclusive; 0 = unbounded.</summary>
        public long ValidFromUnix;
        /// <summary>UTC unix seconds, inclusive; 0 = unbounded.</summary>
        public long ValidToUnix;

        public static Permission ForUser(int userId, PermissionTarget target, int targetId)
        {
            Permission p = new Permission();
            p.UserId = userId;
            p.Target = target;
            p.TargetId = targetId;
            return p;
        }

        public static Permission ForGroup(int groupId, PermissionTarget target, int targetId)
        {
            Permission p = new Permission();
            p.GroupId = groupId;
            p.Target = target;
            p.TargetId = targetId;
            return p;
        }

        public Permission During(TimeWindow[] windows)
        {
            Windows = windows == null ? NoWindows : windows;
            return this;
        }

        public Permission Between(long validFromUnix, long validToUnix)
        {
            ValidFromUnix = validFromUnix;
            ValidToUnix = validToUnix;
            return this;
        }
    }
}
