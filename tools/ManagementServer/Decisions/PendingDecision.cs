using System;
using DoorController.Contract;
using DoorController.Server.Services;

namespace DoorController.Server.Decisions
{
    /// <summary>One online decision on its way through the group-commit writer: the request, then (decided before
    /// the batch on SQLite, inside the batch's transaction on PostgreSQL) the outcome and its access-log row, then the
    /// answer, sent by <see cref="Done"/> only if the row was committed.</summary>
    public sealed class PendingDecision
    {
        public PendingDecision(string deviceId, DecisionRequest request, Action<PendingDecision, bool> done)
        {
            DeviceId = deviceId;
            Request = request;
            Done = done;
        }

        public string DeviceId { get; }
        public DecisionRequest Request { get; }
        /// <summary>Null until decided, and when deciding failed (then it is not answered).</summary>
        public DecisionOutcome Outcome { get; set; }
        public AccessEvent Row { get; set; }
        public Action<PendingDecision, bool> Done { get; }
    }
}
