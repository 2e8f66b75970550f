namespace DoorController.Link
{
    /// <summary>
    /// A decision in progress. The reader loop keeps ticking the link until <see cref="IsDone"/>; the result is the
    /// server's answer or, past the deadline or without a link, the local decision.
    /// </summary>
    public sealed class DecisionTicket
    {
        internal DecisionTicket(string requestId, long nonce, DecisionQuery query, long deadlineUptime)
        {
            RequestId = requestId;
            Nonce = nonce;
            Query = query;
            DeadlineUptime = deadlineUptime;
        }

        public string RequestId { get; private set; }

        /// <summary>The nonce the request carried; only an answer echoing it is accepted.</summary>
        public long Nonce { get; private set; }

        public DecisionQuery Query { get; private set; }

        internal long DeadlineUptime { get; private set; }

        public bool IsDone
        {
            get { return Result != null; }
        }

        public LinkDecision Result { get; internal set; }

        /// <summary>Milliseconds from request to result (uptime clock).</summary>
        public long ElapsedMilliseconds { get; internal set; }
    }
}
