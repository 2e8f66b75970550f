namespace DoorController.Access
{
    /// <summary>Nesting of areas (building &gt; office &gt; room). Depth is capped so a bad parent loop cannot hang a decision.</summary>
    public static class Areas
    {
        public const int MaxDepth = 16;

        /// <summary>0 for "outside" (area 0) or an unknown area, 1 for a top-level area, and so on.</summary>
        public static int Depth(ISiteDirectory site, int areaId)
        {
            int depth = 0;
            while (areaId != 0 && depth < MaxDepth)
            {
                Area a = site.FindArea(areaId);
                if (a == null)
                {
                    return depth;
                }
                depth++;
                areaId = a.ParentId;
            }
            return depth;
        }

        /// <summary>True when <paramref name="areaId"/> is <paramref name="containerId"/> or nested in it.</summary>
        public static bool IsWithin(ISiteDirectory site, int areaId, int containerId)
        {
            if (containerId == 0 || areaId == 0)
            {
                return false;
            }
            for (int i = 0; i < MaxDepth && areaId != 0; i++)
            {
                if (areaId == containerId)
                {
                    return true;
                }
                Area a = site.FindArea(areaId);
                if (a == null)
                {
                    return false;
                }
                areaId = a.ParentId;
            }
            return false;
        }

        public static int ParentOf(ISiteDirectory site, int areaId)
        {
            Area a = areaId == 0 ? null : site.FindArea(areaId);
            return a == null ? 0 : a.ParentId;
        }
    }
}
