namespace DoorController.Contract
{
    /// <summary>
    /// The MQTT topic tree (docs/protocol.md). Everything lives under a protocol-version root so a v2 can run beside
    /// v1 on the same broker; per-device topics are under dev/&lt;deviceId&gt;, server broadcasts under srv/.
    /// </summary>
    public sealed class LinkTopics
    {
        public const string Root = "dc/v1";

        /// <summary>Server wall clock for every controller (retained).</summary>
        public const string ServerClock = Root + "/srv/clock";

        /// <summary>Prefix of the topics the server routes terminal notifications to (Fig 9B), e.g. dc/v1/term/guard-desk.</summary>
        public const string TerminalPrefix = Root + "/term/";

        /// <summary>The MQTT client id of a controller; its broker identity is bound to it (docs/protocol.md, "Broker identities").</summary>
        public static string ClientIdOf(string deviceId)
        {
            return "dc-" + deviceId;
        }

        public LinkTopics(string deviceId)
        {
            DeviceId = deviceId;
            string d = Root + "/dev/" + deviceId;
            Status = d + "/status";
            DecisionRequest = d + "/decide/req";
            DecisionResponse = d + "/decide/resp";
            Events = d + "/events";
            EventsAck = d + "/events/ack";
            SyncRequest = d + "/sync/req";
            SyncChunk = d + "/sync/chunk";
            SyncResult = d + "/sync/result";
            Command = d + "/cmd";
            CommandResult = d + "/cmd/result";
            Notify = d + "/notify";
            Error = d + "/error";
        }

        public string DeviceId { get; private set; }

        // Published by the controller.
        public string Status { get; private set; }
        public string DecisionRequest { get; private set; }
        public string Events { get; private set; }
        public string SyncRequest { get; private set; }
        public string SyncResult { get; private set; }
        public string CommandResult { get; private set; }
        public string Error { get; private set; }

        // Published by the server, subscribed by the controller.
        public string DecisionResponse { get; private set; }
        public string EventsAck { get; private set; }
        public string SyncChunk { get; private set; }
        public string Command { get; private set; }
        public string Notify { get; private set; }

        /// <summary>Every topic the controller publishes (the upstream topics).</summary>
        public string[] Publications()
        {
            return new string[] { Status, DecisionRequest, Events, SyncRequest, SyncResult, CommandResult, Error };
        }

        /// <summary>Every topic the controller subscribes to, in subscription order.</summary>
        public string[] Subscriptions()
        {
            return new string[] { DecisionResponse, EventsAck, SyncChunk, Command, Notify, ServerClock };
        }

        /// <summary>True when a device id is safe inside a topic (no wildcards, separators or control characters).</summary>
        public static bool IsValidDeviceId(string deviceId)
        {
            if (deviceId == null || deviceId.Length == 0 || deviceId.Length > 64)
            {
                return false;
            }
            for (int i = 0; i < deviceId.Length; i++)
            {
                char c = deviceId[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
