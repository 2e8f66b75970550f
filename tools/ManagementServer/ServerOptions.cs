using System;
using System.IO;

namespace DoorController.Server
{
    /// <summary>Command-line and environment options. Defaults: SQLite in ./data, 127.0.0.1:8080, no broker.</summary>
    public sealed class ServerOptions
    {
        public const string Usage = "usage: doorctl-server [--data DIR] [--host ADDR] [--port N] [--postgres CONNSTRING] [--mqtt HOST:PORT] [--mqtt-config FILE] "
            + "[--local-broker [ADDR:]PORT] [--broker-names NAME,...] [--admin-password PW]";

        public string DataDirectory { get; set; } = "data";
        public string Host { get; set; } = "127.0.0.1";
        public int Port { get; set; } = 8080;
        /// <summary>PostgreSQL connection string; null means SQLite in the data directory.</summary>
        public string Postgres { get; set; }
        /// <summary>Broker for decisions, events and commands ("host:port"); null runs without MQTT unless
        /// <see cref="MqttConfigFile"/>, <see cref="LocalBroker"/> or <see cref="Broker"/> names one.</summary>
        public string Mqtt { get; set; }
        /// <summary>JSON file with the broker's address, TLS trust and the server's broker identities (<see cref="Mqtt.BrokerAccess"/>).</summary>
        public string MqttConfigFile { get; set; }
        /// <summary>"[addr:]port": the server runs its own mosquitto (TLS from the site CA, dynamic security) with its
        /// state in &lt;data&gt;/broker.</summary>
        public string LocalBroker { get; set; }
        /// <summary>Host names and addresses controllers use to reach the local broker (its certificate's names).</summary>
        public string[] BrokerNames { get; set; }
        /// <summary>Set in-process (tests, demo, benchmarks): the broker and identities to use.</summary>
        public Mqtt.BrokerAccess Broker { get; set; }
        public string AdminUser { get; set; } = "admin";
        /// <summary>Password for the first admin; when null one is generated and printed once.</summary>
        public string AdminPassword { get; set; }
        public TimeProvider Time { get; set; } = TimeProvider.System;
        public bool RunRetentionJob { get; set; } = true;

        public static bool TryParse(string[] args, out ServerOptions options, out string error)
        {
            options = new ServerOptions
            {
                Postgres = Environment.GetEnvironmentVariable("DOORCTL_POSTGRES"),
                AdminPassword = Environment.GetEnvironmentVariable("DOORCTL_ADMIN_PASSWORD"),
                Mqtt = Environment.GetEnvironmentVariable("DOORCTL_MQTT"),
                MqttConfigFile = Environment.GetEnvironmentVariable("DOORCTL_MQTT_CONFIG"),
                LocalBroker = Environment.GetEnvironmentVariable("DOORCTL_LOCAL_BROKER"),
            };
            error = null;
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--data": options.DataDirectory = value; i++; break;
                    case "--host": options.Host = value; i++; break;
                    case "--postgres": options.Postgres = value; i++; break;
                    case "--mqtt": options.Mqtt = value; i++; break;
                    case "--mqtt-config": options.MqttConfigFile = value; i++; break;
                    case "--local-broker": options.LocalBroker = value; i++; break;
                    case "--broker-names": options.BrokerNames = value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); i++; break;
                    case "--admin-password": options.AdminPassword = value; i++; break;
                    case "--port":
                        int port;
                        if (!int.TryParse(value, out port) || port < 0 || port > 65535) { error = "--port needs 0-65535"; return false; }
                        options.Port = port; i++;
                        break;
                    default:
                        error = "unknown option " + args[i];
                        return false;
                }
                if (value == null) { error = args[i - 1] + " needs a value"; return false; }
            }
            options.DataDirectory = Path.GetFullPath(options.DataDirectory ?? "data");
            if (options.LocalBroker != null && (options.Mqtt != null || options.MqttConfigFile != null))
            {
                error = "--local-broker runs the server's own broker; it cannot be combined with --mqtt or --mqtt-config";
                return false;
            }
            return true;
        }
    }
}
