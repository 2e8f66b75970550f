using System;
using System.IO;

namespace DoorController.Server
{
    /// <summary>Command-line and environment options. Defaults: SQLite in ./data, 127.0.0.1:8080, no broker.</summary>
    public sealed class ServerOptions
    {
        public const string Usage = "usage: doorctl-server [--data DIR] [--host ADDR] [--port N] [--postgres CONNSTRING] [--mqtt HOST:PORT] [--admin-password PW]";

        public string DataDirectory { get; set; } = "data";
        public string Host { get; set; } = "127.0.0.1";
        public int Port { get; set; } = 8080;
        /// <summary>PostgreSQL connection string; null means SQLite in the data directory.</summary>
        public string Postgres { get; set; }
        /// <summary>Broker for decisions, events and commands ("host:port"); null runs without MQTT.</summary>
        public string Mqtt { get; set; }
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
            return true;
        }
    }
}
