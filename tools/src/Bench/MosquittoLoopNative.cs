using System;
using System.Runtime.InteropServices;

namespace DoorController.Bench
{
    /// <summary>What <see cref="ConnectionLoop"/> calls beside the host transport's declarations (MosquittoNative):
    /// libmosquitto 2.0's external-loop functions (mosquitto_socket, mosquitto_loop_read / _write / _misc,
    /// mosquitto_want_write, mosquitto_threaded_set), and libc's ppoll and eventfd.</summary>
    internal static unsafe class MosquittoLoopNative
    {
        private const string Lib = "libmosquitto.so.1";
        public const int EventFdNonBlock = 0x800;

        /// <summary>struct pollfd.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport(Lib)] public static extern int mosquitto_threaded_set(IntPtr mosq, [MarshalAs(UnmanagedType.I1)] bool threaded);
        [DllImport(Lib)] public static extern int mosquitto_socket(IntPtr mosq);
        [DllImport(Lib)] public static extern int mosquitto_loop_read(IntPtr mosq, int maxPackets);
        [DllImport(Lib)] public static extern int mosquitto_loop_write(IntPtr mosq, int maxPackets);
        [DllImport(Lib)] public static extern int mosquitto_loop_misc(IntPtr mosq);
        [DllImport(Lib)] [return: MarshalAs(UnmanagedType.I1)] public static extern bool mosquitto_want_write(IntPtr mosq);

        /// <summary>struct timespec (ppoll's timeout; NetworkBench's clock_gettime).</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = true)] public static extern int ppoll(PollFd* fds, ulong count, TimeSpec* timeout, IntPtr signalMask);
        [DllImport("libc", SetLastError = true)] public static extern int eventfd(uint initial, int flags);
        [DllImport("libc", SetLastError = true)] public static extern long read(int fd, void* buffer, ulong count);
        [DllImport("libc", SetLastError = true)] public static extern long write(int fd, void* buffer, ulong count);
        [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
    }
}
