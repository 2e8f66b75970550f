namespace DoorController.Access
{
    /// <summary>Last sighting per user in RAM; one <see cref="Sighting"/> per user, updated in place.</summary>
    public sealed class InMemoryLastSeen : ILastSeenSource
    {
        private readonly IntMap _byUser = new IntMap();

        public bool TryGet(int userId, Sighting into)
        {
            Sighting s = (Sighting)_byUser.Get(userId);
            if (s == null)
            {
                return false;
            }
            s.CopyTo(into);
            return true;
        }

        public void Record(Sighting sighting)
        {
            Sighting s = (Sighting)_byUser.Get(sighting.UserId);
            if (s == null)
            {
                s = new Sighting();
                _byUser.Put(sighting.UserId, s);
            }
            sighting.CopyTo(s);
        }

        /// <summary>An outside sighting (hotel, station gate, payment) at a WGS-84 position.</summary>
        public void RecordExternal(int userId, long atUnix, double latitude, double longitude)
        {
            Sighting s = new Sighting();
            s.UserId = userId;
            s.AtUnix = atUnix;
            s.HasGeoPosition = true;
            s.Latitude = latitude;
            s.Longitude = longitude;
            Record(s);
        }
    }
}
