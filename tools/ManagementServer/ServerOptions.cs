using System;
using System.Collections.Generic;
using System.IO;

namespace DoorController.Server
{
    /// <summary>
    /// Command-line and environment options. Defaults: SQLite in ./data, 127.0.0.1:8080, no broker. Secrets (the
    /// first admin's password, a PostgreSQL password, the master key) are taken from the environment or from a file,
    /// never from the command line, where every user of the machine can read them (ps, /proc/PID/cmdline).
    /// </summary>
    public sealed class ServerOptions
    {
        public const string Usage = "usage: doorctl-server [--data DIR] [--host ADDR] [--port N] [--postgres CONNSTRING | --postgres-file FILE] " +
            "[--mqtt HOST:PORT] [--mqtt-config FILE] [--local-broker [ADDR:]PORT] [--broker-names NAME,...] " +
            "[--admin-password-file FILE] [--master-key-file FILE] [--public-origin URL]... [--instance NAME] [--home-assistant PREFIX]\n" +
            "environment: DOORCTL_ADMIN_PASSWORD, DOORCTL_POSTGRES, DOORCTL_MASTER_KEY, DOORCTL_MASTER_KEY_FILE, DOORCTL_MQTT, " +
            "DOORCTL_MQTT_CONFIG, DOORCTL_LOCAL_BROKER, DOORCTL_PUBLIC_ORIGIN, DOORCTL_INSTANCE, DOORCTL_HOME_ASSISTANT";

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
        /// <summary>Password for the first admin; when null one is generated and written to a 0600 file.</summary>
        public string AdminPassword { get; set; }
        /// <summary>The master key as hex (DOORCTL_MASTER_KEY); null reads <see cref="MasterKeyFile"/>.</summary>
        public string MasterKeyHex { get; set; }
        /// <summary>Where the master key lives; null means <c>master.key</c> in the data directory.</summary>
        public string MasterKeyFile { get; set; }
        /// <summary>Origins a browser may send state-changing requests from besides this server's own address (the
        /// public https:// address of a TLS proxy in front).</summary>
        public List<string> PublicOrigins { get; } = new List<string>();
        /// <summary>This instance's name when several serve one PostgreSQL database (docs/scaling.md): its MQTT client
        /// id is doorctl-server-NAME and it consumes decision and sync requests through a shared subscription. Null: the
        /// only instance, client id doorctl-server, plain subscriptions.</summary>
        public string Instance { get; set; }
        /// <summary>The Home Assistant discovery prefix (usually "homeassistant") when the server publishes discovery and
        /// takes lock/unlock from the Home Assistant identity (docs/home-assistant.md); null (the default): it does not.
        /// Off by default because it shows the site's doors, their state and their last access to another system.</summary>
        public string HomeAssistantPrefix { get; set; }
        public TimeProvider Time { get; set; } = TimeProvider.System;
        public bool RunRetentionJob { get; set; } = true;

