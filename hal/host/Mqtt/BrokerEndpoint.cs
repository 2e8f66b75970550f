namespace DoorController.Hal.Host.Mqtt
{
    /// <summary>
    /// Where and how a host MQTT client reaches the broker: address, TLS trust (the site CA), the broker identity
    /// (username and password, checked by mosquitto's dynamic-security plugin) and, where the broker asks for one,
    /// a client certificate. TLS is an explicit choice: TLS without a CA is refused, never downgraded to plaintext.
    /// A broker on the same host may instead be reached through a Unix-domain socket (<see cref="Socket"/>): no TCP
    /// and no TLS on that hop, the socket's directory permissions decide who can connect, and the identity is still
    /// checked by the broker.
    /// </summary>
    public sealed class BrokerEndpoint
    {
        public string Host { get; set; } = "127.0.0.1";
        public int Port { get; set; }

        /// <summary>Absolute path of the broker's Unix-domain socket; when set, <see cref="Host"/> and <see cref="Port"/>
        /// are not used (libmosquitto connects to a path given as the host with port 0).</summary>
        public string Socket { get; set; }

        /// <summary>Connect with TLS and verify the broker's certificate (and host name) against <see cref="CaFile"/>.</summary>
        public bool Tls { get; set; }

        /// <summary>PEM file of the CA that signed the broker's certificate.</summary>
        public string CaFile { get; set; }

        public string Username { get; set; }
        public string Password { get; set; }

        /// <summary>PEM client certificate and its private key, for brokers that require client certificates.</summary>
        public string CertFile { get; set; }
        public string KeyFile { get; set; }

        /// <summary>A copy with another identity (same address and trust).</summary>
        public BrokerEndpoint As(string username, string password)
        {
            BrokerEndpoint copy = (BrokerEndpoint)MemberwiseClone();
            copy.Username = username;
            copy.Password = password;
            return copy;
        }

        /// <summary>Why this endpoint cannot be used, as a sentence naming the setting; null when it can.</summary>
        public string Problem()
        {
            if (Socket != null) return SocketProblem();
            if (string.IsNullOrEmpty(Host)) return "no broker host";
            if (Port < 1 || Port > 65535) return "broker port " + Port + " is out of range (1 to 65535)";
            if (Tls && string.IsNullOrEmpty(CaFile))
            {
                return "TLS is on but no CA certificate is configured: refusing to connect without verifying the broker "
                    + "(give the site CA, or choose plain MQTT explicitly)";
            }
            if (!Tls && (CertFile != null || KeyFile != null)) return "a client certificate needs TLS";
            if ((CertFile == null) != (KeyFile == null)) return "a client certificate needs its private key, and the key its certificate";
            return IdentityProblem();
        }

        private string SocketProblem()
        {
            // sockaddr_un.sun_path holds 108 bytes with the terminating zero; libmosquitto refuses longer paths.
            const int MaxSocketPath = 107;
            if (!System.IO.Path.IsPathFullyQualified(Socket)) return "broker socket " + Socket + " is not an absolute path";
            if (System.Text.Encoding.UTF8.GetByteCount(Socket) > MaxSocketPath) return "broker socket path " + Socket + " is longer than " + MaxSocketPath + " bytes";
            if (Tls || CertFile != null || KeyFile != null) return "the broker's Unix socket carries no TLS: give either a socket or TLS settings, not both";
            return IdentityProblem();
        }

        private string IdentityProblem() => Password != null && string.IsNullOrEmpty(Username) ? "a broker password needs a username" : null;

        public override string ToString()
        {
            string user = Username == null ? "" : Username + "@";
            if (Socket != null) return "mqtt+unix://" + user + Socket;
            return (Tls ? "mqtts://" : "mqtt://") + user + Host + ":" + Port;
        }
    }
}
