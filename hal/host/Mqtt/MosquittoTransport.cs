using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using DoorController.Hal;

namespace DoorController.Hal.Host.Mqtt
{
    /// <summary>
    /// <see cref="IMqttTransport"/> over libmosquitto. Each Connect builds a fresh client (clean session, will set,
    /// the endpoint's username/password and TLS trust), connects, starts libmosquitto's network thread
    /// (mosquitto_loop_start) and waits for the CONNACK. Subscribe waits for the SUBACK, so a subscription the
    /// broker's ACL refuses comes back as false. When the connection drops, the callback stops libmosquitto's own
    /// reconnect loop: the link's state machine owns the reconnect policy (backoff with jitter), so there is exactly one.
    /// </summary>
    public sealed unsafe class MosquittoTransport : IMqttTransport, IDisposable
    {
        private const int SubscriptionRefused = 0x80;
        private static int _libraryReady;
        private readonly BrokerEndpoint _endpoint;
        private readonly int _keepAliveSeconds;
        private readonly int _connectTimeoutMilliseconds;
        private readonly object _gate = new object();
        private readonly ManualResetEventSlim _connack = new ManualResetEventSlim(false);
        private readonly Dictionary<int, PendingSubscription> _subscriptions = new Dictionary<int, PendingSubscription>();
        private GCHandle _self;
        private IntPtr _mosq;
        private volatile bool _connected;
        private volatile int _connackCode;
        private volatile IMqttMessageListener _listener;

        /// <exception cref="ArgumentException">The endpoint cannot be used (e.g. TLS without a CA); the message says why.</exception>
        public MosquittoTransport(BrokerEndpoint endpoint, int keepAliveSeconds = 10, int connectTimeoutMilliseconds = 3000)
        {
            string problem = endpoint.Problem();
            if (problem != null)
            {
                throw new ArgumentException(problem);
            }
            _endpoint = endpoint;
            _keepAliveSeconds = keepAliveSeconds;
            _connectTimeoutMilliseconds = connectTimeoutMilliseconds;
            _self = GCHandle.Alloc(this);
            if (Interlocked.Exchange(ref _libraryReady, 1) == 0)
            {
                MosquittoNative.mosquitto_lib_init();
            }
        }

        public bool IsConnected => _connected;

        public BrokerEndpoint Endpoint => _endpoint;

        /// <summary>Why the last Connect failed (libmosquitto's text), for logs and test messages.</summary>
        public string LastError { get; private set; } = "";

        public bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener)
        {
            lock (_gate)
            {
                TearDown();
                _listener = listener;
                _mosq = MosquittoNative.mosquitto_new(clientId, true, GCHandle.ToIntPtr(_self));
                if (_mosq == IntPtr.Zero)
                {
                    LastError = "mosquitto_new failed";
                    return false;
                }
                MosquittoNative.mosquitto_connect_callback_set(_mosq, &OnConnect);
                MosquittoNative.mosquitto_disconnect_callback_set(_mosq, &OnDisconnect);
                MosquittoNative.mosquitto_message_callback_set(_mosq, &OnMessage);
                MosquittoNative.mosquitto_subscribe_callback_set(_mosq, &OnSubscribe);
                MosquittoNative.mosquitto_max_inflight_messages_set(_mosq, 32);
                if (willTopic != null)
                {
                    MosquittoNative.mosquitto_will_set(_mosq, willTopic, willPayload.Length, willPayload, 1, true);
                }
                string problem = MosquittoClientSetup.Apply(_mosq, _endpoint);
                if (problem != null)
                {
                    LastError = problem;
                    TearDown();
                    return false;
                }
                _connack.Reset();
                _connackCode = -1;
                int rc = MosquittoClientSetup.Connect(_mosq, _endpoint, _keepAliveSeconds);
                if (rc != MosquittoNative.Success)
                {
                    LastError = "connect: " + MosquittoNative.Describe(rc);
                    TearDown();
                    return false;
                }
                MosquittoNative.mosquitto_loop_start(_mosq);
                if (!_connack.Wait(_connectTimeoutMilliseconds) || !_connected)
                {
                    int code = _connackCode;
                    LastError = code > 0 ? "the broker refused the connection: " + MosquittoNative.DescribeConnack(code)
                        : "no CONNACK within " + _connectTimeoutMilliseconds + " ms (TLS or network failure, or the broker closed the connection)";
                    TearDown();
                    return false;
                }
                LastError = "";
                return true;
            }
        }

