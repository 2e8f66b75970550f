using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.Contract;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>One MQTT connection speaking for <see cref="OnlineBench.Controllers"/>/<see cref="OnlineBench.Connections"/> controllers, signing each
    /// request and verifying each answer as a controller does (one HMAC-SHA256 each way, plus the server's two).</summary>
    internal sealed class BenchClient : IMqttMessageListener, IDisposable
    {
        private readonly MosquittoTransport _t;
        private readonly int _index;
        private readonly SiteLayout _site;
        private readonly List<int> _devices = new List<int>();
        private readonly ConcurrentDictionary<string, long> _sent = new ConcurrentDictionary<string, long>();
        private readonly ConcurrentQueue<(string Id, double Ms)> _latencies = new ConcurrentQueue<(string, double)>();
        private readonly Dictionary<string, int> _deviceOf = new Dictionary<string, int>();
        private long _seq, _answered, _granted, _echoed, _sentDecisions;

        public BenchClient(MosquittoBroker broker, int index, SiteLayout site) : this(broker, index, site, 0) { }

        /// <param name="generation">Identities are per broker: a second set of clients on one broker needs other names.</param>
        public BenchClient(MosquittoBroker broker, int index, SiteLayout site, int generation)
        {
            _index = index;
            _site = site;
            for (int d = index; d < site.Devices.Length; d += OnlineBench.Connections) _devices.Add(d);
            // One identity speaks for this connection's controllers: exactly their request and answer topics.
            var acls = new List<BrokerAcl>
            {
                new(BrokerAcl.PublishSend, "bench/echo/req/" + index),
                new(BrokerAcl.SubscribeLiteral, "bench/echo/resp/" + index), new(BrokerAcl.PublishReceive, "bench/echo/resp/" + index),
            };
            foreach (int d in _devices)
            {
                var topics = site.Keys[d].Topics;
                _deviceOf[topics.DecisionResponse] = d;
                acls.Add(new(BrokerAcl.PublishSend, topics.DecisionRequest));
                acls.Add(new(BrokerAcl.SubscribeLiteral, topics.DecisionResponse));
                acls.Add(new(BrokerAcl.PublishReceive, topics.DecisionResponse));
            }
            string who = "bench-sim-" + (generation == 0 ? "" : generation + "-") + index;
            BrokerLogin login = broker.Admin.CreateIdentity(who, who, acls, "bench simulated controllers " + index);
            _t = new MosquittoTransport(broker.Endpoint(login));
            if (!_t.Connect(login.ClientId, null, null, this)) throw new InvalidOperationException("client: " + _t.LastError);
            foreach (int d in _devices)
            {
                if (!_t.Subscribe(site.Keys[d].Topics.DecisionResponse, 0)) throw new InvalidOperationException("client: " + _t.LastError);
            }
            if (!_t.Subscribe("bench/echo/resp/" + index, 0)) throw new InvalidOperationException("client: " + _t.LastError);
            Slots = new SlotCounter(OnlineBench.InFlightPerConnection);
        }

        public SlotCounter Slots { get; }
        public long Answered => Interlocked.Read(ref _answered);
        public long Granted => Interlocked.Read(ref _granted);
        public long Echoed => Interlocked.Read(ref _echoed);
        /// <summary>Decision requests published.</summary>
        public long Sent => Interlocked.Read(ref _sentDecisions);
        public IEnumerable<double> Latencies => _latencies.Select(l => l.Ms);
        /// <summary>Round trips since the last reset, by request id.</summary>
        public IEnumerable<(string Id, double Ms)> RoundTrips => _latencies;

        public void ResetLatencies() { while (_latencies.TryDequeue(out _)) { } }

        public void RefillSlots(int to) { while (Slots.CurrentCount < to) Slots.Release(); _sent.Clear(); }

        public void SendDecision()
        {
            long n = Interlocked.Increment(ref _seq);
            int d = _devices[(int)(n % _devices.Count)];
            int u = (int)(n / _devices.Count % _site.Hashes[d].Length);
            // n grows per connection (one sender thread each), so each controller's nonces grow as the server requires.
            var request = new DecisionRequest { RequestId = _index + "-" + n, Nonce = n, Reader = _site.Readers[d], CredentialKind = "nfc", CredentialHash = _site.Hashes[d][u],
                At = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
            var keys = _site.Keys[d];
            string topic = keys.Topics.DecisionRequest;
            byte[] payload = keys.Seal(topic, request.ToJson());
            _sent[request.RequestId] = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _sentDecisions);
            _t.Publish(topic, payload, 0, false);
        }

        /// <summary>A request with credential <paramref name="hash"/> at <paramref name="reader"/> of controller
        /// <paramref name="at"/> (one of this connection's controllers).</summary>
        public void SendFor(int at, int reader, string hash)
        {
            long n = Interlocked.Increment(ref _seq);
            var request = new DecisionRequest { RequestId = _index + "-" + n, Nonce = n, Reader = reader, CredentialKind = "nfc", CredentialHash = hash,
                At = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
            var keys = _site.Keys[at];
            byte[] payload = keys.Seal(keys.Topics.DecisionRequest, request.ToJson());
            _sent[request.RequestId] = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _sentDecisions);
            _t.Publish(keys.Topics.DecisionRequest, payload, 0, false);
        }

        public void SendEcho()
        {
            string id = _index + "-" + Interlocked.Increment(ref _seq);
            _sent[id] = Stopwatch.GetTimestamp();
            _t.Publish("bench/echo/req/" + _index, Encoding.ASCII.GetBytes(id), 0, false);
        }

        public void OnMessage(string topic, byte[] payload)
        {
            string id;
            if (topic.StartsWith("bench/echo/resp/", StringComparison.Ordinal))
            {
                id = Encoding.ASCII.GetString(payload);
                Interlocked.Increment(ref _echoed);
            }
            else
            {
                if (!_site.Keys[_deviceOf[topic]].Verify(topic, payload, out _) || !DecisionResponse.TryParse(payload, out DecisionResponse r, out _)) return;
                id = r.RequestId;
                Interlocked.Increment(ref _answered);
                if (r.Granted) Interlocked.Increment(ref _granted);
            }
            if (_sent.TryRemove(id, out long t0)) _latencies.Enqueue((id, (Stopwatch.GetTimestamp() - t0) * 1000.0 / Stopwatch.Frequency));
            if (Slots.CurrentCount < OnlineBench.InFlightPerConnection) Slots.Release();
        }

        public void OnConnectionLost() { }
        public void Dispose() => _t.Dispose();
    }
}
