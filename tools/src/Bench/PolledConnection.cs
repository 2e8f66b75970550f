using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.Bench
{
    /// <summary>One libmosquitto client of a <see cref="ConnectionLoop"/>: connected and subscribed like
    /// <see cref="MosquittoTransport"/> (clean session, the endpoint applied by the same <see cref="MosquittoClientSetup"/>),
    /// but read and written by the loop's thread.</summary>
    internal sealed unsafe class PolledConnection : IMqttTransport, IDisposable
    {
        private const int WaitMilliseconds = 10000;
        private readonly ConnectionLoop _loop;
        private readonly BrokerEndpoint _endpoint;
        private readonly ManualResetEventSlim _connack = new ManualResetEventSlim(false);
        private readonly Dictionary<int, int> _subacks = new Dictionary<int, int>();
        private GCHandle _self;
        private IMqttMessageListener _listener;
        private volatile bool _open, _connected;
        private int _connackCode = -1;

        internal PolledConnection(ConnectionLoop loop, BrokerEndpoint endpoint)
        {
            _loop = loop;
            _endpoint = endpoint;
            _self = GCHandle.Alloc(this);
        }

        internal IntPtr Handle { get; private set; }

        /// <summary>Polled by the loop: connected (or connecting) and not lost.</summary>
        internal bool Open => _open;

        public bool IsConnected => _connected;

        public string LastError { get; private set; } = "";

        public bool Connect(string clientId, string willTopic, byte[] willPayload, IMqttMessageListener listener)
        {
            if (willTopic != null) throw new NotSupportedException("the load generator's connections have no last will");
            _listener = listener;
            IntPtr m = MosquittoNative.mosquitto_new(clientId, true, GCHandle.ToIntPtr(_self));
            if (m == IntPtr.Zero) return Fail("mosquitto_new failed");
            Handle = m;
            MosquittoNative.mosquitto_connect_callback_set(m, &OnConnect);
            MosquittoNative.mosquitto_message_callback_set(m, &OnMessage);
            MosquittoNative.mosquitto_subscribe_callback_set(m, &OnSubscribe);
            // Publishes come from other threads too: libmosquitto must only queue them; the loop writes.
            MosquittoLoopNative.mosquitto_threaded_set(m, true);
            string problem = MosquittoClientSetup.Apply(m, _endpoint);
            if (problem != null) return Fail(problem);
            int rc = MosquittoClientSetup.Connect(m, _endpoint, 60);
            if (rc != 0) return Fail("connect: " + MosquittoNative.Describe(rc));
            _open = true;
            _loop.Wake();
            if (!_connack.Wait(WaitMilliseconds) || !_connected) return Fail(_connackCode > 0 ? "the broker refused the connection (CONNACK " + _connackCode + ")" : "no CONNACK");
            return true;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            int mid;
            lock (_subacks)
            {
                if (MosquittoNative.mosquitto_subscribe(Handle, &mid, topicFilter, qos) != 0) return Fail("subscribe " + topicFilter);
                _subacks[mid] = -1;
            }
            _loop.Wake();
            lock (_subacks)
            {
                var until = DateTime.UtcNow.AddMilliseconds(WaitMilliseconds);
                while (_subacks[mid] == -1 && DateTime.UtcNow < until) Monitor.Wait(_subacks, 100);
                int granted = _subacks[mid];
                _subacks.Remove(mid);
                return granted >= 0 && granted < 0x80 || Fail("the broker refused or did not answer the subscription to " + topicFilter);
            }
        }

        public bool Publish(string topic, byte[] payload, int qos, bool retain)
        {
            if (!_connected || MosquittoNative.mosquitto_publish(Handle, IntPtr.Zero, topic, payload.Length, payload, qos, retain) != 0) return false;
            if (!_loop.OnLoopThread) _loop.Wake();
            return true;
        }

        /// <summary>Sends DISCONNECT (written by the loop); the client is freed when the loop ends.</summary>
        public void Disconnect()
        {
            if (Handle != IntPtr.Zero && _connected) MosquittoNative.mosquitto_disconnect(Handle);
            _connected = false;
        }

        public void Dispose() => Disconnect();

        /// <summary>On the loop thread: a libmosquitto result; anything but success means the connection is gone.</summary>
        internal void Check(int rc)
        {
            if (rc == 0) return;
            bool wasConnected = _connected;
            _open = false;
            _connected = false;
            LastError = MosquittoNative.Describe(rc);
            _connack.Set();
            if (wasConnected) _listener?.OnConnectionLost();
        }

        /// <summary>After the loop has stopped.</summary>
        internal void Destroy()
        {
            if (Handle != IntPtr.Zero) MosquittoNative.mosquitto_destroy(Handle);
            Handle = IntPtr.Zero;
            if (_self.IsAllocated) _self.Free();
            _connack.Dispose();
        }

        private bool Fail(string why)
        {
            LastError = why;
            return false;
        }

        private static PolledConnection From(IntPtr userData) => (PolledConnection)GCHandle.FromIntPtr(userData).Target!;

        [UnmanagedCallersOnly]
        private static void OnConnect(IntPtr mosq, IntPtr userData, int rc)
        {
            try
            {
                var self = From(userData);
                self._connackCode = rc;
                self._connected = rc == 0;
                self._connack.Set();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("load generator: " + e);
            }
        }

        [UnmanagedCallersOnly]
        private static void OnSubscribe(IntPtr mosq, IntPtr userData, int mid, int qosCount, int* grantedQos)
        {
            try
            {
                var self = From(userData);
                lock (self._subacks)
                {
                    if (!self._subacks.ContainsKey(mid)) return;
                    self._subacks[mid] = qosCount > 0 ? grantedQos[0] : 0x80;
                    Monitor.PulseAll(self._subacks);
                }
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("load generator: " + e);
            }
        }

        [UnmanagedCallersOnly]
        private static void OnMessage(IntPtr mosq, IntPtr userData, MosquittoNative.Message* message)
        {
            try
            {
                string topic = Marshal.PtrToStringUTF8(message->Topic) ?? "";
                byte[] payload = new byte[message->PayloadLength];
                if (message->PayloadLength > 0) Marshal.Copy(message->Payload, payload, 0, message->PayloadLength);
                From(userData)._listener?.OnMessage(topic, payload);
            }
            catch (Exception e)
            {
                // Never unwind into native code; a failure here is the bench's own and must be seen.
                Console.Error.WriteLine("load generator: " + e);
            }
        }
    }
}
