using System.Collections;
using DoorController.Hal;
using DoorController.Contract;
using DoorController.Link.Time;

namespace DoorController.Link
{
    /// <summary>
    /// Online decisions with a deadline: publishes the request, matches the response by request-id, and when the
    /// deadline passes (or the link drops) settles the ticket with the local decision marked as offline.
    /// </summary>
    public sealed class DecisionBroker
    {
        private readonly ILocalDecider _local;
        private readonly SiteClock _siteClock;
        private readonly IClock _clock;
        private readonly ArrayList _pending = new ArrayList();
        private readonly string _idPrefix;
        private int _nextId;

        public DecisionBroker(ILocalDecider local, SiteClock siteClock, IClock clock, string bootNonce)
        {
            _local = local;
            _siteClock = siteClock;
            _clock = clock;
            _idPrefix = "q-" + bootNonce + "-";
        }

        public int PendingCount
        {
            get { return _pending.Count; }
        }

        /// <summary>Starts a decision: online when <paramref name="transport"/> is usable, otherwise settled locally now.</summary>
        public DecisionTicket Begin(DecisionQuery query, IMqttTransport transport, string topic, bool online, int timeoutMilliseconds)
        {
            long now = _clock.UptimeMilliseconds;
            _nextId++;
            DecisionTicket ticket = new DecisionTicket(_idPrefix + _nextId.ToString(), query, now + timeoutMilliseconds);
            if (online)
            {
                DecisionRequest request = new DecisionRequest();
                request.RequestId = ticket.RequestId;
                request.Door = query.Door;
                request.Reader = query.Reader;
                request.CredentialKind = query.CredentialKind;
                request.CredentialHash = query.CredentialHash;
                request.At = _siteClock.UnixSeconds;
                request.ClockUncertain = !_siteClock.IsCertain;
                if (transport.Publish(topic, request.ToJson(), 0, false))
                {
                    _pending.Add(new object[] { ticket, now });
                    return ticket;
                }
            }
            SettleLocally(ticket, DecisionSource.OfflineNoLink, now, now);
            return ticket;
        }

        /// <summary>A response arrived. False when it matches nothing pending (late, duplicate or forged).</summary>
        public bool OnResponse(DecisionResponse response)
        {
            long now = _clock.UptimeMilliseconds;
            for (int i = 0; i < _pending.Count; i++)
            {
                object[] entry = (object[])_pending[i];
                DecisionTicket ticket = (DecisionTicket)entry[0];
                if (ticket.RequestId == response.RequestId)
                {
                    _pending.RemoveAt(i);
                    LinkDecision decision = new LinkDecision(response.Granted, response.Reason, response.UnlockMilliseconds);
                    decision.Extended = response.Granted && response.Extended;
                    decision.Source = DecisionSource.Online;
                    decision.ClockUncertain = !_siteClock.IsCertain;
                    ticket.ElapsedMilliseconds = now - (long)entry[1];
                    ticket.Result = decision;
                    return true;
                }
            }
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
