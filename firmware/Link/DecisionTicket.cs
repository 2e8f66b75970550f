namespace DoorController.Link
{
    /// <summary>
    /// A decision in progress. The reader loop keeps ticking the link until <see cref="IsDone"/>; the result is the
    /// server's answer or, past the deadline or without a link, the local decision.
    /// </summary>
    public sealed class DecisionTicket
    {
        internal DecisionTicket(string requestId, DecisionQuery query, long deadlineUptime)
        {
            RequestId = requestId;
            Query = query;
            DeadlineUptime = deadlineUptime;
        }

        public string RequestId { get; private set; }

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
