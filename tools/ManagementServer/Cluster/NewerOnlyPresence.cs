using DoorController.Access;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// A view of a presence store whose writes land only where they are newer than what the store holds for that
    /// person and area: the core's passage rule (<see cref="Presence.Commit"/>: the area and every enclosing one)
    /// can then apply an older claim without undoing a newer move of one of those areas.
    /// </summary>
    public sealed class NewerOnlyPresence : IPresenceStore
    {
        private readonly IPresenceStore _inner;

        public NewerOnlyPresence(IPresenceStore inner)
        {
            _inner = inner;
        }

        public bool TryGet(int userId, int areaId, out bool inside, out long atUnix) => _inner.TryGet(userId, areaId, out inside, out atUnix);

        public void Set(int userId, int areaId, bool inside, long atUnix)
        {
            if (_inner.TryGet(userId, areaId, out _, out long had) && had >= atUnix) return;
            _inner.Set(userId, areaId, inside, atUnix);
        }

        public void Reset(int userId) => _inner.Reset(userId);
    }
}
