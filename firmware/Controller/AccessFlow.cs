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
        private DecisionTicket _pending;
        private int _grants;

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
                opened = _door.Grant(_grants, (int)result.UnlockMilliseconds, result.Extended);
            }
            else
            {
                _door.Deny();
            }
            FillEvent(online, ticket.RequestId, result);
            _journal.Append(EventType.AccessDecision, _event, result.ClockUncertain ? RecordFlags.ClockUncertain : RecordFlags.None);
            LastOutcome = (result.Granted ? "granted" : "denied") + " (" + result.Reason + ", " + (online ? "online" : "offline") + ")"
                + (result.Granted && !opened ? " but the door is in lockdown" : "");
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
