using System;
using System.Collections.Concurrent;
using System.Threading;
using DoorController.Contract;
using DoorController.Server.Services;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// What a controller sends besides decision requests and journal events — sync requests and results, clock
    /// requests, error reports, its retained status and last will, command results — handled on one thread of their
    /// own once the bridge has verified the MAC: each message's nonce is claimed in the database
    /// (<see cref="UpstreamGate.Claim"/>) before it is acted on, and that write stays off libmosquitto's network thread,
    /// which also carries the decision traffic. One thread, so each controller's messages are claimed in the order
    /// they arrived.
    /// </summary>
    public sealed class UpstreamMessages : IDisposable
    {
        /// <summary>The topics (after dc/v1/dev/ID) handled here; each is also its track in wire_nonces.</summary>
        public static readonly string[] Suffixes = { "/sync/req", "/sync/result", "/clock/req", "/error", "/status", "/cmd/result" };

        /// <summary>The last will's track: signed at connect, its nonce is below the statuses of its own connection.</summary>
        private const string LastWillTrack = "status/will";

        private readonly ServerServices _s;
        private readonly UpstreamGate _gate;
        private readonly WireAudit _audit;
        private readonly Sync.BundlePublisher _bundles;
        private readonly Action<string, byte[]> _publish;
        private readonly BlockingCollection<(string Device, string Suffix, string Topic, WireKeys Keys, byte[] Payload)> _queue =
            new BlockingCollection<(string, string, string, WireKeys, byte[])>(100_000);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Thread _thread;
        private long _claimed;

        /// <param name="publish">Sends a sealed answer to a controller (the clock).</param>
        public UpstreamMessages(ServerServices services, UpstreamGate gate, WireAudit audit, Sync.BundlePublisher bundles, Action<string, byte[]> publish)
        {
            _s = services;
            _gate = gate;
            _audit = audit;
            _bundles = bundles;
            _publish = publish;
        }

        /// <summary>Messages whose nonce was claimed here since the start (tools/bench: the write rate of the guard).</summary>
        public long Claimed => Interlocked.Read(ref _claimed);

        public static bool Handles(string suffix) => Array.IndexOf(Suffixes, suffix) >= 0;

        public void Start()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "mqtt-upstream" };
            _thread.Start();
        }

        /// <summary>From the network thread, MAC verified: queued (dropped when the queue is full, as the broker would
        /// drop a QoS 0 message; QoS 1 senders repeat on their own schedule).</summary>
        public void Enqueue(string device, string suffix, string topic, WireKeys keys, byte[] payload)
        {
            if (!_queue.TryAdd((device, suffix, topic, keys, payload))) Console.Error.WriteLine("message on " + topic + " dropped: the upstream queue is full");
        }

        private void Run()
        {
            try
            {
                foreach (var m in _queue.GetConsumingEnumerable(_stop.Token))
                {
                    try
                    {
                        Handle(m.Device, m.Suffix, m.Topic, m.Keys, m.Payload);
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine("message on " + m.Topic + " from " + m.Device + " not handled: " + e.Message);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void Handle(string device, string suffix, string topic, WireKeys keys, byte[] payload)
        {
            string error = null;
            switch (suffix)
            {
                case "/sync/req":
                    if (SyncRequest.TryParse(payload, out SyncRequest request, out error) && Claim(device, topic, suffix, request.Nonce, false))
                        _bundles.OnSyncRequest(device, request);
                    break;
                case "/sync/result":
                    if (SyncResult.TryParse(payload, out SyncResult result, out error) && Claim(device, topic, suffix, result.Nonce, false))
                        _bundles.OnSyncResult(device, result);
                    break;
                case "/clock/req":
                    if (ClockRequest.TryParse(payload, out ClockRequest clockRequest, out error) && Claim(device, topic, suffix, clockRequest.Nonce, false))
                        AnswerClock(keys, clockRequest);
                    break;
                case "/error":
                    if (ErrorMessage.TryParse(payload, out ErrorMessage report, out error) && Claim(device, topic, suffix, report.Nonce, false))
                    {
                        // A controller refused a message (forged, replayed, malformed): the operator hears of it.
                        _audit.Record(WireAudit.ControllerRefusal, device, "controller " + device + " refused a message on " + report.Topic + ": " + report.Error);
                        _s.Reports.OnError(device, payload);
                    }
                    break;
                case "/status":
                    if (StatusMessage.TryParse(payload, out StatusMessage status, out error)
                        && Claim(device, topic, status.State == StatusMessage.OfflineState ? LastWillTrack : suffix, status.Nonce, true))
                        _s.Reports.OnStatus(device, payload);
                    break;
                case "/cmd/result":
                    if (CommandResult.TryParse(payload, out CommandResult commandResult, out error) && Claim(device, topic, suffix, commandResult.Nonce, true))
                        _s.Reports.OnCommandResult(device, payload);
                    break;
            }
            if (error != null) Console.Error.WriteLine("message on " + topic + " from " + device + " refused: " + error);
        }

        private bool Claim(string device, string topic, string suffix, long nonce, bool everyInstanceHears)
        {
            if (!_gate.Claim(device, topic, suffix.TrimStart('/'), nonce, everyInstanceHears)) return false;
            Interlocked.Increment(ref _claimed);
            return true;
        }

        /// <summary>The server's time for one controller, bound to the nonce it chose (docs/time.md).</summary>
        private void AnswerClock(WireKeys keys, ClockRequest request)
        {
            var clock = new ClockMessage { Nonce = request.Nonce, UtcMilliseconds = _s.Context.NowMs };
            _publish(keys.Topics.Clock, keys.Seal(keys.Topics.Clock, clock.ToJson()));
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread?.Join(3000);
        }
    }
}
