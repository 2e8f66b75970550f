namespace DoorController.Access
{
    /// <summary>
    /// Presence per user and area (the log management table of Fig 3B, keyed by user rather than credential, so
    /// it is shared by every reader and method). Written only when a passage is committed (door opened, or grant
    /// at a door without contact).
    /// </summary>
    public interface IPresenceStore
    {
        /// <summary>False when nothing is recorded for the user in that area.</summary>
        bool TryGet(int userId, int areaId, out bool inside, out long atUnix);

        void Set(int userId, int areaId, bool inside, long atUnix);

        /// <summary>Amnesty: forgets the presence of <paramref name="userId"/>, or of everyone when 0.</summary>
        void Reset(int userId);
    }
}
