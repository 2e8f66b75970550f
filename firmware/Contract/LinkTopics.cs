using System;

namespace DoorController.Contract
{
    /// <summary>
    /// The MQTT topic tree (docs/protocol.md). Everything lives under a protocol-version root so a v2 can run beside
    /// v1 on the same broker; every topic is per device, under dev/&lt;deviceId&gt; (there is no broadcast: even the
    /// clock is asked for and answered per controller, so each answer can be bound to that controller's nonce).
    /// </summary>
    public sealed class LinkTopics
    {
        public const string Root = "dc/v1";

        /// <summary>
        /// Suffixes (after dc/v1/dev/&lt;id&gt;/) of the topics whose messages carry the message MAC
        /// (<see cref="WireMac"/>), each under its own key. sync/chunk and cmd are not here: bundles and commands
        /// keep their own chained MAC and command MAC under the device key.
        /// </summary>
        public static string[] AuthenticatedSuffixes
        {
            // A new array per call, not a static one: a controller keeps no copy of it on its heap (324 bytes).
            get
            {
                string[] suffixes = new string[AuthenticatedCount];
                for (int i = 0; i < suffixes.Length; i++)
                {
                    suffixes[i] = AuthenticatedSuffix(i);
                }
                return suffixes;
            }
        }

        /// <summary>How many topics carry the message MAC (purposes 0 to AuthenticatedCount - 1).</summary>
        public const int AuthenticatedCount = 12;

        /// <summary>The suffix of authenticated topic number <paramref name="purpose"/> (a literal: nothing is built).</summary>
        public static string AuthenticatedSuffix(int purpose)
        {
            switch (purpose)
            {
                case 0: return "status";
                case 1: return "decide/req";
                case 2: return "decide/resp";
                case 3: return "events";
                case 4: return "events/ack";
                case 5: return "sync/req";
                case 6: return "sync/result";
                case 7: return "cmd/result";
                case 8: return "notify";
                case 9: return "error";
                case 10: return "clock/req";
                case 11: return "clock";
                default: throw new ArgumentOutOfRangeException("purpose");
            }
        }

        private readonly string _prefix;

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
            _prefix = Root + "/dev/" + deviceId + "/";
            Status = Topic("status");
            DecisionRequest = Topic("decide/req");
            DecisionResponse = Topic("decide/resp");
            Events = Topic("events");
            EventsAck = Topic("events/ack");
            SyncRequest = Topic("sync/req");
            SyncChunk = Topic("sync/chunk");
            SyncResult = Topic("sync/result");
            Command = Topic("cmd");
            CommandResult = Topic("cmd/result");
            Notify = Topic("notify");
            Error = Topic("error");
            ClockRequest = Topic("clock/req");
            Clock = Topic("clock");
        }

        /// <summary>This device's topic for a suffix such as "decide/req".</summary>
        public string Topic(string suffix)
        {
            return _prefix + suffix;
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
        public string ClockRequest { get; private set; }

        // Published by the server, subscribed by the controller.
        public string DecisionResponse { get; private set; }
        public string EventsAck { get; private set; }
        public string SyncChunk { get; private set; }
        public string Command { get; private set; }
        public string Notify { get; private set; }
        public string Clock { get; private set; }

        /// <summary>
        /// The purpose number (<see cref="AuthenticatedSuffix"/>) of <paramref name="topic"/> when it is one of this
        /// device's authenticated topics, else -1. Compared in place, character by character (ordinal), with the
        /// prefix this object holds and the suffix literals: looking a message's key up builds no string, keeps no map.
        /// </summary>
        public int AuthenticatedIndex(string topic)
        {
            if (topic == null || topic.Length <= _prefix.Length)
            {
                return -1;
            }
            for (int i = 0; i < _prefix.Length; i++)
            {
                if (topic[i] != _prefix[i])
                {
                    return -1;
                }
            }
            for (int purpose = 0; purpose < AuthenticatedCount; purpose++)
            {
                if (EndsInSuffix(topic, AuthenticatedSuffix(purpose)))
                {
                    return purpose;
                }
            }
            return -1;
        }

        private bool EndsInSuffix(string topic, string suffix)
        {
            if (topic.Length != _prefix.Length + suffix.Length)
            {
                return false;
            }
            for (int i = 0; i < suffix.Length; i++)
            {
                if (topic[_prefix.Length + i] != suffix[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Every topic the controller publishes (the upstream topics).</summary>
        public string[] Publications()
        {
            return new string[] { Status, DecisionRequest, Events, SyncRequest, SyncResult, CommandResult, Error, ClockRequest };
        }

        /// <summary>Every topic the controller subscribes to, in subscription order.</summary>
        public string[] Subscriptions()
        {
            return new string[] { DecisionResponse, EventsAck, SyncChunk, Command, Notify, Clock };
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
