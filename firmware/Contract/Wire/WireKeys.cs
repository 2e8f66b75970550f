using System;
using System.Security.Cryptography;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// One controller's message keys, one per authenticated topic (one purpose, one key), derived once from its
    /// device key: key(S) = HMAC-SHA256(device key, "dc/v1/key/" + S) for each suffix S of
    /// <see cref="LinkTopics.AuthenticatedSuffixes"/>. The controller holds its own; the server holds one per
    /// controller. Seals outgoing and verifies incoming payloads by topic (<see cref="WireMac"/>), so the key can never
    /// be the wrong one; a topic finds its key through the strings <see cref="LinkTopics"/> already holds.
    /// <para>
    /// The keys are kept as bytes (32 per purpose, one array) and a message is MACed one-shot: nanoFramework's
    /// HMACSHA256 hashes its key again on every call, so a keyed object per purpose would only cost a controller
    /// heap. .NET's keeps the keyed state and MACs a message in about half the time of a one-shot, so the server,
    /// which decides thousands of messages a second on many threads, asks for one keyed object per purpose
    /// (<c>keyedPerPurpose</c>), each used under its own lock (shared by the threads serving one controller).
    /// </para>
    /// </summary>
    public sealed class WireKeys
    {
        private readonly byte[] _keys;
        private readonly HMACSHA256[] _keyed;

        /// <summary>The controller's keys: bytes only.</summary>
        public WireKeys(byte[] deviceKey, LinkTopics topics) : this(deviceKey, topics, false)
        {
        }

        /// <param name="keyedPerPurpose">true on the server: also keep one keyed HMAC object per purpose (faster on
        /// .NET, about 1.5 KB more per controller).</param>
        public WireKeys(byte[] deviceKey, LinkTopics topics, bool keyedPerPurpose)
        {
            Topics = topics;
            string[] suffixes = LinkTopics.AuthenticatedSuffixes;
            _keys = new byte[suffixes.Length * WireMac.TagLength];
            _keyed = keyedPerPurpose ? new HMACSHA256[suffixes.Length] : null;
            for (int i = 0; i < suffixes.Length; i++)
            {
                byte[] key = WireMac.DeriveKey(deviceKey, suffixes[i]);
                System.Array.Copy(key, 0, _keys, i * WireMac.TagLength, WireMac.TagLength);
                if (keyedPerPurpose)
                {
                    _keyed[i] = new HMACSHA256(key);
                }
            }
        }

        public LinkTopics Topics { get; private set; }

        /// <summary>The key for a topic of this device (a copy), or null (a topic with its own MAC, or not this device's).</summary>
        public byte[] For(string topic)
        {
            int purpose = Topics.AuthenticatedIndex(topic);
            return purpose < 0 ? null : KeyOf(purpose);
        }

        /// <summary>True when messages on <paramref name="topic"/> carry the message MAC under one of these keys.</summary>
        public bool Covers(string topic)
        {
            return Topics.AuthenticatedIndex(topic) >= 0;
        }

        /// <summary>Signs a rendered message for <paramref name="topic"/>.</summary>
        public byte[] Seal(string topic, byte[] json)
        {
            int purpose = Topics.AuthenticatedIndex(topic);
            if (purpose < 0)
            {
                throw new ArgumentException("no message key for topic " + topic);
            }
            return WireMac.Seal(json, Tag(purpose, topic, json, json.Length - 1));
        }

        /// <summary>
        /// True when a payload received on <paramref name="topic"/> ends in a well-formed mac field whose tag is right
        /// for this topic's key. Checked before the payload is parsed; the error says what is wrong.
        /// </summary>
        public bool Verify(string topic, byte[] payload, out string error)
        {
            int purpose = Topics.AuthenticatedIndex(topic);
            if (purpose < 0)
            {
                error = "no message key for this topic";
                return false;
            }
            byte[] claimed = new byte[WireMac.TagLength];
            if (!WireMac.TryReadTag(payload, claimed, 0))
            {
                error = "missing mac";
                return false;
            }
            if (!KeyedHash.FixedTimeEquals(Tag(purpose, topic, payload, payload.Length - WireMac.TrailerLength), claimed))
            {
                error = "bad-mac";
                return false;
            }
            error = null;
            return true;
        }

        private byte[] Tag(int purpose, string topic, byte[] body, int bodyLength)
        {
            byte[] input = WireMac.Input(topic, body, bodyLength);
            if (_keyed == null)
            {
                return KeyedHash.Compute(KeyOf(purpose), input);
            }
            HMACSHA256 keyed = _keyed[purpose];
            lock (keyed)
            {
                return keyed.ComputeHash(input);
            }
        }

        private byte[] KeyOf(int purpose)
        {
            byte[] key = new byte[WireMac.TagLength];
            System.Array.Copy(_keys, purpose * WireMac.TagLength, key, 0, WireMac.TagLength);
            return key;
        }
    }
}
