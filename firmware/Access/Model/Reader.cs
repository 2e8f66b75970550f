namespace DoorController.Access
{
    /// <summary>
    /// An authentication device (Fig 3D / Fig 9A "G1", "G3"): the door it opens, how it judges direction, the two
    /// areas it connects and where it is. The more deeply nested of <see cref="FromArea"/>/<see cref="ToArea"/> is
    /// the area it controls: entering means into that area, exiting means out of it.
    /// </summary>
    public sealed class Reader
    {
        public int Id;
        /// <summary>Short label such as "G1" for displays and logs.</summary>
        public string Name;
        public int DoorId;
        /// <summary>Bit (1 &lt;&lt; method) per accepted <see cref="CredentialMethod"/>; 0 accepts every method.</summary>
        public int MethodMask;
        public ReaderUsage Usage;
        /// <summary>For <see cref="ReaderUsage.Channel"/>: methods whose reads are exits (Fig 6B: NFC tap = exit).</summary>
        public int ExitMethodMask;
        /// <summary>Area on the near side (0 = outside every area).</summary>
        public int FromArea;
        /// <summary>Area the reader lets the user into when used as designed (0 = outside).</summary>
        public int ToArea;
        /// <summary>Site-local position in metres; valid when <see cref="HasLocalPosition"/>.</summary>
        public bool HasLocalPosition;
        public double XMetres;
        public double YMetres;
        /// <summary>WGS-84 position in degrees; valid when <see cref="HasGeoPosition"/>.</summary>
        public bool HasGeoPosition;
        public double Latitude;
        public double Longitude;
        /// <summary>Credential rule: while one of these windows (site-local time) holds, this reader wants card + PIN
        /// (a PIN and any other credential of the same person, either order, within <see cref="CardAndPinSeconds"/>);
        /// at other times one credential is enough. Null or empty: always one credential.</summary>
        public TimeWindow[] CardAndPinWindows;
        /// <summary>Seconds allowed between the two factors (0 = <see cref="CredentialRuleCheck.DefaultSeconds"/>).</summary>
        public int CardAndPinSeconds;

        public static int MethodBit(CredentialMethod method)
        {
            return 1 << (int)method;
        }

        public bool Accepts(CredentialMethod method)
        {
            return MethodMask == 0 || (MethodMask & MethodBit(method)) != 0;
        }

        public Reader SetLocal(double xMetres, double yMetres)
        {
            HasLocalPosition = true;
            XMetres = xMetres;
            YMetres = yMetres;
            return this;
        }

        public Reader SetGeo(double latitude, double longitude)
        {
            HasGeoPosition = true;
            Latitude = latitude;
            Longitude = longitude;
            return this;
        }
    }
}
