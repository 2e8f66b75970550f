using System;
using System.Security.Cryptography;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// One controller's message keys, one per authenticated topic (one purpose, one key), derived once from its
    /// device key: key(S) = HMAC-SHA256(device key, "dc/v1/key/" + S) for each suffix S of
    /// <see cref="LinkTopics.AuthenticatedSuffixes"/>. The controller holds its own; the server holds one per
    /// controller. Seals outgoing and verifies incoming payloads by topic, so the key can never be the wrong one.
    /// </summary>
    public sealed class WireKeys
    {
        private readonly ObjectMap _byTopic = new ObjectMap(32);

        public WireKeys(byte[] deviceKey, LinkTopics topics)
        {
            Topics = topics;
            string[] suffixes = LinkTopics.AuthenticatedSuffixes;
            for (int i = 0; i < suffixes.Length; i++)
            {
                _byTopic[topics.Topic(suffixes[i])] = new HMACSHA256(WireMac.DeriveKey(deviceKey, suffixes[i]));
            }
        }

        public LinkTopics Topics { get; private set; }

        /// <summary>The key for a topic of this device (a copy), or null (a topic with its own MAC, or not this device's).</summary>
        public byte[] For(string topic)
        {
            HMACSHA256 key = MacFor(topic);
            return key == null ? null : key.Key;
        }

        /// <summary>True when messages on <paramref name="topic"/> carry the message MAC under one of these keys.</summary>
        public bool Covers(string topic)
        {
            return MacFor(topic) != null;
        }

        /// <summary>Signs a rendered message for <paramref name="topic"/>.</summary>
        public byte[] Seal(string topic, byte[] json)
        {
            HMACSHA256 key = MacFor(topic);
            if (key == null)
            {
                throw new ArgumentException("no message key for topic " + topic);
            }
            return WireMac.Seal(key, topic, json);
        }

        /// <summary>Checks the MAC of a payload received on <paramref name="topic"/> before it is parsed.</summary>
        public bool Verify(string topic, byte[] payload, out string error)
        {
            HMACSHA256 key = MacFor(topic);
            if (key == null)
            {
                error = "no message key for this topic";
                return false;
            }
            return WireMac.Verify(key, topic, payload, out error);
        }

        private HMACSHA256 MacFor(string topic)
        {
            return topic == null ? null : (HMACSHA256)_byTopic[topic];
        }
    }
}
