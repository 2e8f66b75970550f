using System.Collections.Concurrent;
using DoorController.Contract;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Each registered controller's message keys (<see cref="WireKeys"/>, derived from its device key), cached: a
    /// decision request is verified without a database read. A revoked controller has no keys here: whoever kept its
    /// device key (a stolen board) is refused like a stranger. An id that is not registered is remembered as such
    /// (bounded), so a flood of messages for made-up devices costs no query per message; registering or revoking a
    /// controller forgets what was cached for it.
    /// </summary>
    public sealed class DeviceKeyring
    {
        private const int MaxRemembered = 100_000;
        private static readonly WireKeys Unknown = new WireKeys(new byte[32], new LinkTopics("unknown"));
        private readonly ServerContext _ctx;
        private readonly ConcurrentDictionary<string, WireKeys> _keys = new ConcurrentDictionary<string, WireKeys>();

        public DeviceKeyring(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>The controller's keys, or null when no controller in service has this id.</summary>
        public WireKeys Find(string deviceId)
        {
            if (!_keys.TryGetValue(deviceId, out WireKeys keys))
            {
                if (_keys.Count >= MaxRemembered) _keys.Clear();
                keys = _keys.GetOrAdd(deviceId, Load);
            }
            return ReferenceEquals(keys, Unknown) ? null : keys;
        }

        /// <summary>A controller was registered (its id may have been asked for before) or revoked.</summary>
        public void Forget(string deviceId)
        {
            _keys.TryRemove(deviceId, out _);
        }

        private WireKeys Load(string deviceId)
        {
            var row = _ctx.Db.QuerySingle("SELECT device_key FROM devices WHERE id = @d AND revoked = 0", new { d = deviceId });
            if (row == null || !_ctx.DeviceKeys.TryOpen(deviceId, row.Str("device_key"), out byte[] key)) return Unknown;
            return new WireKeys(key, new LinkTopics(deviceId), keyedPerPurpose: true);
        }
    }
}
