using System;
using System.Collections.Generic;
using DoorController.Access;
using DoorController.Core;
using DoorController.Contract;
using DoorController.Server.Services;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// Online decisions (S111-S117, S217-S218) with the controller's own pipeline over the server's snapshot, every
    /// check enabled: anti-passback sees every reader's history because presence is kept here for all controllers.
    /// One pipeline, one lock: a decision is microseconds, the durable write that follows is batched elsewhere.
    /// </summary>
    public sealed class OnlineDecider
    {
        public const int PresenceCapacity = 1 << 16;
        private readonly ServerContext _ctx;
        private readonly object _gate = new object();
        private InMemoryPresenceStore _presence = new InMemoryPresenceStore(PresenceCapacity);
        /// <summary>PostgreSQL: the batch's presence, recording its moves (null on SQLite).</summary>
        private Cluster.RecordingPresence _recorder;
        private readonly InMemoryLastSeen _lastSeen = new InMemoryLastSeen();
        private readonly AccessRequest _request = new AccessRequest();
        private readonly AccessDecision _decision = new AccessDecision();
        /// <summary>Card + PIN first factors, across snapshot reloads (one decision lock guards them); on PostgreSQL
        /// those of the batch's people, read under their locks (<see cref="AdoptPendingFactors"/>).</summary>
        private PendingFactors _pendingFactors = new PendingFactors(256);
        private readonly AccessOptions _options = new AccessOptions { DefaultPolicy = SitePolicy.Default() };
        private DecisionSnapshot _snapshot;
        private AccessPipeline _pipeline;
        private long _generation = -1;
        private bool _presenceLoaded;

        public OnlineDecider(ServerContext ctx)
        {
            _ctx = ctx;
        }

        public long Decisions { get; private set; }

        public DecisionOutcome Decide(string deviceId, DecisionRequest r)
        {
            // The server's clock decides: the controller's "at" is only its claim (checked by the MQTT bridge), so a
            // controller with a wrong or forged clock cannot make the server judge at another time.
            long atMs = _ctx.NowMs;
            lock (_gate)
            {
                Refresh();
                Decisions++;
                (string Device, string Reader) reader;
                if (!_snapshot.Readers.TryGetValue(r.Reader, out reader) || reader.Device != deviceId)
                {
                    return Denied("unknown-reader", null, r.CredentialKind, atMs);
                }
                CredentialMethod method = DoorController.Contract.WireNames.ParseMethod(r.CredentialKind);
                // Decoded straight into the request the core reads (hex of either case, exactly one hash long).
                if (method == 0 || r.CredentialHash == null || r.CredentialHash.Length != 2 * DoorController.Access.CredentialHasher.HashLength
                    || Convert.FromHexString(r.CredentialHash, _request.CredentialHash, out _, out _) != System.Buffers.OperationStatus.Done)
                {
                    return Denied("unknown-credential-format", reader.Reader, r.CredentialKind, atMs);
                }
                _request.Set(r.Reader, method, atMs / 1000, DecisionMode.Online, Direction.Unknown);
                _request.OtherDoorNotSecure = r.OtherDoorNotSecure; // interlock: only the controller sees its doors
                _pipeline.Decide(_request, _decision);
                return Copy(reader.Reader, atMs);
            }
        }

        /// <summary>A passage that happened — a door with a contact opened for its grant — moves presence as the core
        /// does when it decides (the area and every enclosing one); time order is the caller's job.</summary>
        public void CommitPassage(string userId, string readerId, string direction, long atMs)
        {
            lock (_gate)
            {
                Refresh();
                int user = Storage.NumericIds.Of(_ctx.Db, userId), reader = Storage.NumericIds.Of(_ctx.Db, readerId);
                Direction d = DoorController.Contract.WireNames.ParseDirection(direction);
                if (user != 0 && reader != 0 && d != Direction.Unknown) _pipeline.CommitPassage(user, reader, d, atMs / 1000);
            }
        }

        /// <summary>Amnesty: forgets where these users were last seen (Services/PresenceAmnesty has already removed
        /// their presence rows), so their next passage is judged as a first one.</summary>
        public void Forget(IReadOnlyCollection<string> userIds)
        {
            lock (_gate)
            {
                Refresh();
                foreach (string id in userIds)
                {
                    int user = Storage.NumericIds.Of(_ctx.Db, id);
                    if (user != 0) _pipeline.Amnesty(user);
                }
            }
        }

        /// <summary>The number of the user a request's credential belongs to (0: none), so the caller can take that
        /// person's lock before deciding (<see cref="Cluster.SerialisedDecisions"/>).</summary>
        public int UserOf(DecisionRequest r)
        {
            byte[] hash;
            if (!Hex.TryDecode(r.CredentialHash, out hash) || hash.Length != DoorController.Access.CredentialHasher.HashLength) return 0;
            var info = new CredentialInfo();
            lock (_gate)
            {
                Refresh();
                _snapshot.Credentials.Find(hash, 0, info);
                return info.UserId;
            }
        }

        /// <summary>Replaces what this instance remembers of <paramref name="users"/>' presence and last sighting with
        /// what was just read under their locks (another instance may have moved them since): their per-area rows
        /// (<paramref name="areaRows"/>: user_id, area, inside, updated_at) and, where newer, their <c>presence</c> row
        /// (replayed offline passages move only that one). The batch's moves are recorded (<see cref="TakeMoves"/>).</summary>
        public void AdoptPresence(IEnumerable<int> users, List<Storage.Row> presenceRows, List<Storage.Row> areaRows)
        {
            lock (_gate)
            {
                Refresh();
                // A store of just these people: the database holds everyone's presence, and clearing single users out
                // of the site-wide store (Reset) scans all of it and leaves tombstones that lengthen every probe.
                int count = 0;
                foreach (int user in users) count++;
                _presence = new InMemoryPresenceStore(Math.Max(16, count * 4));
                foreach (var a in areaRows)
                {
                    _presence.Set(Storage.NumericIds.Of(_ctx.Db, a.Str("user_id")), (int)a.Long("area"), a.Long("inside") == 1, a.Long("updated_at") / 1000);
                }
                var sighting = new Sighting();
                var newerOnly = new Cluster.NewerOnlyPresence(_presence);
                foreach (var p in presenceRows)
                {
                    int reader = p.Str("reader_id") == null ? 0 : Storage.NumericIds.Of(_ctx.Db, p.Str("reader_id"));
                    Reader r = reader == 0 ? null : _snapshot.Site.FindReader(reader);
                    if (r == null)
                    {
                        SetPresence(p, _snapshot, newerOnly: true);
                        continue;
                    }
                    // The row is a person's latest passage, and a replayed offline passage or a door that opened for
                    // its grant moves only that row: applied as the core applies a passage (the area and every
                    // enclosing one on entry; out, and into the outer area, on exit), each area only where newer —
                    // what one instance does when it replays (EventIngest) — so the building agrees with the room.
                    int user = Storage.NumericIds.Of(_ctx.Db, p.Str("user_id"));
                    long at = p.Long("updated_at") / 1000;
                    DirectionCheck.AreasOf(_snapshot.Site, r, out int area, out int outer);
                    Presence.Commit(newerOnly, _snapshot.Site, user, p.Str("state") == "inside" ? Direction.Entry : Direction.Exit, area, outer, at);
                    sighting.SetFromReader(user, r, at);
                    _lastSeen.Record(sighting);
                }
                _recorder = new Cluster.RecordingPresence(_presence);
                _pipeline.Sources.Presence = _recorder;
            }
        }

        /// <summary>PostgreSQL: the card + PIN first factors become those just read under the batch's locks
        /// (<paramref name="rows"/>: user_id, reader, is_pin, at), so a card decided by one instance pairs with a PIN
        /// decided by another; room for <paramref name="batchSize"/> new ones.</summary>
        public void AdoptPendingFactors(List<Storage.Row> rows, int batchSize)
        {
            lock (_gate)
            {
                Refresh();
                _pendingFactors = new PendingFactors(rows.Count + batchSize + 1);
                foreach (var f in rows)
                {
                    _pendingFactors.Put((int)f.Long("reader"), Storage.NumericIds.Of(_ctx.Db, f.Str("user_id")), f.Long("is_pin") == 1, f.Long("at"));
                }
                _pipeline.Sources.PendingFactors = _pendingFactors;
            }
        }

        /// <summary>The first factor this person has waiting at this reader after the batch, if any.</summary>
        public bool TryGetPendingFactor(int reader, int user, out bool isPin, out long at)
        {
            lock (_gate)
            {
                return _pendingFactors.TryGet(reader, user, out isPin, out at);
            }
        }

        /// <summary>The presence moves of the decisions since <see cref="AdoptPresence"/> (user, area, inside, Unix s).</summary>
        public List<(int User, int Area, bool Inside, long At)> TakeMoves()
        {
            lock (_gate)
            {
                return _recorder == null ? new List<(int, int, bool, long)>() : _recorder.Moves;
            }
        }

        /// <summary>Runs <paramref name="work"/> with the current snapshot under the decision lock.</summary>
        public T WithSnapshot<T>(Func<DecisionSnapshot, AccessOptions, T> work)
        {
            lock (_gate)
            {
                Refresh();
                return work(_snapshot, _options);
            }
        }

        /// <summary>Sets users' presence from the presence table (after replayed events moved it): one query per
        /// 200 users, not one per user.</summary>
        public void SyncPresence(ICollection<string> userIds)
        {
            var ids = new List<string>(userIds);
            for (int start = 0; start < ids.Count; start += 200)
            {
                var names = new List<string>();
                var args = new Dictionary<string, object>();
                for (int i = start; i < Math.Min(ids.Count, start + 200); i++)
                {
                    names.Add("@u" + (i - start));
                    args["u" + (i - start)] = ids[i];
                }
                var rows = _ctx.Db.Query("SELECT user_id, state, area_id, updated_at FROM presence WHERE user_id IN (" + string.Join(", ", names) + ")", args);
                lock (_gate)
                {
                    Refresh();
                    foreach (var p in rows) SetPresence(p, _snapshot);
                }
            }
        }

        private DecisionOutcome Copy(string readerId, long atMs)
        {
            var d = _decision;
            string userId = null;
            if (d.UserId != 0) _snapshot.UserIds.TryGetValue(d.UserId, out userId);
            // The first use of a one-time key spends it; that of a key valid after its first use starts its minutes.
            string spent = null;
            if (d.Allowed && d.FirstUse)
            {
                CredentialInfo info = new CredentialInfo();
                if (_snapshot.Credentials.Find(d.CredentialHash, 0, info) == ReasonCode.Granted) _snapshot.CredentialIds.TryGetValue(info.Index, out spent);
            }
            return new DecisionOutcome(d.Allowed, ReasonCodes.Name(d.Reason), d.Allowed ? d.UnlockMilliseconds : 0, userId, readerId,
                DoorController.Contract.WireNames.Direction(d.Direction), DoorController.Contract.WireNames.Method(d.Method), d.Fraud,
                d.Fraud ? ReasonCodes.Name(d.FraudRule) : null, spent, atMs, d.Allowed && d.ExtendedAccess, d.Allowed && d.CommitPending)
            { Duress = d.Duress, OfficeModeMilliseconds = d.Allowed ? d.OfficeModeMilliseconds : 0 };
        }

        private static DecisionOutcome Denied(string reason, string readerId, string method, long atMs)
        {
            return new DecisionOutcome(false, reason, 0, null, readerId, "unknown", method, false, null, null, atMs);
        }

        private void Refresh()
        {
            long generation = _ctx.Generation;
            if (_snapshot != null && generation == _generation) return;
            var snapshot = DecisionSnapshot.Load(_ctx.Db);
            var sources = new AccessSources
            {
                Credentials = snapshot.Credentials, Users = snapshot.Users, Site = snapshot.Site, Permissions = snapshot.Permissions,
                Presence = (IPresenceStore)_recorder ?? _presence, Policies = snapshot.Policies, LastSeen = _lastSeen, Schedule = snapshot.Schedule, Holidays = snapshot.Holidays,
                // Per snapshot: counters are indexed by credential position; spent codes leave the next snapshot.
                UseCounter = new UseCounterTable(snapshot.Credentials.Count + 1),
                KeyUses = snapshot.KeyUses,
                PendingFactors = _pendingFactors,
            };
            if (_snapshot != null) snapshot.KeepFirstUses(_snapshot);
            _options.TimeZone = snapshot.TimeZone; // the bundles built from this snapshot carry the same zone
            _pipeline = new AccessPipeline(sources, _options);
            _snapshot = snapshot;
            _generation = generation;
            if (!_presenceLoaded)
            {
                // Restart: presence comes back from the table every grant updated.
                foreach (var p in _ctx.Db.Query("SELECT user_id, state, area_id, updated_at FROM presence")) SetPresence(p, snapshot);
                _presenceLoaded = true;
            }
        }

        /// <summary>One presence row into the pipeline's presence; a row that cannot be read is left out (that person
        /// is then treated as never seen, as after a first start) and does not stop the others.</summary>
        private void SetPresence(Storage.Row p, DecisionSnapshot snapshot, bool newerOnly = false)
        {
            try
            {
                int user = Storage.NumericIds.Of(_ctx.Db, p.Str("user_id"));
                int area = p.Str("area_id") != null && snapshot.AreaNumbers.TryGetValue(p.Str("area_id"), out int a) ? a : DecisionSnapshot.SiteAreaNumber;
                long at = p.Long("updated_at") / 1000;
                if (newerOnly && _presence.TryGet(user, area, out _, out long had) && had >= at) return;
                _presence.Set(user, area, p.Str("state") == "inside", at);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                Console.Error.WriteLine("presence of " + p.Str("user_id") + " left out: " + e.Message);
            }
        }
    }
}
