using System.Collections;
using DoorController.Hal;
using DoorController.Contract;
using DoorController.Link.Time;

namespace DoorController.Link
{
    /// <summary>
    /// Online decisions with a deadline: publishes the signed request with a fresh nonce, accepts only the
    /// authenticated answer that names that request and echoes that nonce, and when the deadline passes (or the link
    /// drops) settles the ticket with the local decision marked as offline. A forged answer never reaches this class
    /// (the link verifies the MAC first) and a recorded one never matches a pending request, so only the server's
    /// answer to this very request — or the local decision — can open the door.
    /// </summary>
    public sealed class DecisionBroker
    {
        /// <summary>Requests settled locally that may still see a late answer (not reported as replays).</summary>
        private const int LateMemory = 8;

        private readonly ILocalDecider _local;
        private readonly SiteClock _siteClock;
        private readonly IClock _clock;
        private readonly ArrayList _pending = new ArrayList();
        private readonly long[] _settledLocally = new long[LateMemory];
        private int _settledNext;

        public DecisionBroker(ILocalDecider local, SiteClock siteClock, IClock clock)
        {
            _local = local;
            _siteClock = siteClock;
            _clock = clock;
        }

        public int PendingCount
        {
            get { return _pending.Count; }
        }

        /// <summary>Starts a decision: online when <paramref name="online"/>, otherwise settled locally now.</summary>
        public DecisionTicket Begin(DecisionQuery query, LinkWire wire, string topic, bool online, int timeoutMilliseconds)
        {
            long now = _clock.UptimeMilliseconds;
            long nonce = wire.NextNonce();
            DecisionTicket ticket = new DecisionTicket("q-" + nonce.ToString(), nonce, query, now + timeoutMilliseconds);
            if (online)
            {
                DecisionRequest request = new DecisionRequest();
                request.RequestId = ticket.RequestId;
                request.Nonce = nonce;
                request.Door = query.Door;
                request.Reader = query.Reader;
                request.CredentialKind = query.CredentialKind;
                request.CredentialHash = query.CredentialHash;
                request.At = _siteClock.UnixSeconds;
                request.ClockUncertain = !_siteClock.IsCertain;
                request.OtherDoorNotSecure = query.OtherDoorNotSecure;
                if (wire.Publish(topic, request.ToJson(), 0, false))
                {
                    _pending.Add(new object[] { ticket, now });
                    return ticket;
                }
            }
            SettleLocally(ticket, DecisionSource.OfflineNoLink, now, now);
            return ticket;
        }

        /// <summary>
        /// An authenticated response arrived. True when it settled a pending request. False with a null
        /// <paramref name="error"/> for a late answer to a request already settled locally (expected); false with an
        /// error for an answer that names no request of ours or the wrong nonce (a replay).
        /// </summary>
        public bool OnResponse(DecisionResponse response, out string error)
        {
            long now = _clock.UptimeMilliseconds;
            for (int i = 0; i < _pending.Count; i++)
            {
                object[] entry = (object[])_pending[i];
                DecisionTicket ticket = (DecisionTicket)entry[0];
                if (ticket.RequestId == response.RequestId)
                {
                    if (ticket.Nonce != response.Nonce)
                    {
                        error = "decision response with another request's nonce (replayed)";
                        return false;
                    }
                    _pending.RemoveAt(i);
                    LinkDecision decision = new LinkDecision(response.Granted, response.Reason, response.UnlockMilliseconds);
                    decision.Extended = response.Granted && response.Extended;
                    decision.OfficeModeMilliseconds = response.Granted ? response.OfficeModeMilliseconds : 0;
                    decision.Source = DecisionSource.Online;
                    decision.ClockUncertain = !_siteClock.IsCertain;
                    ticket.ElapsedMilliseconds = now - (long)entry[1];
                    ticket.Result = decision;
                    error = null;
                    return true;
                }
            }
            for (int i = 0; i < LateMemory; i++)
            {
                if (_settledLocally[i] != 0 && _settledLocally[i] == response.Nonce)
                {
                    _settledLocally[i] = 0;
                    error = null;
                    return false;
                }
            }
            error = "decision response for no pending request (replayed)";
            return false;
        }

        /// <summary>Settles every ticket past its deadline (or all of them when the link is gone).</summary>
        public void Expire(bool linkGone)
        {
            long now = _clock.UptimeMilliseconds;
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                object[] entry = (object[])_pending[i];
                DecisionTicket ticket = (DecisionTicket)entry[0];
                if (linkGone || now >= ticket.DeadlineUptime)
                {
                    _pending.RemoveAt(i);
                    _settledLocally[_settledNext] = ticket.Nonce;
                    _settledNext = (_settledNext + 1) % LateMemory;
                    SettleLocally(ticket, linkGone ? DecisionSource.OfflineNoLink : DecisionSource.OfflineTimeout, (long)entry[1], now);
                }
            }
        }

        private void SettleLocally(DecisionTicket ticket, DecisionSource source, long started, long now)
        {
            LinkDecision decision = null;
            try
            {
                decision = _local.DecideLocally(ticket.Query);
            }
            catch (System.Exception)
            {
                decision = null;
            }
            if (decision == null)
            {
                // Fail safe: the door stays locked when the local pipeline cannot answer.
                decision = new LinkDecision(false, "local-error", 0);
            }
            decision.Source = source;
            decision.ClockUncertain = !_siteClock.IsCertain;
            ticket.ElapsedMilliseconds = now - started;
            ticket.Result = decision;
        }
    }
}
