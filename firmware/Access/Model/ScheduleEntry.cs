namespace DoorController.Access
{
    /// <summary>
    /// An event in a user's schedule (Fig 7): when and where. A user authenticating far from where the schedule
    /// says they are is behaving irregularly.
    /// </summary>
    public sealed class ScheduleEntry
    {
        public long StartUnix;
        public long EndUnix;
        public string Title;
        public bool HasLocalPosition;
        public double XMetres;
        public double YMetres;
        public bool HasGeoPosition;
        public double Latitude;
        public double Longitude;

        public static ScheduleEntry AtGeo(long startUnix, long endUnix, double latitude, double longitude, string title)
        {
            ScheduleEntry e = new ScheduleEntry();
            e.StartUnix = startUnix;
            e.EndUnix = endUnix;
            e.HasGeoPosition = true;
            e.Latitude = latitude;
            e.Longitude = longitude;
            e.Title = title;
            return e;
        }

        public static ScheduleEntry AtLocal(long startUnix, long endUnix, double xMetres, double yMetres, string title)
        {
            ScheduleEntry e = new ScheduleEntry();
            e.StartUnix = startUnix;
            e.EndUnix = endUnix;
            e.HasLocalPosition = true;
            e.XMetres = xMetres;
            e.YMetres = yMetres;
            e.Title = title;
            return e;
        }
    }
}
