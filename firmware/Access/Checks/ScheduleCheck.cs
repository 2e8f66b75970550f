namespace DoorController.Access
{
    /// <summary>
    /// Fig 7: compares where the user's schedule says they are around now with where this reader is. If some
    /// event in the window is within the threshold (default 100 m) all is well; if every such event is farther
    /// away, the user is somewhere the schedule does not expect. No event in the window: nothing to judge.
    /// </summary>
    public static class ScheduleCheck
    {
        public static ReasonCode Run(DecisionContext c)
        {
            IScheduleSource source = c.Sources.Schedule;
            AccessPolicy policy = c.Policy;
            if (source == null || policy.Schedule == CheckMode.Off)
            {
                return ReasonCode.Granted;
            }
            ScheduleEntry[] events = source.For(c.User.Id);
            Reader r = c.Reader;
            long window = policy.ScheduleWindowMinutes * 60L;
            bool sawFarEvent = false;
            for (int i = 0; events != null && i < events.Length; i++)
            {
                ScheduleEntry e = events[i];
                if (e == null || c.Now < e.StartUnix - window || c.Now > e.EndUnix + window)
                {
                    continue;
                }
                double d = GeoDistance.Between(e.HasGeoPosition, e.Latitude, e.Longitude, e.HasLocalPosition, e.XMetres, e.YMetres,
                                               r.HasGeoPosition, r.Latitude, r.Longitude, r.HasLocalPosition, r.XMetres, r.YMetres);
                if (d < 0)
                {
                    continue; // positions not comparable
                }
                if (d <= policy.ScheduleThresholdMetres)
                {
                    return ReasonCode.Granted;
                }
                sawFarEvent = true;
            }
            return sawFarEvent ? ReasonCode.ScheduleElsewhere : ReasonCode.Granted;
        }
    }
}
