using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using DoorController.Contract;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>
    /// One MQTT connection speaking for every <see cref="OnlineBench.Connections"/>-th simulated controller: each
    /// request a fresh firmware-format <see cref="DecisionRequest"/> with its own request id and nonce, sealed under
    /// its controller's key; each answer verified as a controller does (MAC under the key of the controller whose topic
    /// it came on, then the request id, the nonce and the controller it was sent for).
    /// <para>
    /// What is bench rather than controller is kept cheap: a request in flight is three array cells indexed by its
    /// sequence number (no dictionary, no id string kept), round trips go into two growing lists, and in a closed loop
    /// the next request is sent from the answer's callback on the network thread: no sender thread, semaphore or
    /// wake-up per decision.
    /// </para>
    /// </summary>
    internal sealed class BenchClient : IMqttMessageListener, IDisposable
    {
        /// <summary>Sequence numbers map onto this many in-flight cells: far more than are ever outstanding.</summary>
        private const int Cells = 1 << 16;
        private const int EchoDevice = -1;
        private readonly IMqttTransport _t;
        private readonly SiteLayout _site;
        private readonly int[] _devices;
        private readonly Dictionary<string, int> _deviceOf = new Dictionary<string, int>();
        private readonly string _idPrefix, _echoRequest, _echoResponse;
        private readonly long[] _cellSequence = new long[Cells], _cellSentAt = new long[Cells];
        private readonly int[] _cellDevice = new int[Cells];
        private readonly object _sendGate = new object();
        private readonly DecisionRequest _request = new DecisionRequest { CredentialKind = "nfc" };
        private readonly List<long> _tripSequence = new List<long>(1 << 14);
        private readonly List<double> _tripMs = new List<double>(1 << 14);
        private long _seq, _answered, _granted, _echoed, _sentDecisions, _rejected;
        private volatile bool _looping, _loopEcho;

        /// <param name="transport">Not yet connected: to the broker as the identity (<see cref="Acls"/>) named <paramref name="clientId"/>.</param>
        public BenchClient(IMqttTransport transport, string clientId, int index, SiteLayout site)
        {
            Index = index;
            _site = site;
            _idPrefix = index + "-";
            _echoRequest = "bench/echo/req/" + index;
            _echoResponse = "bench/echo/resp/" + index;
            _devices = DevicesOf(index, site.Devices.Length);
            var subscriptions = new List<string> { _echoResponse };
            foreach (int d in _devices)
            {
                _deviceOf[site.Keys[d].Topics.DecisionResponse] = d;
                subscriptions.Add(site.Keys[d].Topics.DecisionResponse);
            }
            _t = transport;
            BenchConnection.Connect(transport, clientId, this, subscriptions.ToArray());
        }

        /// <summary>In one process with the broker's admin at hand (the scale benchmark): creates the identity and connects.</summary>
        public static BenchClient Open(MosquittoBroker broker, int index, SiteLayout site)
        {
            string who = IdentityName(index);
            return new BenchClient(new MosquittoTransport(BenchConnection.Identity(broker, who, Acls(index, site), "bench simulated controllers " + index)), who, index, site);
        }

        /// <summary>The broker identity (and client id) of connection <paramref name="index"/>.</summary>
        public static string IdentityName(int index) => "bench-sim-" + index;

        /// <summary>What connection <paramref name="index"/>'s identity may do: exactly its controllers' request and answer topics, and its echo topics.</summary>
        public static List<BrokerAcl> Acls(int index, SiteLayout site)
        {
            var acls = new List<BrokerAcl>
            {
                new(BrokerAcl.PublishSend, "bench/echo/req/" + index),
                new(BrokerAcl.SubscribeLiteral, "bench/echo/resp/" + index), new(BrokerAcl.PublishReceive, "bench/echo/resp/" + index),
            };
            foreach (int d in DevicesOf(index, site.Devices.Length))
            {
                var topics = site.Keys[d].Topics;
                acls.Add(new(BrokerAcl.PublishSend, topics.DecisionRequest));
                acls.Add(new(BrokerAcl.SubscribeLiteral, topics.DecisionResponse));
                acls.Add(new(BrokerAcl.PublishReceive, topics.DecisionResponse));
            }
            return acls;
        }

        private static int[] DevicesOf(int index, int devices)
        {
            var of = new List<int>();
            for (int d = index; d < devices; d += OnlineBench.Connections) of.Add(d);
            return of.ToArray();
        }

        public int Index { get; }
        public long Answered => Interlocked.Read(ref _answered);
        public long Granted => Interlocked.Read(ref _granted);
        public long Echoed => Interlocked.Read(ref _echoed);
        /// <summary>Decision requests published.</summary>
        public long Sent => Interlocked.Read(ref _sentDecisions);
        /// <summary>Answers that failed verification (MAC, request id, nonce or controller): must stay 0.</summary>
        public long Rejected => Interlocked.Read(ref _rejected);

        /// <summary>Round trips in ms since the last reset (a copy: late answers may still come in).</summary>
        public double[] Latencies()
        {
            lock (_tripMs) return _tripMs.ToArray();
        }

        /// <summary>Round trips since the last reset, by request id.</summary>
        public List<(string Id, double Ms)> RoundTrips()
        {
            var trips = new List<(string, double)>();
            lock (_tripMs)
            {
                for (int i = 0; i < _tripMs.Count; i++) trips.Add((_idPrefix + _tripSequence[i].ToString(CultureInfo.InvariantCulture), _tripMs[i]));
            }
            return trips;
        }

        public void ResetLatencies()
        {
            lock (_tripMs)
            {
                _tripSequence.Clear();
                _tripMs.Clear();
            }
        }

        /// <summary>Closed loop: <paramref name="inFlight"/> requests now, then one more for every answer, until <see cref="StopLoop"/>.</summary>
        public void StartLoop(bool echo, int inFlight)
        {
            _loopEcho = echo;
            _looping = true;
            for (int i = 0; i < inFlight; i++) SendNext(echo);
        }

        public void StopLoop() => _looping = false;

        public void SendNext(bool echo)
        {
            if (echo) SendEcho(); else SendDecision();
        }

        public void SendDecision()
        {
            lock (_sendGate)
            {
                long n = _seq + 1;
                int d = _devices[(int)(n % _devices.Length)];
                string[] hashes = _site.Hashes[d];
                SendLocked(d, _site.Readers[d], hashes[(int)(n / _devices.Length % hashes.Length)]);
            }
        }

        /// <summary>A request with credential <paramref name="hash"/> at <paramref name="reader"/> of controller
        /// <paramref name="at"/> (one of this connection's controllers).</summary>
        public void SendFor(int at, int reader, string hash)
        {
            lock (_sendGate) SendLocked(at, reader, hash);
        }

        private void SendLocked(int d, int reader, string hash)
        {
            // The sequence grows per connection, and each controller has one connection: its nonces grow as the server requires.
            long n = ++_seq;
            _request.RequestId = _idPrefix + n.ToString(CultureInfo.InvariantCulture);
            _request.Nonce = n;
            _request.Reader = reader;
            _request.CredentialHash = hash;
            _request.At = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            WireKeys keys = _site.Keys[d];
            string topic = keys.Topics.DecisionRequest;
            byte[] payload = keys.Seal(topic, _request.ToJson());
            Track(n, d);
            Interlocked.Increment(ref _sentDecisions);
            _t.Publish(topic, payload, 0, false);
        }

        public void SendEcho()
        {
            lock (_sendGate)
            {
                long n = ++_seq;
                Track(n, EchoDevice);
                _t.Publish(_echoRequest, System.Text.Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture)), 0, false);
            }
        }

        private void Track(long n, int device)
        {
            int cell = (int)(n & (Cells - 1));
            _cellDevice[cell] = device;
            _cellSentAt[cell] = Stopwatch.GetTimestamp();
            Volatile.Write(ref _cellSequence[cell], n);
        }

        /// <summary>On libmosquitto's network thread of this connection.</summary>
        public void OnMessage(string topic, byte[] payload)
        {
            long now = Stopwatch.GetTimestamp();
            long n;
            if (topic == _echoResponse)
            {
                n = long.TryParse(System.Text.Encoding.ASCII.GetString(payload), NumberStyles.None, CultureInfo.InvariantCulture, out long e) ? e : 0;
                if (Matches(n, EchoDevice)) Interlocked.Increment(ref _echoed); else n = 0;
            }
            else
            {
                n = VerifiedAnswer(topic, payload, out bool granted);
                if (n > 0)
                {
                    Interlocked.Increment(ref _answered);
                    if (granted) Interlocked.Increment(ref _granted);
                }
            }
            if (n > 0)
            {
                int cell = (int)(n & (Cells - 1));
                lock (_tripMs)
                {
                    _tripSequence.Add(n);
                    _tripMs.Add((now - _cellSentAt[cell]) * 1000.0 / Stopwatch.Frequency);
                }
                Volatile.Write(ref _cellSequence[cell], 0); // answered: a second answer to it is refused
            }
            else
            {
                Interlocked.Increment(ref _rejected);
            }
            if (_looping) SendNext(_loopEcho);
        }

        /// <summary>The answer's sequence number when its MAC is right under the key of the controller it came to, and
        /// its request id, nonce and controller are those of a request in flight; 0 otherwise.</summary>
        private long VerifiedAnswer(string topic, byte[] payload, out bool granted)
        {
            granted = false;
            if (!_deviceOf.TryGetValue(topic, out int d) || !_site.Keys[d].Verify(topic, payload, out _)
                || !DecisionResponse.TryParse(payload, out DecisionResponse r, out _)) return 0;
            string id = r.RequestId;
            if (id == null || id.Length <= _idPrefix.Length || !id.StartsWith(_idPrefix, StringComparison.Ordinal)
                || !long.TryParse(id.AsSpan(_idPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long n)
                || n != r.Nonce || !Matches(n, d)) return 0;
            granted = r.Granted;
            return n;
        }

        private bool Matches(long n, int device)
        {
            int cell = (int)(n & (Cells - 1));
            return n > 0 && Volatile.Read(ref _cellSequence[cell]) == n && _cellDevice[cell] == device;
        }

        public void OnConnectionLost() { }
        public void Dispose() => ((IDisposable)_t).Dispose();
    }
}
