using System;
using DoorController.Contract;
using DoorController.Server.Services;

namespace DoorController.Server.Decisions
{
    /// <summary>One online decision on its way through the group-commit writer: the verified request (its nonce is
    /// stored with the batch) and the keys of the controller that sent it, then (decided before the batch on SQLite,
    /// inside the batch's transaction on PostgreSQL) the outcome and its access-log row, then the sealed answer, sent
    /// by <see cref="Done"/> only if the row was committed.</summary>
    public sealed class PendingDecision
    {
        public PendingDecision(string deviceId, DecisionRequest request, WireKeys keys, Action<PendingDecision, bool> done)
        {
            DeviceId = deviceId;
            Request = request;
            Keys = keys;
            Done = done;
        }

        public string DeviceId { get; }
        public DecisionRequest Request { get; }
        public WireKeys Keys { get; }
        /// <summary>Null until decided, and when deciding failed or the request was a replay (then it is not answered).</summary>
        public DecisionOutcome Outcome { get; set; }
        public AccessEvent Row { get; set; }
        /// <summary>The answer sealed before the batch (SQLite); null: sealed when released.</summary>
        public byte[] SealedAnswer { get; set; }
        public Action<PendingDecision, bool> Done { get; }
        /// <summary>When it reached each stage (a field: the stages write it in place).</summary>
        public DecisionTimes Times;
    }
}
