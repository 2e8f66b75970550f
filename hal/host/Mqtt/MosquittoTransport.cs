using System;
using System.Runtime.InteropServices;
using System.Threading;
using DoorController.Hal;

namespace DoorController.Hal.Host.Mqtt
{
    /// <summary>
    /// <see cref="IMqttTransport"/> over libmosquitto. Each Connect builds a fresh client (clean session, will set),
    /// connects, starts libmosquitto's network thread (mosquitto_loop_start) and waits for the CONNACK. When the
    /// connection drops, the callback stops libmosquitto's own reconnect loop: the link's state machine owns the
    /// reconnect policy (backoff with jitter), so there is exactly one.
    /// </summary>
    public sealed unsafe class MosquittoTransport : IMqttTransport, IDisposable
    {
        private static int _libraryReady;
        private readonly string _host;
        private readonly int _port;
        private readonly string _caFile;
        private readonly int _keepAliveSeconds;
        private readonly int _connectTimeoutMilliseconds;
        private readonly object _gate = new object();
        private readonly ManualResetEventSlim _connack = new ManualResetEventSlim(false);
        private GCHandle _self;
        private IntPtr _mosq;
        private volatile bool _connected;
        private volatile IMqttMessageListener _listener;

        /// <param name="caFile">PEM CA file: when set, the connection uses TLS and verifies the broker against it.</param>
        public MosquittoTransport(string host, int port, string caFile = null, int keepAliveSeconds = 10, int connectTimeoutMilliseconds = 3000)
        {
            _host = host;
            _port = port;
            _caFile = caFile;
            _keepAliveSeconds = keepAliveSeconds;
            _connectTimeoutMilliseconds = connectTimeoutMilliseconds;
            _self = GCHandle.Alloc(this);
            if (Interlocked.Exchange(ref _libraryReady, 1) == 0)
            {
                MosquittoNative.mosquitto_lib_init();
            }
        }

        public bool IsConnected => _connected;

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
                MosquittoNative.mosquitto_max_inflight_messages_set(_mosq, 32);
                if (willTopic != null)
                {
                    MosquittoNative.mosquitto_will_set(_mosq, willTopic, willPayload.Length, willPayload, 1, true);
                }
                if (_caFile != null)
                {
                    int tls = MosquittoNative.mosquitto_tls_set(_mosq, _caFile, null, null, null, IntPtr.Zero);
                    if (tls != MosquittoNative.Success)
                    {
                        LastError = "tls_set: " + MosquittoNative.Describe(tls);
                        TearDown();
                        return false;
                    }
                }
                _connack.Reset();
                int rc = MosquittoNative.mosquitto_connect(_mosq, _host, _port, _keepAliveSeconds);
                if (rc != MosquittoNative.Success)
                {
                    LastError = "connect: " + MosquittoNative.Describe(rc);
                    TearDown();
                    return false;
                }
                MosquittoNative.mosquitto_loop_start(_mosq);
                if (!_connack.Wait(_connectTimeoutMilliseconds) || !_connected)
                {
                    LastError = "no CONNACK within " + _connectTimeoutMilliseconds + " ms";
                    TearDown();
                    return false;
                }
                LastError = "";
                return true;
            }
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            lock (_gate)
            {
                return _connected && MosquittoNative.mosquitto_subscribe(_mosq, IntPtr.Zero, topicFilter, qos) == MosquittoNative.Success;
            }
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
