namespace DoorController.Access
{
    /// <summary>Notification routes per attribute and reader from a controller's cache (Fig 9B): their targets; names stay on the server.</summary>
    public sealed class CachedRoutes : IRouteSource
    {
        private const int AttributeSlots = 16;
        private readonly SmallTable _table = new SmallTable();

        public void Set(UserAttribute attribute, int readerId, NotificationRoute route)
        {
            _table.Put(readerId * AttributeSlots + ((int)attribute & (AttributeSlots - 1)), route);
        }

        public NotificationRoute Find(UserAttribute attribute, int readerId)
        {
            return (NotificationRoute)_table.Get(readerId * AttributeSlots + ((int)attribute & (AttributeSlots - 1)));
        }
    }
}
