namespace DoorController.Access
{
    /// <summary>Notification information per attribute and reader (Fig 9B).</summary>
    public interface IRouteSource
    {
        /// <summary>The route for a fraud determination, or null when nobody is to be notified (guards).</summary>
        NotificationRoute Find(UserAttribute attribute, int readerId);
    }
}
