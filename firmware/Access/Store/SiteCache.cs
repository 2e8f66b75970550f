namespace DoorController.Access
{
    /// <summary>
    /// What a controller loaded from the site section: everything the pipeline needs besides credentials,
    /// presence and use counts. <see cref="Apply"/> wires it into sources and options.
    /// </summary>
    public sealed class SiteCache
    {
        public readonly InMemorySite Site = new InMemorySite();
        public readonly InMemoryPermissions Permissions = new InMemoryPermissions();
        public readonly InMemoryPolicies Policies = new InMemoryPolicies();
        public readonly InMemoryRoutes Routes = new InMemoryRoutes();
        public readonly HolidayList Holidays = new HolidayList();
        public SiteTimeZone TimeZone = new SiteTimeZone();
        /// <summary>Null when the section carries none (keep the pipeline's default).</summary>
        public AccessPolicy DefaultPolicy;
        public FileUserDirectory Users;

        public void Apply(AccessSources sources, AccessOptions options)
        {
            sources.Users = Users;
            sources.Site = Site;
            sources.Permissions = Permissions;
            sources.Policies = Policies;
            sources.Routes = Routes;
            sources.Holidays = Holidays;
            options.TimeZone = TimeZone;
            if (DefaultPolicy != null)
            {
                options.DefaultPolicy = DefaultPolicy;
            }
        }
    }
}
