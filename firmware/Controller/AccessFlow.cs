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
    /// record, and an offline grant's local presence moves only on the opening. With a second door, a read goes to the
    /// door the server's reader record names (the first door when the reader is not in the cache).
    /// </summary>
    public sealed class AccessFlow
    {
        private readonly CredentialQueue _queue;
        private readonly OfflineCache _cache;
        private readonly OfflineDecider _local;
        private readonly LinkController _link;
        private readonly FlowDoor _first;
        private FlowDoor _second;
        private readonly EventJournal _journal;
        private readonly SiteClock _siteClock;
        private readonly AccessRequest _request = new AccessRequest();
        private readonly DecisionQuery _query = new DecisionQuery();
        private readonly AccessDecisionEvent _event = new AccessDecisionEvent();
        private readonly PassageEvent _passageEvent = new PassageEvent();
        private DecisionTicket _pending;
        // The door of the pending decision.
        private FlowDoor _at;
        private int _grants;

        public AccessFlow(CredentialQueue queue, OfflineCache cache, OfflineDecider local, LinkController link,
            DoorStateMachine door, EventJournal journal, SiteClock siteClock, int doorId)
        {
            _queue = queue;
            _cache = cache;
            _local = local;
            _link = link;
            _first = new FlowDoor(door, doorId);
            _at = _first;
            _journal = journal;
            _siteClock = siteClock;
        }

        /// <summary>The controller's second door (door2.id): reads at its readers are decided for it and granted there.</summary>
        public void AddSecondDoor(DoorStateMachine door, int doorId)
        {
            _second = new FlowDoor(door, doorId);
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
            _at = DoorFor(input.ReaderId);
            CredentialHasher hasher = _cache.Hasher;
            long now = _siteClock.UnixSeconds;
            _request.Set(input.ReaderId, input.Method, now, DecisionMode.Online, input.Direction);
            if (hasher == null || !hasher.TryHash(input.Method, input.Value, 0, input.Value.Length, _request.CredentialHash, 0))
            {
                // No site key yet (never synchronised): nothing can match; the offline decider denies and journals.
                Array.Clear(_request.CredentialHash, 0, _request.CredentialHash.Length);
            }
            _query.Door = _at.Id;
            _query.Reader = input.ReaderId;
            _query.CredentialKind = WireNames.Method(input.Method);
            _query.CredentialHash = Hex.Encode(_request.CredentialHash);
            // Interlock: the other door's state goes into the request, so the one decision core refuses with its reason.
            _request.OtherDoorNotSecure = _at.Machine.InterlockHolds;
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
            FlowDoor at = _at;
            DoorStateMachine door = at.Machine;
            if (result.Granted)
            {
                Granted++;
                _grants++;
                // The door cancels the previous grant (reported unused); its outcome is settled here, before the new one.
                Settle(at.Grant, false);
                opened = door.Grant(_grants, (int)result.UnlockMilliseconds, result.Extended);
                if (opened && result.OfficeModeMilliseconds > 0)
                {
                    door.HoldForOfficeMode(result.OfficeModeMilliseconds); // first-person-in: journalled by the door
                }
            }
            else
            {
                door.Deny();
            }
            FillEvent(online, ticket.RequestId, result);
            long recorded = _journal.Append(EventType.AccessDecision, _event, result.ClockUncertain ? RecordFlags.ClockUncertain : RecordFlags.None);
            if (result.Granted && HasContact(at))
            {
                AwaitDoor(at, online, recorded, opened);
            }
            LastOutcome = (result.Granted ? "granted" : "denied") + " (" + result.Reason + ", " + (online ? "online" : "offline") + ")"
                + (result.Granted && !opened ? (door.Mode == DoorMode.Lockdown ? " but the door is in lockdown" : " but the interlocked door is open") : "");
        }

        /// <summary>The door the server's reader record puts the reader at; the first door for a reader it does not know.</summary>
        private FlowDoor DoorFor(int readerId)
        {
            return _second != null && _cache.DoorOfReader(readerId) == _second.Id ? _second : _first;
        }

        /// <summary>Whether the door's record (from the server, with the cache) says it has a door contact.</summary>
        private bool HasContact(FlowDoor at)
        {
            DoorInfo door = _cache.DoorRecord(at.Id);
            return door != null && door.HasDoorContact;
        }

        private void AwaitDoor(FlowDoor at, bool online, long recorded, bool unlocked)
        {
            at.Grant = _grants;
            at.GrantEvent = recorded;
            at.GrantRequest = _event.RequestId;
            if (online)
            {
                at.Passage.Clear(); // the server moves presence for its own decisions, on this door's report
            }
            else
            {
                at.Passage.Await(_local.Last);
            }
            if (!unlocked)
            {
                Settle(at.Grant, false); // lockdown or interlock: the door never unlocked, nobody can pass
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
            // Grant numbers are shared by both doors, so the number names the door.
            FlowDoor at = grantId == 0 ? null : grantId == _first.Grant ? _first : _second != null && grantId == _second.Grant ? _second : null;
            if (at == null)
            {
                return;
            }
            at.Grant = 0;
            AccessPipeline pipeline = _cache.Pipeline;
            if (doorOpened && pipeline != null)
            {
                pipeline.DoorOpened(at.Passage);
            }
            at.Passage.Clear();
            _passageEvent.Door = at.Id;
            _passageEvent.GrantEvent = at.GrantEvent;
            _passageEvent.RequestId = at.GrantRequest;
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
            DoorFor(input.ReaderId).Machine.ShowError();
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
