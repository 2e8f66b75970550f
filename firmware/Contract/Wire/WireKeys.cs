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
    /// A controller keeps nothing but a reference to its device key (which its bundle and command checks hold
    /// anyway) and derives the purpose key of each message as it MACs it: one more HMAC over 20-odd bytes, and no
    /// heap (nanoFramework's HMACSHA256 hashes its key again on every call, so keyed objects or kept keys would only
    /// cost a controller heap: 4.8 KB for one object per topic, 400 bytes for the keys). .NET's HMACSHA256 keeps the
    /// keyed state and MACs a message in half the time of a one-shot, so the server, which decides thousands of
    /// messages a second on many threads, asks for one keyed object per purpose (<c>keyedPerPurpose</c>), each used
    /// under its own lock (shared only by the threads serving one controller).
    /// </para>
    /// </summary>
    public sealed class WireKeys
    {
        private readonly byte[] _deviceKey;
        private readonly HMACSHA256[] _keyed;

        /// <summary>A controller's keys: the purpose keys are derived per message.</summary>
        public WireKeys(byte[] deviceKey, LinkTopics topics) : this(deviceKey, topics, false)
        {
        }

        /// <param name="keyedPerPurpose">true on the server: keep one keyed HMAC object per purpose (faster on .NET,
        /// about 1.5 KB per controller).</param>
        public WireKeys(byte[] deviceKey, LinkTopics topics, bool keyedPerPurpose)
        {
            if (deviceKey == null)
            {
                throw new ArgumentNullException("deviceKey");
            }
            Topics = topics;
            _deviceKey = deviceKey;
            if (keyedPerPurpose)
            {
                _keyed = new HMACSHA256[LinkTopics.AuthenticatedCount];
                for (int i = 0; i < _keyed.Length; i++)
                {
                    _keyed[i] = new HMACSHA256(KeyOf(i));
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
            return WireMac.DeriveKey(_deviceKey, LinkTopics.AuthenticatedSuffix(purpose));
        }
    }
}
