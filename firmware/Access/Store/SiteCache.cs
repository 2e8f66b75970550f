namespace DoorController.Access
{
    /// <summary>
    /// What a controller loaded from the store besides its credentials: the site config in RAM (readers, doors, areas,
    /// policies, routes, holidays, time zone) and the store's holder of the last credential found, which answers for
    /// users and permissions. <see cref="Apply"/> wires it into sources and options.
    /// </summary>
    public sealed class SiteCache
    {
        public readonly CachedSite Site = new CachedSite();
        public readonly CachedPolicies Policies = new CachedPolicies();
        public readonly CachedRoutes Routes = new CachedRoutes();
        public readonly HolidayList Holidays = new HolidayList();
        public readonly StoreHolder Holder;
        public SiteTimeZone TimeZone = new SiteTimeZone();
        /// <summary>Null when the config carries none (keep the pipeline's default).</summary>
        public AccessPolicy DefaultPolicy;

        private int _areas;
        private int _doors;
        private int _readers;
        private int _policies;
        private int _routes;
        private int _holidays;

        public SiteCache(StoreHolder holder)
        {
            Holder = holder;
        }

        public void Apply(AccessSources sources, AccessOptions options)
        {
            sources.Users = Holder;
            sources.Permissions = Holder;
            sources.Site = Site;
            sources.Policies = Policies;
            sources.Routes = Routes;
            sources.Holidays = Holidays;
            options.TimeZone = TimeZone;
            if (DefaultPolicy != null)
            {
                options.DefaultPolicy = DefaultPolicy;
            }
        }

        /// <summary>Counts one config entry of <paramref name="tag"/>; false once a kind is over its cap (<see cref="SiteCacheFormat"/>).</summary>
        internal bool Count(int tag)
        {
            switch (tag)
            {
                case SiteCacheFormat.TagArea: return ++_areas <= SiteCacheFormat.MaxAreas;
                case SiteCacheFormat.TagDoor: return ++_doors <= SiteCacheFormat.MaxDoors;
                case SiteCacheFormat.TagReader: return ++_readers <= SiteCacheFormat.MaxReaders;
                case SiteCacheFormat.TagPolicy: return ++_policies <= SiteCacheFormat.MaxPolicies;
                case SiteCacheFormat.TagRoute: return ++_routes <= SiteCacheFormat.MaxRoutes;
                case SiteCacheFormat.TagHoliday: return ++_holidays <= SiteCacheFormat.MaxHolidays;
                default: return true;
            }
        }
    }
}
