using System.Collections.Concurrent;
using DoorController.Contract;
using DoorController.Server.Services;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// What every message from a controller passes before the server acts on it: the MAC under that controller's key
    /// for that topic (<see cref="Verify"/>), then a nonce above the last accepted on that topic. A controller's nonces
    /// only grow, across its reboots too (firmware/Link/LinkWire), so "above the last" refuses every copy of an earlier
    /// message. The last nonces are in the database, shared by every instance and kept across restarts:
    /// <list type="bullet">
    /// <item>decision requests (<see cref="FreshRequest"/>), the hot path: checked here against memory seeded from the
    /// database, and stored with each committed batch (GroupCommitWriter, in decision_nonces; on PostgreSQL claimed in
    /// request_nonces inside the decision's transaction, Cluster/SerialisedDecisions, above the floor devices.request_nonce);</item>
    /// <item>every other upstream track (<see cref="Claim"/>): one conditional upsert into wire_nonces whose changed row
    /// is the acceptance, made before the message is acted on.</item>
    /// </list>
    /// Refusals are counted and alerted by <see cref="WireAudit"/>.
    /// </summary>
    public sealed class UpstreamGate
    {
        /// <summary>Raises the track's stored nonce when the new one is above it (or stores the first); the affected
        /// row count says whether it did. Only for a controller in service: a revoked one's message changes nothing.</summary>
        private const string ClaimSql = "INSERT INTO wire_nonces (device_id, track, nonce, accepted_at) SELECT id, @t, @n, @now FROM devices WHERE id = @d AND revoked = 0 " +
            "ON CONFLICT (device_id, track) DO UPDATE SET nonce = excluded.nonce, accepted_at = excluded.accepted_at WHERE wire_nonces.nonce < excluded.nonce";

        /// <summary>With several instances, how long after a nonce was accepted a lower one on the same track is taken
        /// for a genuine copy that lost a race between instances (refused, not alerted) rather than a replay.</summary>
        public const long InstanceRaceMilliseconds = 5000;

        private readonly ServerServices _s;
        private readonly WireAudit _audit;
        private readonly ConcurrentDictionary<string, long> _lastRequestNonce = new ConcurrentDictionary<string, long>();
        /// <summary><see cref="StoredRequestNonce"/> as GetOrAdd takes it: made once, not once per request.</summary>
        private readonly System.Func<string, long> _storedRequestNonce;

        public UpstreamGate(ServerServices services, WireAudit audit)
        {
            _s = services;
            _audit = audit;
            _storedRequestNonce = StoredRequestNonce;
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

        /// <summary>
        /// A decision request: true when <paramref name="nonce"/> is above every request nonce this instance accepted
        /// or the database holds (read once per controller); otherwise a replay (audited). One thread handles decision
        /// requests, so a check and its update cannot interleave; another instance's copy is caught in the decision's
        /// transaction on PostgreSQL.
        /// </summary>
        public bool FreshRequest(string deviceId, string topic, long nonce)
        {
            long last = _lastRequestNonce.GetOrAdd(deviceId, _storedRequestNonce);
            if (nonce <= last)
            {
                Replayed(deviceId, topic, nonce, last);
                return false;
            }
            _lastRequestNonce[deviceId] = nonce;
            return true;
        }

        /// <summary>
        /// Any other upstream message: true when the nonce was above the last accepted on <paramref name="track"/>
        /// and is now stored as the last (whichever instance or run of the server accepted the ones before).
        /// <paramref name="everyInstanceHears"/>: a topic every instance subscribes to (status, last will, command
        /// result), so the copy of the very message accepted last — another instance took it first, or the broker
        /// hands the retained status again on a new subscription — is a repeat: false, not audited, nothing changes.
        /// On PostgreSQL a nonce below one accepted less than <see cref="InstanceRaceMilliseconds"/> ago is refused
        /// without an alert too: with several instances that is what a genuine message looks like when another
        /// instance claimed its successor first (a status it already stored; a second error report of a burst).
        /// </summary>
        public bool Claim(string deviceId, string topic, string track, long nonce, bool everyInstanceHears)
        {
            var db = _s.Context.Db;
            long now = _s.Context.NowMs;
            var args = new { d = deviceId, t = track, n = nonce, now };
            if (db.Execute(ClaimSql, args) > 0) return true;
            var row = db.QuerySingle("SELECT w.nonce, w.accepted_at FROM wire_nonces w JOIN devices v ON v.id = w.device_id AND v.revoked = 0 WHERE w.device_id = @d AND w.track = @t", args);
            if (row == null)
            {
                // Revoked between the MAC check and the claim.
                _audit.Record(WireAudit.Forged, deviceId, "message on " + topic + " from a controller revoked meanwhile refused");
                return false;
            }
            long last = row.Long("nonce");
            if (everyInstanceHears && last == nonce) return false;
            // Several instances: each hears a status or command result in the controller's order but claims at its own
            // pace, and two messages on a shared topic may reach two instances and be claimed in the other order.
            if (nonce < last && db.Dialect == Storage.SqlDialect.Postgres && now - row.Long("accepted_at") < InstanceRaceMilliseconds) return false;
            Replayed(deviceId, topic, nonce, last);
            return false;
        }

        private void Replayed(string deviceId, string topic, long nonce, long last) =>
            _audit.Record(WireAudit.Replayed, deviceId, "replayed message on " + topic + " refused (nonce " + nonce + ", last accepted " + last + ")");

        private long StoredRequestNonce(string deviceId)
        {
            // Several instances (PostgreSQL): the nonces accepted in the last hour are rows of request_nonces.
            var row = _s.Context.Db.QuerySingle(_s.Context.Db.Dialect == Storage.SqlDialect.Postgres
                ? "SELECT GREATEST(request_nonce, COALESCE((SELECT MAX(nonce) FROM request_nonces WHERE device_id = @d), 0)) AS request_nonce FROM devices WHERE id = @d"
                : "SELECT COALESCE(n.nonce, 0) AS request_nonce FROM devices v LEFT JOIN decision_nonces n ON n.device_id = v.id WHERE v.id = @d", new { d = deviceId });
            return row == null ? long.MaxValue : row.Long("request_nonce");
        }
    }
}
