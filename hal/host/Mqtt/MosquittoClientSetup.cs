using System;

namespace DoorController.Hal.Host.Mqtt
{
    /// <summary>
    /// What every libmosquitto client of the project does with its <see cref="BrokerEndpoint"/> before and at connect:
    /// the broker identity, TLS trust and client certificate, TCP_NODELAY, and the address (a Unix socket path with
    /// port 0, or host and port). One place for both <see cref="MosquittoTransport"/> (libmosquitto's own network
    /// thread) and the bench's load generator (its own poll loop), so neither connects differently from the other.
    /// </summary>
    internal static class MosquittoClientSetup
    {
        /// <summary>Sets the endpoint's identity, TLS and socket options on a new client; null, or why it failed.</summary>
        public static string Apply(IntPtr mosq, BrokerEndpoint endpoint)
        {
            if (endpoint.Username != null)
            {
                MosquittoNative.mosquitto_username_pw_set(mosq, endpoint.Username, endpoint.Password);
            }
            if (endpoint.Tls)
            {
                int tls = MosquittoNative.mosquitto_tls_set(mosq, endpoint.CaFile, null, endpoint.CertFile, endpoint.KeyFile, IntPtr.Zero);
                if (tls != MosquittoNative.Success)
                {
                    return "tls_set: " + MosquittoNative.Describe(tls);
                }
            }
            // Small messages both ways on one connection: without this, Nagle holds an answer back until the
            // broker acknowledges the previous one (milliseconds per decision under load). A Unix socket has no Nagle.
            if (endpoint.Socket == null)
            {
                MosquittoNative.mosquitto_int_option(mosq, MosquittoNative.OptionTcpNoDelay, 1);
            }
            return null;
        }

        /// <summary>Starts the connection (libmosquitto's result code): to the socket path with port 0 when the endpoint
        /// names one, else to its host and port.</summary>
        public static int Connect(IntPtr mosq, BrokerEndpoint endpoint, int keepAliveSeconds)
        {
            return endpoint.Socket != null
                ? MosquittoNative.mosquitto_connect(mosq, endpoint.Socket, 0, keepAliveSeconds)
                : MosquittoNative.mosquitto_connect(mosq, endpoint.Host, endpoint.Port, keepAliveSeconds);
        }
    }
}
