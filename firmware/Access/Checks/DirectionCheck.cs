namespace DoorController.Access
{
    /// <summary>
    /// S114: entry or exit? From the reader's usage (Fig 6A entry/exit pair), its area pair, a direction carried
    /// in the request (user's choice, Fig 6B beacon strength), the channel (Fig 6B: NFC tap = exit, BLE = entry)
    /// or, for a toggle reader, the user's current presence.
    /// </summary>
    public static class DirectionCheck
    {
        /// <summary>Works out the controlled/outer area of the reader; call before the validity check.</summary>
        public static void ResolveAreas(DecisionContext c)
        {
            int area;
            int outer;
            AreasOf(c.Sources.Site, c.Reader, out area, out outer);
            c.ControlledArea = area;
            c.OuterArea = outer;
            c.Decision.AreaId = area;
            c.Decision.OuterAreaId = outer;
        }

        /// <summary>The more deeply nested of the reader's two areas is the one it controls; the other is around it.</summary>
        public static void AreasOf(ISiteDirectory site, Reader r, out int area, out int outer)
        {
            int fromDepth = Areas.Depth(site, r.FromArea);
            int toDepth = Areas.Depth(site, r.ToArea);
            bool fromIsInner = fromDepth > toDepth || (fromDepth == toDepth && r.Usage == ReaderUsage.Exit);
            area = fromIsInner ? r.FromArea : r.ToArea;
            outer = fromIsInner ? r.ToArea : r.FromArea;
        }

        public static ReasonCode Run(DecisionContext c)
        {
            Direction d = Resolve(c);
            c.Decision.Direction = d;
            return d == Direction.Unknown ? ReasonCode.DirectionUnknown : ReasonCode.Granted;
        }

        private static Direction Resolve(DecisionContext c)
        {
            Reader r = c.Reader;
            Direction requested = c.Request.RequestedDirection;
            switch (r.Usage)
            {
                case ReaderUsage.Entry:
                    return Direction.Entry;
                case ReaderUsage.Exit:
                    return Direction.Exit;
                case ReaderUsage.Ask:
                    return requested;
                case ReaderUsage.Channel:
                    return (r.ExitMethodMask & Reader.MethodBit(c.Request.Method)) != 0 ? Direction.Exit : Direction.Entry;
                case ReaderUsage.Toggle:
                    if (requested != Direction.Unknown)
                    {
                        return requested;
                    }
                    long at;
                    int state = Presence.Effective(c.Sources.Presence, c.Sources.Site, c.User.Id, c.ControlledArea, out at);
                    return state == Presence.Inside ? Direction.Exit : Direction.Entry;
                default:
                    return ByAreas(c, requested);
            }
        }

        private static Direction ByAreas(DecisionContext c, Direction requested)
        {
            Reader r = c.Reader;
            if (r.FromArea != r.ToArea)
            {
                ISiteDirectory site = c.Sources.Site;
                int fromDepth = Areas.Depth(site, r.FromArea);
                int toDepth = Areas.Depth(site, r.ToArea);
                if (toDepth > fromDepth)
                {
                    return Direction.Entry;
                }
                if (fromDepth > toDepth)
                {
                    return Direction.Exit;
                }
            }
            return requested;
        }
    }
}
