namespace DoorController.Hal.Host.Mqtt
{
    /// <summary>
    /// Where and how a host MQTT client reaches the broker: address, TLS trust (the site CA), the broker identity
    /// (username and password, checked by mosquitto's dynamic-security plugin) and, where the broker asks for one,
    /// a client certificate. TLS is an explicit choice: TLS without a CA is refused, never downgraded to plaintext.
    /// </summary>
    public sealed class BrokerEndpoint
    {
        public string Host { get; set; } = "127.0.0.1";
        public int Port { get; set; }

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
            if (string.IsNullOrEmpty(Host)) return "no broker host";
            if (Port < 1 || Port > 65535) return "broker port " + Port + " is out of range (1 to 65535)";
            if (Tls && string.IsNullOrEmpty(CaFile))
            {
                return "TLS is on but no CA certificate is configured: refusing to connect without verifying the broker "
                    + "(give the site CA, or choose plain MQTT explicitly)";
            }
            if (!Tls && (CertFile != null || KeyFile != null)) return "a client certificate needs TLS";
            if ((CertFile == null) != (KeyFile == null)) return "a client certificate needs its private key, and the key its certificate";
            if (Password != null && string.IsNullOrEmpty(Username)) return "a broker password needs a username";
            return null;
        }

        public override string ToString()
        {
            return (Tls ? "mqtts://" : "mqtt://") + (Username == null ? "" : Username + "@") + Host + ":" + Port;
        }
    }
}