        public static bool TryParse(string[] args, out ServerOptions options, out string error)
        {
            options = new ServerOptions
            {
                Postgres = Environment.GetEnvironmentVariable("DOORCTL_POSTGRES"),
                AdminPassword = Environment.GetEnvironmentVariable("DOORCTL_ADMIN_PASSWORD"),
                Mqtt = Environment.GetEnvironmentVariable("DOORCTL_MQTT"),
                MasterKeyHex = Environment.GetEnvironmentVariable("DOORCTL_MASTER_KEY"),
                MasterKeyFile = Environment.GetEnvironmentVariable("DOORCTL_MASTER_KEY_FILE"),
                MqttConfigFile = Environment.GetEnvironmentVariable("DOORCTL_MQTT_CONFIG"),
                LocalBroker = Environment.GetEnvironmentVariable("DOORCTL_LOCAL_BROKER"),
                Instance = Environment.GetEnvironmentVariable("DOORCTL_INSTANCE"),
                HomeAssistantPrefix = Environment.GetEnvironmentVariable("DOORCTL_HOME_ASSISTANT"),
            };
            string origin = Environment.GetEnvironmentVariable("DOORCTL_PUBLIC_ORIGIN");
            if (!string.IsNullOrEmpty(origin)) options.PublicOrigins.Add(origin);
            error = null;
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--data": options.DataDirectory = value; i++; break;
                    case "--host": options.Host = value; i++; break;
                    case "--postgres":
                        if (value != null && HasPassword(value))
                        {
                            error = "--postgres must not hold a password (the command line is visible to every user): set DOORCTL_POSTGRES or use --postgres-file FILE";
                            return false;
                        }
                        options.Postgres = value; i++;
                        break;
                    case "--postgres-file": options.Postgres = ReadSecret(value, ref error); i++; break;
                    case "--mqtt": options.Mqtt = value; i++; break;
                    case "--admin-password":
                        error = "--admin-password is refused: a password on the command line is visible to every user of the machine; " +
                            "set DOORCTL_ADMIN_PASSWORD or use --admin-password-file FILE";
                        return false;
                    case "--admin-password-file": options.AdminPassword = ReadSecret(value, ref error); i++; break;
                    case "--master-key-file": options.MasterKeyFile = value; i++; break;
                    case "--public-origin": if (value != null) options.PublicOrigins.Add(value); i++; break;
                    case "--mqtt-config": options.MqttConfigFile = value; i++; break;
                    case "--local-broker": options.LocalBroker = value; i++; break;
                    case "--instance": options.Instance = value; i++; break;
                    case "--home-assistant": options.HomeAssistantPrefix = value; i++; break;
                    case "--broker-names": options.BrokerNames = value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); i++; break;
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
                if (error != null) return false;
            }
            options.DataDirectory = Path.GetFullPath(options.DataDirectory ?? "data");
            if (options.Instance != null && !IsValidInstanceName(options.Instance))
            {
                error = "--instance needs 1-32 of a-z, 0-9 and '-' (it becomes part of the MQTT client id)";
                return false;
            }
            if (options.HomeAssistantPrefix != null && !DoorController.LocalBroker.HomeAssistantTopics.IsValidPrefix(options.HomeAssistantPrefix))
            {
                error = "--home-assistant needs the discovery prefix: topic levels without wildcards (usually homeassistant)";
                return false;
            }
            if (options.Instance != null && options.Postgres == null)
            {
                error = "--instance needs PostgreSQL (--postgres-file or DOORCTL_POSTGRES): instances share one database";
                return false;
            }
            if (options.Instance != null && options.LocalBroker != null)
            {
                error = "--instance cannot run its own broker (--local-broker): instances share one broker (--mqtt-config)";
                return false;
            }
            if (options.LocalBroker != null && (options.Mqtt != null || options.MqttConfigFile != null))
            {
                error = "--local-broker runs the server's own broker; it cannot be combined with --mqtt or --mqtt-config";
                return false;
            }
            return true;
        }

        /// <summary>The master key file in use: the configured one, else <c>master.key</c> in the data directory.</summary>
        public string MasterKeyPath => MasterKeyFile ?? Path.Combine(DataDirectory, Services.MasterKey.DefaultFileName);

        public static bool IsValidInstanceName(string name)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 32) return false;
            foreach (char c in name) if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) return false;
            return true;
        }

        private static bool HasPassword(string connectionString)
        {
            try
            {
                return !string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Password);
            }
            catch (ArgumentException)
            {
                return connectionString.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0;
            }
        }

        /// <summary>The first line of a secret file (a trailing newline is not part of the secret).</summary>
        private static string ReadSecret(string path, ref string error)
        {
            if (path == null) return null;
            try
            {
                using (var reader = new StreamReader(path))
                {
                    string line = reader.ReadLine();
                    if (string.IsNullOrEmpty(line)) error = path + " is empty";
                    return line;
                }
            }
            catch (IOException e)
            {
                error = "cannot read " + path + ": " + e.Message;
                return null;
            }
            catch (UnauthorizedAccessException e)
            {
                error = "cannot read " + path + ": " + e.Message;
                return null;
            }
        }
    }
}
