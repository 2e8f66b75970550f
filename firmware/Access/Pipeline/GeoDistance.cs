using System;

namespace DoorController.Access
{
    /// <summary>Distances between positions given as site metres or WGS-84 degrees.</summary>
    public static class GeoDistance
    {
        /// <summary>Mean Earth radius (IUGG), metres.</summary>
        public const double EarthRadiusMetres = 6371008.8;
        public const double Unknown = -1;

        /// <summary>Great-circle (haversine) distance in metres.</summary>
        public static double Haversine(double lat1, double lon1, double lat2, double lon2)
        {
            double toRad = Math.PI / 180.0;
            double dLat = (lat2 - lat1) * toRad;
            double dLon = (lon2 - lon1) * toRad;
            double s1 = Math.Sin(dLat / 2);
            double s2 = Math.Sin(dLon / 2);
            double a = s1 * s1 + Math.Cos(lat1 * toRad) * Math.Cos(lat2 * toRad) * s2 * s2;
            if (a > 1)
            {
                a = 1;
            }
            return 2 * EarthRadiusMetres * Math.Asin(Math.Sqrt(a));
        }

        /// <summary>
        /// Distance in metres between two positions; geographic when both have lat/lon, otherwise site metres when
        /// both have them, otherwise <see cref="Unknown"/>.
        /// </summary>
        public static double Between(bool aGeo, double aLat, double aLon, bool aLocal, double aX, double aY,
                                     bool bGeo, double bLat, double bLon, bool bLocal, double bX, double bY)
        {
            if (aGeo && bGeo)
            {
                return Haversine(aLat, aLon, bLat, bLon);
            }
            if (aLocal && bLocal)
            {
                double dx = aX - bX;
                double dy = aY - bY;
                return Math.Sqrt(dx * dx + dy * dy);
            }
            return Unknown;
        }
    }
}
