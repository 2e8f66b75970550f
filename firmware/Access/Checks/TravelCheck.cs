namespace DoorController.Access
{
    /// <summary>
    /// Fig 8: speed needed to get from the user's last sighting (another reader, or an outside source such as a
    /// hotel in Okinawa) to this reader. Faster than the threshold (walking speed by default; airliner speed beyond a
    /// few kilometres) is implausible.
    /// </summary>
    public static class TravelCheck
    {
        public static ReasonCode Run(DecisionContext c)
        {
            ILastSeenSource lastSeen = c.Sources.LastSeen;
            AccessPolicy policy = c.Policy;
            if (lastSeen == null || !lastSeen.TryGet(c.User.Id, c.LastSighting))
            {
                return ReasonCode.Granted;
            }
            return Evaluate(c.LastSighting, c.Reader, c.Now, policy);
        }

        /// <summary>The check on its own (also used by the retro check): from sighting <paramref name="s"/> to reader <paramref name="r"/> at <paramref name="now"/>.</summary>
        public static ReasonCode Evaluate(Sighting s, Reader r, long now, AccessPolicy policy)
        {
            if (policy.Travel == CheckMode.Off || s.ReaderId == r.Id)
            {
                return ReasonCode.Granted;
            }
            long elapsed = now - s.AtUnix;
            if (elapsed < 1)
            {
                elapsed = 1; // same second or slightly out of order: judge as one second
            }
            double d = GeoDistance.Between(s.HasGeoPosition, s.Latitude, s.Longitude, s.HasLocalPosition, s.XMetres, s.YMetres,
                                           r.HasGeoPosition, r.Latitude, r.Longitude, r.HasLocalPosition, r.XMetres, r.YMetres);
            if (d >= 0)
            {
                double effective = d - policy.TravelToleranceMetres;
                double maxSpeed = d > policy.TravelLongDistanceMetres ? policy.TravelMaxLongDistanceMetresPerSecond : policy.TravelMaxMetresPerSecond;
                if (effective > 0 && effective / elapsed > maxSpeed)
                {
                    return ReasonCode.ImpossibleTravel;
                }
            }
            return ReasonCode.Granted;
        }
    }
}
