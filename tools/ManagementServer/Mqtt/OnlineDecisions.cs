using System;
using DoorController.Contract;
using DoorController.Hal.Host.Mqtt;
using DoorController.Server.Decisions;
using DoorController.Server.Services;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// Online decisions as the bridge hands them over: the request's MAC and nonce checked (<see cref="UpstreamGate"/>),
    /// decided by the decision core (here on SQLite; inside the logging transaction on PostgreSQL), logged by the
    /// group-commit writer, and answered only once its row is committed, sealed with the controller's keys.
    /// </summary>
    public sealed class OnlineDecisions
    {
        /// <summary>How far a controller's claimed time may be from the server's before the operator hears of it.</summary>
        public const long MaxClockClaimSkewMilliseconds = 60_000;
        private readonly ServerServices _s;
        private readonly UpstreamGate _gate;
        private readonly OnlineDecider _decider;
        private readonly Cluster.OnlineEventIds _eventIds;
        private readonly GroupCommitWriter _writer;
        private readonly WireAudit _audit;
        private readonly MosquittoTransport _transport;
        private readonly DecisionStages _stages = new DecisionStages();
        /// <summary><see cref="Answer"/> as the writer calls it back: one delegate, not one per decision.</summary>
        private readonly Action<PendingDecision, bool> _answer;

        public OnlineDecisions(ServerServices services, UpstreamGate gate, OnlineDecider decider, Cluster.OnlineEventIds eventIds,
            GroupCommitWriter writer, WireAudit audit, MosquittoTransport transport)
        {
            _s = services;
            _gate = gate;
            _decider = decider;
            _eventIds = eventIds;
            _writer = writer;
            _audit = audit;
            _transport = transport;
            _answer = Answer;
        }

        public DecisionStages Stages => _stages;

        /// <summary>One decision request, on libmosquitto's network thread.</summary>
        /// <param name="received">When it was received (<see cref="System.Diagnostics.Stopwatch"/> ticks).</param>
        public void Handle(string device, string requestTopic, byte[] payload, long received)
        {
            // Forged or replayed: no decision, no row, no answer (the controller decides locally at its timeout).
            WireKeys keys = _gate.Verify(device, requestTopic, payload);
            if (keys == null) return;
            if (!DecisionRequest.TryParse(payload, out DecisionRequest request, out string error))
            {
                Console.Error.WriteLine("decision request from " + device + " refused: " + error);
                return;
            }
            if (!_gate.FreshRequest(device, requestTopic, request.Nonce)) return;
            var item = new PendingDecision(device, request, keys, _answer);
            item.Times.Received = received;
            if (_s.Context.Db.Dialect != Storage.SqlDialect.Postgres && !DecideNow(item)) return;
            item.Times.Decided = System.Diagnostics.Stopwatch.GetTimestamp();
            _writer.Enqueue(item);
            _stages.NetworkThreadAllocated();
        }

        /// <summary>One instance on SQLite: decided here, logged by the writer; the answer is sealed here too, not on
        /// the group-commit thread that releases the answers (that thread is the one queue every decision passes).</summary>
        private bool DecideNow(PendingDecision item)
        {
            try
            {
                var o = _decider.Decide(item.DeviceId, item.Request);
                item.Outcome = o;
                item.Row = new AccessEvent(item.DeviceId, _eventIds.Next(), o.ReaderId, o.UserId, o.Method, o.Direction, o.Granted, o.Reason, "online", o.AtMs,
                    RequestId: item.Request.RequestId, Passage: o.Passage);
                item.SealedAnswer = SealAnswer(item);
                _s.Health.Cleared(StorageHealth.Decisions);
                return true;
            }
            catch (Exception e)
            {
                // A failing query or a row the snapshot cannot read: this request goes unanswered (the controller
                // decides from its cache) and the thread lives on for the next one.
                _s.Health.Trouble(StorageHealth.Decisions, e);
                _s.Health.Unanswered();
                return false;
            }
        }

        private static byte[] SealAnswer(PendingDecision item)
        {
            var o = item.Outcome;
            var response = new DecisionResponse
            {
                RequestId = item.Request.RequestId,
                Nonce = item.Request.Nonce,
                Granted = o.Granted,
                Reason = o.Reason,
                UnlockMilliseconds = o.UnlockMilliseconds,
                Extended = o.Extended,
                OfficeModeMilliseconds = o.OfficeModeMilliseconds,
            };
            return item.Keys.Seal(item.Keys.Topics.DecisionResponse, response.ToJson());
        }

        /// <summary>After the writer's commit: the answer, only for a decision whose row is committed.</summary>
        private void Answer(PendingDecision item, bool committed)
        {
            if (item.Outcome != null) CheckClockClaim(item.DeviceId, item.Request, item.Outcome.AtMs);
            if (!committed)
            {
                // Not logged, so not answered: the controller's timeout sends it to its own cache.
                _s.Health.Unanswered();
                return;
            }
            _transport.Publish(item.Keys.Topics.DecisionResponse, item.SealedAnswer ?? SealAnswer(item), 0, false);
            _stages.Published(item);
            _stages.WriterThreadAllocated();
        }

        /// <summary>The server decides on its own clock; a controller sure of a different time is told to the operator.</summary>
        private void CheckClockClaim(string device, DecisionRequest request, long serverMs)
        {
            long skew = request.At * 1000 - serverMs;
            if (!request.ClockUncertain && (skew > MaxClockClaimSkewMilliseconds || skew < -MaxClockClaimSkewMilliseconds))
            {
                _audit.Record(WireAudit.ClockSkew, device, "controller " + device + " claims a time " + (skew / 1000) + " s from the server's");
            }
        }
    }
}
