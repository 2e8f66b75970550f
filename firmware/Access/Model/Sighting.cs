namespace DoorController.Access
{
    /// <summary>
    /// Where and when a user was last seen (Fig 8 behaviour information): a reader of ours, or an outside source
    /// such as a hotel door, a station gate or a payment terminal (then <see cref="ReaderId"/> is 0).
    /// </summary>
    public sealed class Sighting
    {
        public int UserId;
        public int ReaderId;
        public long AtUnix;
        public bool HasLocalPosition;
        public double XMetres;
        public double YMetres;
        public bool HasGeoPosition;
        public double Latitude;
        public double Longitude;

        /// <summary>Takes time and position from a reader (used when a grant is recorded).</summary>
        public void SetFromReader(int userId, Reader reader, long atUnix)
        {
            UserId = userId;
            ReaderId = reader.Id;
            AtUnix = atUnix;
            HasLocalPosition = reader.HasLocalPosition;
            XMetres = reader.XMetres;
            YMetres = reader.YMetres;
            HasGeoPosition = reader.HasGeoPosition;
            Latitude = reader.Latitude;
            Longitude = reader.Longitude;
        }

        public void CopyTo(Sighting target)
        {
            target.UserId = UserId;
            target.ReaderId = ReaderId;
            target.AtUnix = AtUnix;
            target.HasLocalPosition = HasLocalPosition;
            target.XMetres = XMetres;
            target.YMetres = YMetres;
            target.HasGeoPosition = HasGeoPosition;
            target.Latitude = Latitude;
            target.Longitude = Longitude;
        }
    }
}
