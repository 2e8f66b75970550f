using System.Collections.Generic;
using DoorController.Access;

namespace DoorController.Server.Cluster
{
    /// <summary>
    /// The presence the decision core reads and moves during one batch, recording every move so the batch's
    /// transaction can write it to <c>area_presence</c>: the core moves a person in the reader's area and its parents
    /// (entry) or out of it and into the outer area (exit), and the next instance to decide for that person must see
    /// every one of those areas, not only the latest row of <c>presence</c>.
    /// </summary>
    public sealed class RecordingPresence : IPresenceStore
    {
        private readonly IPresenceStore _inner;

        public RecordingPresence(IPresenceStore inner)
        {
            _inner = inner;
        }

        /// <summary>Every move in order (user, area number, inside, Unix seconds).</summary>
        public List<(int User, int Area, bool Inside, long At)> Moves { get; } = new List<(int, int, bool, long)>();

        public bool TryGet(int userId, int areaId, out bool inside, out long atUnix) => _inner.TryGet(userId, areaId, out inside, out atUnix);

        public void Set(int userId, int areaId, bool inside, long atUnix)
        {
            _inner.Set(userId, areaId, inside, atUnix);
            Moves.Add((userId, areaId, inside, atUnix));
        }

        public void Reset(int userId) => _inner.Reset(userId);
    }
}
