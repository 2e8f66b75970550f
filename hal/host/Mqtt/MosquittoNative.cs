using System;
using System.Runtime.InteropServices;

namespace DoorController.Hal.Host.Mqtt
{
    /// <summary>P/Invoke declarations for libmosquitto 2.0 (Debian libmosquitto1, soname libmosquitto.so.1).</summary>
    internal static unsafe class MosquittoNative
    {
        private const string Lib = "libmosquitto.so.1";

        public const int Success = 0;
        public const int ErrNoConn = 4;
        public const int ErrConnLost = 7;

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

        /// <summary>mosq_opt_t MOSQ_OPT_TCP_NODELAY (mosquitto.h, libmosquitto 2.0).</summary>
        public const int OptionTcpNoDelay = 11;

        [DllImport(Lib)] public static extern int mosquitto_lib_init();
        [DllImport(Lib)] public static extern IntPtr mosquitto_new([MarshalAs(UnmanagedType.LPUTF8Str)] string id, [MarshalAs(UnmanagedType.I1)] bool cleanSession, IntPtr userData);
        [DllImport(Lib)] public static extern void mosquitto_destroy(IntPtr mosq);
        [DllImport(Lib)] public static extern int mosquitto_will_set(IntPtr mosq, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int payloadLength, byte[] payload, int qos, [MarshalAs(UnmanagedType.I1)] bool retain);
        [DllImport(Lib)] public static extern int mosquitto_username_pw_set(IntPtr mosq, [MarshalAs(UnmanagedType.LPUTF8Str)] string username, [MarshalAs(UnmanagedType.LPUTF8Str)] string password);
        [DllImport(Lib)] public static extern int mosquitto_tls_set(IntPtr mosq, [MarshalAs(UnmanagedType.LPUTF8Str)] string caFile, [MarshalAs(UnmanagedType.LPUTF8Str)] string caPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string certFile, [MarshalAs(UnmanagedType.LPUTF8Str)] string keyFile, IntPtr passwordCallback);
        [DllImport(Lib)] public static extern int mosquitto_connect(IntPtr mosq, [MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port, int keepAlive);
        [DllImport(Lib)] public static extern int mosquitto_disconnect(IntPtr mosq);
        [DllImport(Lib)] public static extern int mosquitto_loop_start(IntPtr mosq);
        [DllImport(Lib)] public static extern int mosquitto_loop_stop(IntPtr mosq, [MarshalAs(UnmanagedType.I1)] bool force);
        [DllImport(Lib)] public static extern int mosquitto_publish(IntPtr mosq, IntPtr mid, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int payloadLength, byte[] payload, int qos, [MarshalAs(UnmanagedType.I1)] bool retain);
        [DllImport(Lib)] public static extern int mosquitto_subscribe(IntPtr mosq, int* mid, [MarshalAs(UnmanagedType.LPUTF8Str)] string sub, int qos);
        [DllImport(Lib)] public static extern int mosquitto_int_option(IntPtr mosq, int option, int value);
        [DllImport(Lib)] public static extern int mosquitto_max_inflight_messages_set(IntPtr mosq, uint maxInflight);
        [DllImport(Lib)] public static extern IntPtr mosquitto_strerror(int error);
        [DllImport(Lib)] public static extern IntPtr mosquitto_connack_string(int connackCode);

        [DllImport(Lib)] public static extern void mosquitto_connect_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, void> onConnect);
        [DllImport(Lib)] public static extern void mosquitto_disconnect_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, void> onDisconnect);
        [DllImport(Lib)] public static extern void mosquitto_message_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, Message*, void> onMessage);
        [DllImport(Lib)] public static extern void mosquitto_subscribe_callback_set(IntPtr mosq, delegate* unmanaged<IntPtr, IntPtr, int, int, int*, void> onSubscribe);

        public static string Describe(int rc)
        {
            return Marshal.PtrToStringUTF8(mosquitto_strerror(rc)) ?? ("error " + rc);
        }

        /// <summary>The CONNACK return code as text ("Connection Refused: not authorised." for 5).</summary>
        public static string DescribeConnack(int code)
        {
            return (Marshal.PtrToStringUTF8(mosquitto_connack_string(code)) ?? "refused") + " (CONNACK " + code + ")";
        }
    }
}
