using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.Bench
{
    /// <summary>
    /// The load generator's libmosquitto connections, all driven by one thread through libmosquitto's external-loop API
    /// (poll over their sockets, then mosquitto_loop_read / _write / _misc) instead of one network thread per
    /// connection (<see cref="MosquittoTransport"/>). The broker sees the same TLS connections, identities and packets;
    /// what goes is forty threads' wake-ups: one poll returns every connection with an answer waiting, and a request
    /// sent from an answer's callback is written in the same pass.
    /// </summary>
    internal sealed unsafe class ConnectionLoop : IDisposable
    {
        private const short PollIn = 0x1, PollOut = 0x4, PollErr = 0x8, PollHup = 0x10;
        private readonly object _gate = new object();
        private readonly Thread _thread;
        private readonly int _wake;
        private PolledConnection[] _connections = Array.Empty<PolledConnection>();
        private volatile bool _stop;
        private int _loopThreadId;

        public ConnectionLoop()
        {
            MosquittoLoopNative.mosquitto_lib_init();
            _wake = MosquittoLoopNative.eventfd(0, MosquittoLoopNative.EventFdNonBlock);
            if (_wake < 0) throw new InvalidOperationException("eventfd failed");
            _thread = new Thread(Run) { IsBackground = true, Name = "bench-mqtt-loop" };
            _thread.Start();
        }

        /// <summary>A new connection of this loop, not yet connected (<see cref="PolledConnection.Connect"/>).</summary>
        public PolledConnection Transport(BrokerEndpoint endpoint)
        {
            var c = new PolledConnection(this, endpoint);
            lock (_gate)
            {
                var grown = new PolledConnection[_connections.Length + 1];
                _connections.CopyTo(grown, 0);
                grown[^1] = c;
                _connections = grown;
            }
            return c;
        }

        /// <summary>True on the loop's own thread: a publish there is written at the end of the pass, no wake-up needed.</summary>
        internal bool OnLoopThread => Environment.CurrentManagedThreadId == _loopThreadId;

        internal void Wake()
        {
            long one = 1;
            MosquittoLoopNative.write(_wake, &one, 8);
        }

        private void Run()
        {
            _loopThreadId = Environment.CurrentManagedThreadId;
            var fds = new MosquittoLoopNative.PollFd[1];
            long lastMisc = Stopwatch.GetTimestamp();
            long drain;
            while (!_stop)
            {
                PolledConnection[] connections = _connections;
                if (fds.Length != connections.Length + 1) fds = new MosquittoLoopNative.PollFd[connections.Length + 1];
                fds[0] = new MosquittoLoopNative.PollFd { Fd = _wake, Events = PollIn };
                for (int i = 0; i < connections.Length; i++)
                {
                    var c = connections[i];
                    fds[i + 1] = !c.Open ? new MosquittoLoopNative.PollFd { Fd = -1 } : new MosquittoLoopNative.PollFd
                    {
                        Fd = MosquittoLoopNative.mosquitto_socket(c.Handle),
                        Events = (short)(PollIn | (MosquittoLoopNative.mosquitto_want_write(c.Handle) ? PollOut : 0)),
                    };
                }
                fixed (MosquittoLoopNative.PollFd* p = fds) MosquittoLoopNative.poll(p, (ulong)fds.Length, 1000);
                if ((fds[0].Revents & PollIn) != 0) MosquittoLoopNative.read(_wake, &drain, 8);
                for (int i = 0; i < connections.Length; i++)
                {
                    var c = connections[i];
                    if (!c.Open || fds[i + 1].Fd < 0) continue;
                    if ((fds[i + 1].Revents & (PollIn | PollErr | PollHup)) != 0) c.Check(MosquittoLoopNative.mosquitto_loop_read(c.Handle, 1));
                    // Requests published by the callbacks just run (or by another thread) go out in this same pass.
                    if (c.Open && MosquittoLoopNative.mosquitto_want_write(c.Handle)) c.Check(MosquittoLoopNative.mosquitto_loop_write(c.Handle, 1));
                }
                if (Stopwatch.GetElapsedTime(lastMisc).TotalSeconds >= 1)
                {
                    lastMisc = Stopwatch.GetTimestamp();
                    foreach (var c in connections) if (c.Open) c.Check(MosquittoLoopNative.mosquitto_loop_misc(c.Handle));
                }
            }
        }

        public void Dispose()
        {
            PolledConnection[] connections = _connections;
            foreach (var c in connections) c.Disconnect();
            Wake();
            Thread.Sleep(200); // the DISCONNECTs go out on the loop
            _stop = true;
            Wake();
            _thread.Join();
            foreach (var c in connections) c.Destroy();
            MosquittoLoopNative.close(_wake);
        }
    }
}
