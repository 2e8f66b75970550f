using System;
using System.Runtime.InteropServices;

namespace DoorController.Bench
{
    /// <summary>What <see cref="ConnectionLoop"/> calls: libmosquitto 2.0 with its external-loop functions
    /// (mosquitto_socket, mosquitto_loop_read / _write / _misc, mosquitto_want_write, mosquitto_threaded_set), and libc's
    /// ppoll and eventfd.</summary>
    internal static unsafe class MosquittoLoopNative
    {
        private const string Lib = "libmosquitto.so.1";
        public const int OptionTcpNoDelay = 11;
        public const int EventFdNonBlock = 0x800;

        /// <summary>struct mosquitto_message from mosquitto.h.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Message
        {
            public int Mid;
            public IntPtr Topic;
            public IntPtr Payload;
            public int PayloadLength;
            public int Qos;
            public byte Retain;
        }

        /// <summary>struct pollfd.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport(Lib)] public static extern int mosquitto_lib_init();
        [DllImport(Lib)] public static extern IntPtr mosquitto_new([MarshalAs(UnmanagedType.LPUTF8Str)] string id, [MarshalAs(UnmanagedType.I1)] bool cleanSession, IntPtr userData);
        [DllImport(Lib)] public static extern void mosquitto_destroy(IntPtr mosq);
        [DllImport(Lib)] public static extern int mosquitto_threaded_set(IntPtr mosq, [MarshalAs(UnmanagedType.I1)] bool threaded);
        [DllImport(Lib)] public static extern int mosquitto_username_pw_set(IntPtr mosq, [MarshalAs(UnmanagedType.LPUTF8Str)] string username, [MarshalAs(UnmanagedType.LPUTF8Str)] string password);
        [DllImport(Lib)] public static extern int mosquitto_tls_set(IntPtr mosq, [MarshalAs(UnmanagedType.LPUTF8Str)] string caFile, [MarshalAs(UnmanagedType.LPUTF8Str)] string caPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string certFile, [MarshalAs(UnmanagedType.LPUTF8Str)] string keyFile, IntPtr passwordCallback);
        [DllImport(Lib)] public static extern int mosquitto_int_option(IntPtr mosq, int option, int value);
        [DllImport(Lib)] public static extern int mosquitto_connect(IntPtr mosq, [MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port, int keepAlive);
        [DllImport(Lib)] public static extern int mosquitto_disconnect(IntPtr mosq);
        [DllImport(Lib)] public static extern int mosquitto_publish(IntPtr mosq, IntPtr mid, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int payloadLength, byte[] payload, int qos, [MarshalAs(UnmanagedType.I1)] bool retain);
        [DllImport(Lib)] public static extern int mosquitto_subscribe(IntPtr mosq, int* mid, [MarshalAs(UnmanagedType.LPUTF8Str)] string sub, int qos);
        [DllImport(Lib)] public static extern int mosquitto_socket(IntPtr mosq);
        [DllImport(Lib)] public static extern int mosquitto_loop_read(IntPtr mosq, int maxPackets);
        [DllImport(Lib)] public static extern int mosquitto_loop_write(IntPtr mosq, int maxPackets);
        [DllImport(Lib)] public static extern int mosquitto_loop_misc(IntPtr mosq);
        [DllImport(Lib)] [return: MarshalAs(UnmanagedType.I1)] public static extern bool mosquitto_want_write(IntPtr mosq);
        [DllImport(Lib)] public static extern IntPtr mosquitto_strerror(int error);
        [DllImport(Lib)] public static extern void mosquitto_connect_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, void> onConnect);
        [DllImport(Lib)] public static extern void mosquitto_message_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, Message*, void> onMessage);
        [DllImport(Lib)] public static extern void mosquitto_subscribe_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, int, int*, void> onSubscribe);

        /// <summary>struct timespec.</summary>
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

        public static string Describe(int rc) => Marshal.PtrToStringUTF8(mosquitto_strerror(rc)) ?? ("error " + rc);
    }
}
