namespace DoorController.Access
{
    /// <summary>
    /// Presence rules over nested areas. Entering an area also puts the user inside every enclosing area; leaving
    /// an area puts them in the area on the other side. A record "inside room at t" only counts while every
    /// enclosing area's record is "inside" and not newer than t: leaving the building (or re-entering it) makes
    /// older room records stale without having to enumerate rooms.
    /// </summary>
    public static class Presence
    {
        /// <summary>Result of <see cref="Effective"/>.</summary>
        public const int Unknown = 0;
        public const int Inside = 1;
        public const int Outside = 2;

        /// <summary>The user's effective state in an area, and since when (0 when unknown).</summary>
        public static int Effective(IPresenceStore store, ISiteDirectory site, int userId, int areaId, out long atUnix)
        {
            atUnix = 0;
            bool inside;
            long at;
            if (store == null || areaId == 0 || !store.TryGet(userId, areaId, out inside, out at))
            {
                return Unknown;
            }
            atUnix = at;
            if (!inside)
            {
                return Outside;
            }
            int parent = Areas.ParentOf(site, areaId);
            for (int i = 0; i < Areas.MaxDepth && parent != 0; i++)
            {
                bool parentInside;
                long parentAt;
                if (store.TryGet(userId, parent, out parentInside, out parentAt) && (!parentInside || parentAt > at))
                {
                    return Outside; // left or re-entered the enclosing area since: this record is stale
                }
                parent = Areas.ParentOf(site, parent);
            }
            return Inside;
        }

        /// <summary>Records a passage (S115 log update), called when the door actually opened or on grant without a door contact.</summary>
        public static void Commit(IPresenceStore store, ISiteDirectory site, int userId, Direction direction, int areaId, int outerAreaId, long atUnix)
        {
            if (store == null || areaId == 0 || userId == 0)
            {
                return;
            }
            if (direction == Direction.Entry)
            {
                store.Set(userId, areaId, true, atUnix);
                int parent = Areas.ParentOf(site, areaId);
                for (int i = 0; i < Areas.MaxDepth && parent != 0; i++)
                {
                    store.Set(userId, parent, true, atUnix);
                    parent = Areas.ParentOf(site, parent);
                }
            }
            else if (direction == Direction.Exit)
            {
                store.Set(userId, areaId, false, atUnix);
                if (outerAreaId != 0)
                {
                    store.Set(userId, outerAreaId, true, atUnix);
                }
            }
        }
    }
}