        /// <summary>Subscribes and waits (at most the connect timeout) for the SUBACK; false when the broker refused it.</summary>
        public bool Subscribe(string topicFilter, int qos)
        {
            var pending = new PendingSubscription();
            int mid;
            lock (_gate)
            {
                if (!_connected) return false;
                // The SUBACK callback takes the same lock: it cannot look for the id before it is registered.
                lock (_subscriptions)
                {
                    if (MosquittoNative.mosquitto_subscribe(_mosq, &mid, topicFilter, qos) != MosquittoNative.Success) return false;
                    _subscriptions[mid] = pending;
                }
            }
            // Waited outside the gate: a message callback may publish (and take the gate) before the SUBACK is read.
            bool answered = pending.Done.Wait(_connectTimeoutMilliseconds);
            lock (_subscriptions) _subscriptions.Remove(mid);
            pending.Done.Dispose();
            if (!answered)
            {
                LastError = "no SUBACK for " + topicFilter + " within " + _connectTimeoutMilliseconds + " ms";
                return false;
            }
            if (pending.GrantedQos == SubscriptionRefused)
            {
                LastError = "the broker refused the subscription to " + topicFilter;
                return false;
            }
            return true;
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain)
        {
            lock (_gate)
            {
                return _connected && MosquittoNative.mosquitto_publish(_mosq, IntPtr.Zero, topic, payload.Length, payload, qos, retain) == MosquittoNative.Success;
            }
        }

        public void Disconnect()
        {
            lock (_gate)
            {
                TearDown();
            }
        }

        public void Dispose()
        {
            Disconnect();
            if (_self.IsAllocated)
            {
                _self.Free();
            }
            _connack.Dispose();
        }

        private void TearDown()
        {
            _connected = false;
            if (_mosq == IntPtr.Zero)
            {
                return;
            }
            MosquittoNative.mosquitto_disconnect(_mosq);
            MosquittoNative.mosquitto_loop_stop(_mosq, false);
            MosquittoNative.mosquitto_destroy(_mosq);
            _mosq = IntPtr.Zero;
        }

        private static MosquittoTransport From(IntPtr userData)
        {
            return (MosquittoTransport)GCHandle.FromIntPtr(userData).Target!;
        }

        [UnmanagedCallersOnly]
        private static void OnConnect(IntPtr mosq, IntPtr userData, int rc)
        {
            try
            {
                MosquittoTransport self = From(userData);
                self._connackCode = rc;
                self._connected = rc == 0;
                self._connack.Set();
            }
            catch (Exception)
            {
                // Never let an exception unwind into native code.
            }
        }

        [UnmanagedCallersOnly]
        private static void OnDisconnect(IntPtr mosq, IntPtr userData, int rc)
        {
            try
            {
                MosquittoTransport self = From(userData);
                self._connected = false;
                self._connack.Set();
                if (rc != 0)
                {
                    // Unexpected loss: mark the client disconnecting so mosquitto_loop_forever exits instead of
                    // reconnecting on its own schedule, then tell the link.
                    MosquittoNative.mosquitto_disconnect(mosq);
                    self._listener?.OnConnectionLost();
                }
            }
            catch (Exception)
            {
            }
        }

        [UnmanagedCallersOnly]
        private static void OnSubscribe(IntPtr mosq, IntPtr userData, int mid, int qosCount, int* grantedQos)
        {
            try
            {
                MosquittoTransport self = From(userData);
                lock (self._subscriptions)
                {
                    if (self._subscriptions.TryGetValue(mid, out PendingSubscription pending))
                    {
                        pending.GrantedQos = qosCount > 0 ? grantedQos[0] : SubscriptionRefused;
                        pending.Done.Set();
                    }
                }
            }
            catch (Exception)
            {
            }
        }

        private sealed class PendingSubscription
        {
            public readonly ManualResetEventSlim Done = new ManualResetEventSlim(false);
            public int GrantedQos;
        }

        [UnmanagedCallersOnly]
        private static void OnMessage(IntPtr mosq, IntPtr userData, MosquittoNative.Message* message)
        {
            try
            {
                MosquittoTransport self = From(userData);
                string topic = Marshal.PtrToStringUTF8(message->Topic) ?? "";
                byte[] payload = new byte[message->PayloadLength];
                if (message->PayloadLength > 0)
                {
                    Marshal.Copy(message->Payload, payload, 0, message->PayloadLength);
                }
                self._listener?.OnMessage(topic, payload);
            }
            catch (Exception)
            {
            }
        }
    }
}
