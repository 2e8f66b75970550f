namespace DoorController.Access
{
    /// <summary>Notification routes per attribute and reader (Fig 9B) in RAM.</summary>
    public sealed class InMemoryRoutes : IRouteSource
    {
        private const int AttributeSlots = 16;
        private readonly IntMap _map = new IntMap();

        public NotificationRoute Set(UserAttribute attribute, int readerId, NotificationRoute route)
        {
            _map.Put(readerId * AttributeSlots + (int)attribute, route);
            return route;
        }

        public NotificationRoute Find(UserAttribute attribute, int readerId)
        {
            return (NotificationRoute)_map.Get(readerId * AttributeSlots + (int)attribute);
        }
    }
}
