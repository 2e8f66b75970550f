using System;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// One controller's message keys, one per authenticated topic (one purpose, one key), derived once from its
    /// device key: key(S) = HMAC-SHA256(device key, "dc/v1/key/" + S) for each suffix S of
    /// <see cref="LinkTopics.AuthenticatedSuffixes"/>. The controller holds its own; the server holds one per
    /// controller. Seals outgoing and verifies incoming payloads by topic, so the key can never be the wrong one.
    /// The keys are kept as bytes only (32 per purpose, in one array: 404 bytes of a controller's heap) and each
    /// message is MACed by the stateless one-shot HMAC, so nothing here changes after construction: the server's
    /// threads share one instance per controller without a lock.
    /// </summary>
    public sealed class WireKeys
    {
        private readonly byte[] _keys;

        public WireKeys(byte[] deviceKey, LinkTopics topics)
        {
            Topics = topics;
            string[] suffixes = LinkTopics.AuthenticatedSuffixes;
            _keys = new byte[suffixes.Length * WireMac.TagLength];
            for (int i = 0; i < suffixes.Length; i++)
            {
                System.Array.Copy(WireMac.DeriveKey(deviceKey, suffixes[i]), 0, _keys, i * WireMac.TagLength, WireMac.TagLength);
            }
        }

        public LinkTopics Topics { get; private set; }

        /// <summary>The key for a topic of this device (a copy), or null (a topic with its own MAC, or not this device's).</summary>
        public byte[] For(string topic)
        {
            int purpose = Topics.AuthenticatedIndex(topic);
            if (purpose < 0)
            {
                return null;
            }
            byte[] key = new byte[WireMac.TagLength];
            System.Array.Copy(_keys, purpose * WireMac.TagLength, key, 0, WireMac.TagLength);
            return key;
        }

        /// <summary>True when messages on <paramref name="topic"/> carry the message MAC under one of these keys.</summary>
        public bool Covers(string topic)
        {
            return Topics.AuthenticatedIndex(topic) >= 0;
        }

        /// <summary>Signs a rendered message for <paramref name="topic"/>.</summary>
        public byte[] Seal(string topic, byte[] json)
        {
            byte[] key = For(topic);
            if (key == null)
            {
                throw new ArgumentException("no message key for topic " + topic);
            }
            return WireMac.Seal(key, topic, json);
        }

        /// <summary>Checks the MAC of a payload received on <paramref name="topic"/> before it is parsed.</summary>
        public bool Verify(string topic, byte[] payload, out string error)
        {
            byte[] key = For(topic);
            if (key == null)
            {
                error = "no message key for this topic";
                return false;
            }
            return WireMac.Verify(key, topic, payload, out error);
        }
    }
}
