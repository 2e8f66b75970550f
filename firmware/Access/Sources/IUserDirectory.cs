namespace DoorController.Access
{
    /// <summary>Users by id (Fig 3A attribute information).</summary>
    public interface IUserDirectory
    {
        /// <summary>
        /// The user, or null. A cache-backed implementation may return the same instance for every call, so
        /// read what you need before the next call.
        /// </summary>
        User Find(int userId);
    }
}
