using System.Collections.Concurrent;
using DoorController.Contract;
using DoorController.Server.Services;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// What every message from a controller passes before the server acts on it: the MAC under that controller's key
    /// for that topic (<see cref="Verify"/>), then the nonce above the last accepted on that topic
    /// (<see cref="Fresh"/>). Refusals are counted and alerted by <see cref="WireAudit"/>. Nonces are kept in memory;
    /// for decision requests — the messages that write history and move presence — the last accepted nonce is also
    /// stored with each committed batch (devices.request_nonce) and read back here, so a restart of the server opens
    /// no replay window. Each topic is handled by one thread, so a check and its update cannot interleave.
    /// </summary>
    public sealed class UpstreamGate
    {
        private readonly ServerServices _s;
        private readonly WireAudit _audit;
        private readonly ConcurrentDictionary<string, long> _lastNonce = new ConcurrentDictionary<string, long>();

        public UpstreamGate(ServerServices services, WireAudit audit)
        {
            _s = services;
            _audit = audit;
        }

        /// <summary>The sender's keys when the payload's MAC is right for this controller and topic; otherwise null
        /// (audited as a forgery, nothing else happens).</summary>
        public WireKeys Verify(string deviceId, string topic, byte[] payload)
        {
            WireKeys keys = _s.Keyring.Find(deviceId);
            if (keys == null)
            {
                _audit.Record(WireAudit.Forged, null, "message on " + topic + " for a controller that is not registered or was revoked");
                return null;
            }
            if (!keys.Verify(topic, payload, out string error))
            {
                _audit.Record(WireAudit.Forged, deviceId, "forged message on " + topic + " refused (" + error + ")");
                return null;
            }
            return keys;
        }

        /// <summary>True when <paramref name="nonce"/> is above every nonce accepted on this topic; otherwise the
        /// message is a replay (audited).</summary>
        public bool Fresh(string deviceId, string topic, long nonce, bool durable) => Fresh(deviceId, topic, topic, nonce, durable);

        /// <summary>
        /// For the retained status: the status and the last will are tracked apart (the will is signed at connect, so
        /// its nonce is below the statuses of its own connection), and the very message accepted last — which the
        /// broker hands again whenever the server subscribes anew — is a repeat: false, not audited, nothing changes.
        /// </summary>
        public bool FreshRetained(string deviceId, string topic, bool lastWill, long nonce)
        {
            string track = lastWill ? topic + " (last will)" : topic;
            if (_lastNonce.TryGetValue(track, out long last) && last == nonce) return false;
            return Fresh(deviceId, track, topic, nonce, false);
        }

        private bool Fresh(string deviceId, string track, string topic, long nonce, bool durable)
        {
            long last = _lastNonce.GetOrAdd(track, _ => durable ? StoredRequestNonce(deviceId) : 0);
            if (nonce <= last)
            {
                _audit.Record(WireAudit.Replayed, deviceId, "replayed message on " + topic + " refused (nonce " + nonce + ", last accepted " + last + ")");
                return false;
            }
            _lastNonce[track] = nonce;
            return true;
        }

        private long StoredRequestNonce(string deviceId)
        {
            // Several instances (PostgreSQL): the nonces accepted in the last hour are rows of request_nonces.
            var row = _s.Context.Db.QuerySingle(_s.Context.Db.Dialect == Storage.SqlDialect.Postgres
                ? "SELECT GREATEST(request_nonce, COALESCE((SELECT MAX(nonce) FROM request_nonces WHERE device_id = @d), 0)) AS request_nonce FROM devices WHERE id = @d"
                : "SELECT request_nonce FROM devices WHERE id = @d", new { d = deviceId });
            return row == null ? long.MaxValue : row.Long("request_nonce");
        }
    }
}
