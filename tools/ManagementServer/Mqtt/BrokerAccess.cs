using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.Server.Mqtt
{
    /// <summary>
    /// How the server reaches its broker: its messaging identity (client id doorctl-server) and, optionally, the
    /// broker administrator identity (client id doorctl-admin) through which registering a controller creates its
    /// broker identity. Read from a JSON file (never from the command line, which other users can see):
    /// <code>
    /// {"host": "broker.site.example", "port": 8883, "tls": true, "ca-file": "site-ca.crt",
    ///  "cert-file": null, "key-file": null,
    ///  "username": "doorctl-server", "password": "...",
    ///  "admin-username": "doorctl-admin", "admin-password": "..."}
    /// </code>
    /// Relative file names are relative to the file. Without admin credentials, controllers' broker identities are
    /// managed by whoever runs the broker. A broker on the same host may be named by its Unix socket instead of an
    /// address (<c>"socket": "/var/lib/doorctl/broker/socket/mosquitto.sock"</c>, no TLS settings): only when the
    /// operator writes it here, never chosen by the server on its own.
    /// </summary>
    public sealed class BrokerAccess
    {
        public BrokerAccess(BrokerEndpoint server, BrokerEndpoint admin)
        {
            Server = server;
            Admin = admin;
        }

        public BrokerEndpoint Server { get; }

        /// <summary>Null when the server does not administer the broker's identities.</summary>
        public BrokerEndpoint Admin { get; }

        /// <summary>A broker started by tools/src/LocalBroker on this host: the server's identity and the administrator's,
        /// both through the broker's Unix socket (the TLS listener is for everyone else).</summary>
        public static BrokerAccess Of(DoorController.LocalBroker.MosquittoBroker broker) =>
            new BrokerAccess(broker.SocketEndpoint(broker.ServerLogin), broker.SocketEndpoint(broker.AdminLogin));

        /// <summary>Reads <paramref name="path"/>; <paramref name="hostPort"/> ("host:port", may be null) overrides its address.</summary>
        public static BrokerAccess Load(string path, string hostPort)
        {
            JsonNode root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(path));
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException)
            {
                throw new ArgumentException("broker settings " + path + ": " + e.Message);
            }
            if (root is not JsonObject o) throw new ArgumentException("broker settings " + path + ": not a JSON object");
            string dir = Path.GetDirectoryName(Path.GetFullPath(path));
            string socket = FileIn(dir, Text(o, "socket", path));
            var server = new BrokerEndpoint
            {
                Host = Text(o, "host", path) ?? "127.0.0.1",
                Port = o["port"] is JsonValue p && p.TryGetValue(out int port) ? port : 8883,
                Socket = socket,
                // TLS unless switched off, or a socket is named (then an explicit "tls": true is refused by Checked).
                Tls = o["tls"] is JsonValue t && t.TryGetValue(out bool tls) ? tls : socket == null,
                CaFile = FileIn(dir, Text(o, "ca-file", path)),
                CertFile = FileIn(dir, Text(o, "cert-file", path)),
                KeyFile = FileIn(dir, Text(o, "key-file", path)),
                Username = Text(o, "username", path),
                Password = Text(o, "password", path),
            };
            if (hostPort != null)
            {
                if (socket != null) throw new ArgumentException("broker settings " + path + ": --mqtt cannot override a broker socket");
                ApplyAddress(server, hostPort);
            }
            string adminUser = Text(o, "admin-username", path);
            BrokerEndpoint admin = adminUser == null ? null : server.As(adminUser, Text(o, "admin-password", path));
            return Checked(new BrokerAccess(server, admin), path);
        }

        /// <summary>A plain, anonymous broker at "host:port" (a lab broker that is not this project's).</summary>
        public static BrokerAccess Anonymous(string hostPort)
        {
            var server = new BrokerEndpoint();
            ApplyAddress(server, hostPort);
            return Checked(new BrokerAccess(server, null), "--mqtt");
        }

        /// <summary>Writes the settings (mode 0600: it holds passwords) in the format <see cref="Load"/> reads.</summary>
        public void Save(string path)
        {
            var o = new JsonObject
            {
                ["host"] = Server.Host,
                ["port"] = Server.Port,
                ["socket"] = Server.Socket,
                ["tls"] = Server.Tls,
                ["ca-file"] = Server.CaFile,
                ["cert-file"] = Server.CertFile,
                ["key-file"] = Server.KeyFile,
                ["username"] = Server.Username,
                ["password"] = Server.Password,
                ["admin-username"] = Admin?.Username,
                ["admin-password"] = Admin?.Password,
            };
            PrivateFile.Write(path, o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        private static BrokerAccess Checked(BrokerAccess access, string source)
        {
            string problem = access.Server.Problem() ?? access.Admin?.Problem();
            if (problem != null) throw new ArgumentException("broker settings " + source + ": " + problem);
            return access;
        }

        private static void ApplyAddress(BrokerEndpoint endpoint, string hostPort)
        {
            int colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort.Substring(colon + 1), out int port)) throw new ArgumentException("--mqtt needs HOST:PORT");
            endpoint.Host = hostPort.Substring(0, colon);
            endpoint.Port = port;
        }

        private static string Text(JsonObject o, string key, string path)
        {
            JsonNode node = o[key];
            if (node == null) return null;
            if (node is JsonValue v && v.TryGetValue(out string text)) return text;
            throw new ArgumentException("broker settings " + path + ": " + key + " must be a string");
        }

        private static string FileIn(string dir, string name) => name == null ? null : Path.GetFullPath(Path.Combine(dir, name));
    }
}
