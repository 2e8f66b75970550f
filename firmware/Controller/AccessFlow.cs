using System;
using DoorController.Access;
using DoorController.Core;
using DoorController.Door;
using DoorController.Journal;
using DoorController.Link;
using DoorController.Link.Time;
using DoorController.Readers;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// One credential at a time from the reader queue to the door: hash it (the raw value never leaves here), ask
    /// the link (server decision, or the offline decision past the timeout), then grant or deny at the door and
    /// journal the outcome. Main-loop only; a read that arrives while a decision is pending waits in the queue.
    /// At a door with a contact (the server's door record) a person's grant is a passage only once the door opens
    /// (patent S116): what the door did with it is journalled as door_opened or grant_unused, linked to the grant's
    /// record, and an offline grant's local presence moves only on the opening.
    /// </summary>
    public sealed class AccessFlow
    {
        private readonly CredentialQueue _queue;
        private readonly OfflineCache _cache;
        private readonly OfflineDecider _local;
        private readonly LinkController _link;
        private readonly DoorStateMachine _door;
        private readonly EventJournal _journal;
        private readonly SiteClock _siteClock;
        private readonly int _doorId;
        private readonly AccessRequest _request = new AccessRequest();
        private readonly DecisionQuery _query = new DecisionQuery();
        private readonly AccessDecisionEvent _event = new AccessDecisionEvent();
        private readonly PassageEvent _passageEvent = new PassageEvent();
        private readonly AwaitedPassage _passage = new AwaitedPassage();
        private DecisionTicket _pending;
        private int _grants;

        // The person's grant at a door with a contact whose outcome the door has not reported yet (0: none). At most
        // one: a new grant replaces the previous one at the door.
        private int _doorGrant;
        private long _doorGrantEvent;
        private string _doorGrantRequest;

        public AccessFlow(CredentialQueue queue, OfflineCache cache, OfflineDecider local, LinkController link,
            DoorStateMachine door, EventJournal journal, SiteClock siteClock, int doorId)
        {
            _queue = queue;
            _cache = cache;
            _local = local;
            _link = link;
            _door = door;
            _journal = journal;
            _siteClock = siteClock;
            _doorId = doorId;
        }

        public int Decisions { get; private set; }
        public int Granted { get; private set; }
        public int Rejected { get; private set; }

        /// <summary>The latest finished decision, for the console and the virtual controller's log.</summary>
        public string LastOutcome { get; private set; }

        public bool Busy
        {
            get { return _pending != null; }
        }

        public void Tick()
        {
            if (_pending == null)
            {
                CredentialInput input;
                if (_queue.TryDequeue(out input))
                {
                    Begin(input);
                }
            }
            if (_pending != null && _pending.IsDone)
            {
                Finish(_pending);
                _pending = null;
            }
        }

        private void Begin(CredentialInput input)
        {
            if (!input.IsAccepted)
            {
                RejectRead(input);
                return;
            }
            CredentialHasher hasher = _cache.Hasher;
            long now = _siteClock.UnixSeconds;
            _request.Set(input.ReaderId, input.Method, now, DecisionMode.Online, input.Direction);
            if (hasher == null || !hasher.TryHash(input.Method, input.Value, 0, input.Value.Length, _request.CredentialHash, 0))
            {
                // No site key yet (never synchronised): nothing can match; the offline decider denies and journals.
                Array.Clear(_request.CredentialHash, 0, _request.CredentialHash.Length);
            }
            _query.Door = _doorId;
            _query.Reader = input.ReaderId;
            _query.CredentialKind = WireNames.Method(input.Method);
            _query.CredentialHash = Hex.Encode(_request.CredentialHash);
            // Interlock: the other door's state goes into the request, so the one decision core refuses with its reason.
            _request.OtherDoorNotSecure = _door.InterlockHolds;
            _query.OtherDoorNotSecure = _request.OtherDoorNotSecure;
            _query.LocalContext = _request;
            _pending = _link.BeginDecision(_query);
        }

        private void Finish(DecisionTicket ticket)
        {
            LinkDecision result = ticket.Result;
            bool online = result.Source == DecisionSource.Online;
            Decisions++;
            bool opened = false;
            if (result.Granted)
            {
                Granted++;
                _grants++;
                // The door cancels the previous grant (reported unused); its outcome is settled here, before the new one.
                Settle(_doorGrant, false);
                opened = _door.Grant(_grants, (int)result.UnlockMilliseconds, result.Extended);
                if (opened && result.OfficeModeMilliseconds > 0)
                {
                    _door.HoldForOfficeMode(result.OfficeModeMilliseconds); // first-person-in: journalled by the door
                }
            }
            else
            {
                _door.Deny();
            }
            FillEvent(online, ticket.RequestId, result);
            long recorded = _journal.Append(EventType.AccessDecision, _event, result.ClockUncertain ? RecordFlags.ClockUncertain : RecordFlags.None);
            if (result.Granted && DoorHasContact)
            {
                AwaitDoor(online, recorded, opened);
            }
            LastOutcome = (result.Granted ? "granted" : "denied") + " (" + result.Reason + ", " + (online ? "online" : "offline") + ")"
                + (result.Granted && !opened ? (_door.Mode == DoorMode.Lockdown ? " but the door is in lockdown" : " but the interlocked door is open") : "");
        }

        /// <summary>Whether this door's record (from the server, with the cache) says it has a door contact.</summary>
        private bool DoorHasContact
        {
            get
            {
                DoorInfo door = _cache.DoorRecord(_doorId);
                return door != null && door.HasDoorContact;
            }
        }

        private void AwaitDoor(bool online, long recorded, bool unlocked)
        {
            _doorGrant = _grants;
            _doorGrantEvent = recorded;
            _doorGrantRequest = _event.RequestId;
            if (online)
            {
                _passage.Clear(); // the server moves presence for its own decisions, on this door's report
            }
            else
            {
                _passage.Await(_local.Last);
            }
            if (!unlocked)
            {
                Settle(_doorGrant, false); // lockdown or interlock: the door never unlocked, nobody can pass
            }
        }

        /// <summary>
        /// The door reports what became of grant <paramref name="grantId"/>: opened (the person passed: an offline
        /// grant's presence moves now) or relocked unused. Reports of other grants (remote unlock, relay test, a grant
        /// already settled) are not a person's passage and are ignored.
        /// </summary>
        public void DoorReported(int grantId, bool doorOpened)
        {
            Settle(grantId, doorOpened);
        }

        private void Settle(int grantId, bool doorOpened)
        {
            if (grantId == 0 || grantId != _doorGrant)
            {
                return;
            }
            _doorGrant = 0;
            AccessPipeline pipeline = _cache.Pipeline;
            if (doorOpened && pipeline != null)
            {
                pipeline.DoorOpened(_passage);
            }
            _passage.Clear();
            _passageEvent.Door = _doorId;
            _passageEvent.GrantEvent = _doorGrantEvent;
            _passageEvent.RequestId = _doorGrantRequest;
            _journal.Append(doorOpened ? EventType.DoorOpened : EventType.GrantUnused, _passageEvent, RecordFlags.None);
        }

        private void FillEvent(bool online, string requestId, LinkDecision result)
        {
            AccessDecision local = _local.Last;
            _event.Online = online;
            _event.Allowed = result.Granted;
            ReasonCode reason;
            _event.Reason = ReasonCodes.TryParse(result.Reason, out reason) ? (int)reason : (int)ReasonCode.InternalError;
            _event.ReaderId = _request.ReaderId.ToString();
            _event.Method = (int)_request.Method;
            _event.CredentialHash = _request.CredentialHash;
            _event.ClockUncertain = result.ClockUncertain;
            if (online)
            {
                // The server logged this decision itself, with the person (its answer does not name them, and the
                // answer is sent only once that row is durable); the request id links this record to that row.
                _event.Direction = (int)_request.RequestedDirection;
                _event.Fraud = false;
                _event.PendingRetro = false;
                _event.UserId = "";
                _event.Duress = false; // the server raised the alert when it decided
                _event.RequestId = requestId;
            }
            else
            {
                _event.Direction = (int)local.Direction;
                _event.Fraud = local.Fraud;
                _event.PendingRetro = true;
                _event.UserId = local.UserId == 0 ? "" : local.UserId.ToString();
                _event.Duress = local.Duress;
                // Past the deadline the server may still have decided and logged the request: naming it lets the
                // server correct that row to what the door did instead of adding a second one.
                _event.RequestId = result.Source == DecisionSource.OfflineTimeout ? requestId : "";
            }
        }

        /// <summary>
        /// A read refused before any decision (bad parity, forged or replayed token...). Line noise is dropped
        /// silently; anything that looks like an attempt is shown at the door and journalled.
        /// </summary>
        private void RejectRead(CredentialInput input)
        {
            Rejected++;
            if (input.Outcome == ReadOutcome.Noise)
            {
                return;
            }
            _door.ShowError();
            _event.Online = false;
            _event.Allowed = false;
            _event.Reason = (int)ReasonCode.UnknownCredentialFormat;
            _event.Direction = (int)input.Direction;
            _event.Fraud = input.Outcome == ReadOutcome.Replayed || input.Outcome == ReadOutcome.BadSignature;
            _event.PendingRetro = false;
            _event.UserId = "";
            _event.Duress = false;
            _event.RequestId = "";
            _event.ReaderId = input.ReaderId.ToString();
            _event.Method = (int)input.Method;
            _event.CredentialHash = new byte[KeyedHash.CredentialHashLength];
            _event.ClockUncertain = !_siteClock.IsCertain;
            _journal.Append(EventType.AccessDecision, _event, _event.ClockUncertain ? RecordFlags.ClockUncertain : RecordFlags.None);
            LastOutcome = "read refused (" + ReadText.Of(input.Outcome) + ")";
        }
    }
}
