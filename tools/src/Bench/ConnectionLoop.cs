using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.Bench
{
    /// <summary>
    /// Some of the load generator's libmosquitto connections, driven by one thread through libmosquitto's external-loop
    /// API (ppoll over their sockets, then mosquitto_loop_read / _write / _misc) instead of one network thread per
    /// connection (<see cref="MosquittoTransport"/>). The broker sees the same TLS connections, identities and packets;
    /// what goes is most of the threads' wake-ups: one ppoll returns every connection with an answer waiting, and a
    /// request sent from an answer's callback is written in the same pass.
    /// </summary>
    internal sealed unsafe class ConnectionLoop : IDisposable
    {
        private const short PollIn = 0x1, PollOut = 0x4, PollErr = 0x8, PollHup = 0x10;
        private readonly object _gate = new object();
        private readonly Thread _thread;
        private readonly int _wake;
        private volatile PolledConnection[] _connections = Array.Empty<PolledConnection>();
        private volatile bool _stop;
        private int _loopThreadId;
        private Pacing _pacing;

        /// <summary>A fixed rate being sent by the loop's thread: request i is due at Start + i × TicksPerSend.</summary>
        private sealed class Pacing
        {
            public long Start, Total, Sent;
            public double TicksPerSend;
            public Action<long> Send;
            public readonly ManualResetEventSlim Done = new ManualResetEventSlim(false);
        }

        public ConnectionLoop()
        {
            MosquittoNative.mosquitto_lib_init();
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

        /// <summary>Calls <paramref name="send"/> with 0 … <paramref name="total"/>-1, each when it is due at
        /// <paramref name="perSecond"/> a second, on the loop's thread (which wakes every millisecond or when the next is due,
        /// and writes them at once: no pacing thread and no wake-up of the loop per request); set when the last is sent.</summary>
        public WaitHandle StartPacing(double perSecond, long total, Action<long> send)
        {
            var pacing = new Pacing { Start = Stopwatch.GetTimestamp(), Total = total, TicksPerSend = Stopwatch.Frequency / perSecond, Send = send };
            Volatile.Write(ref _pacing, pacing);
            Wake();
            return pacing.Done.WaitHandle;
        }

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
                long timeoutNs = SendDue();
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
                var timeout = new MosquittoLoopNative.TimeSpec { Seconds = timeoutNs / 1_000_000_000, Nanoseconds = timeoutNs % 1_000_000_000 };
                fixed (MosquittoLoopNative.PollFd* p = fds) MosquittoLoopNative.ppoll(p, (ulong)fds.Length, &timeout, IntPtr.Zero);
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

        /// <summary>Sends the paced requests that are due; nanoseconds until the next one (a second when none is paced).</summary>
        private long SendDue()
        {
            Pacing pacing = Volatile.Read(ref _pacing);
            if (pacing == null) return 1_000_000_000;
            long due = Math.Min(pacing.Total, (long)((Stopwatch.GetTimestamp() - pacing.Start) / pacing.TicksPerSend));
            while (pacing.Sent < due) pacing.Send(pacing.Sent++);
            if (pacing.Sent == pacing.Total)
            {
                _pacing = null;
                pacing.Done.Set();
                return 1_000_000_000;
            }
            // At least a millisecond, as a pacing thread's Sleep(1) would: at 2,000/s two requests leave per wake-up.
            double next = pacing.Start + (pacing.Sent + 1) * pacing.TicksPerSend - Stopwatch.GetTimestamp();
            return Math.Max(1_000_000, (long)(next * 1e9 / Stopwatch.Frequency));
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
