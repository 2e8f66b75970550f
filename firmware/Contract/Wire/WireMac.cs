using System.Text;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// The message MAC every control message carries as its last field (docs/protocol.md, "Message authentication"):
    /// a payload is <c>{...fields...,"mac":"&lt;64 lower-case hex&gt;"}</c> and the tag is
    /// HMAC-SHA256(purpose key, UTF-8 topic ‖ 0x00 ‖ every payload byte before <c>,"mac":"</c>). The topic names the
    /// device and the purpose, so a message cannot be moved to another controller or another topic; the bytes are
    /// exactly what the receiver parses, so nothing outside the MAC can change the meaning. This class is the format
    /// (input, trailer, tag text); <see cref="WireKeys"/> holds the purpose keys and computes the tags.
    /// </summary>
    public static class WireMac
    {
        public const int TagLength = 32;

        /// <summary>Key label prefix: the key for topic suffix S is HMAC-SHA256(device key, "dc/v1/key/" + S).</summary>
        public const string KeyLabel = "dc/v1/key/";

        private const string TrailerStart = ",\"mac\":\"";

        /// <summary>Bytes the MAC adds to a payload: <c>,"mac":"</c>, 64 hex digits, <c>"}</c>.</summary>
        public const int TrailerLength = 8 + 2 * TagLength + 2;

        /// <summary>One purpose key from the device key (docs/protocol.md, "Key derivation").</summary>
        public static byte[] DeriveKey(byte[] deviceKey, string topicSuffix)
        {
            return KeyedHash.Compute(deviceKey, Encoding.UTF8.GetBytes(KeyLabel + topicSuffix));
        }

        /// <summary>
        /// Seals a complete JSON object (as the message classes render it) with <paramref name="tag"/>, the MAC of
        /// its bytes before the closing brace: that brace is replaced by the mac field and a new closing brace.
        /// </summary>
        public static byte[] Seal(byte[] json, byte[] tag)
        {
            int bodyLength = json.Length - 1;
            byte[] sealedPayload = new byte[bodyLength + TrailerLength];
            System.Array.Copy(json, sealedPayload, bodyLength);
            int at = bodyLength;
            for (int i = 0; i < TrailerStart.Length; i++)
            {
                sealedPayload[at++] = (byte)TrailerStart[i];
            }
            for (int i = 0; i < TagLength; i++)
            {
                sealedPayload[at++] = LowerHexDigit(tag[i] >> 4);
                sealedPayload[at++] = LowerHexDigit(tag[i] & 0x0F);
            }
            sealedPayload[at++] = (byte)'"';
            sealedPayload[at] = (byte)'}';
            return sealedPayload;
        }

        /// <summary>The tag of a sealed payload as its hex text (what an event ack names).</summary>
        public static string TagHex(byte[] payload)
        {
            return Encoding.UTF8.GetString(payload, payload.Length - 2 - 2 * TagLength, 2 * TagLength);
        }

        /// <summary>Copies the tag of a sealed payload into <paramref name="tag"/> at <paramref name="offset"/>;
        /// false when the payload does not end in a canonical mac field (lower-case hex only: one text per tag).</summary>
        public static bool TryReadTag(byte[] payload, byte[] tag, int offset)
        {
            if (payload == null || payload.Length < TrailerLength + 2)
            {
                return false;
            }
            int start = payload.Length - TrailerLength;
            for (int i = 0; i < TrailerStart.Length; i++)
            {
                if (payload[start + i] != (byte)TrailerStart[i])
                {
                    return false;
                }
            }
            if (payload[payload.Length - 2] != (byte)'"' || payload[payload.Length - 1] != (byte)'}')
            {
                return false;
            }
            int hex = start + TrailerStart.Length;
            for (int i = 0; i < TagLength; i++)
            {
                int hi = LowerHexNibble(payload[hex + 2 * i]);
                int lo = LowerHexNibble(payload[hex + 2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return false;
                }
                tag[offset + i] = (byte)((hi << 4) | lo);
            }
            return true;
        }

        /// <summary>Parses a tag written as hex text (an ack's event-mac); false unless 64 lower-case hex digits.</summary>
        public static bool TryParseTag(string text, byte[] tag, int offset)
        {
            if (text == null || text.Length != 2 * TagLength)
            {
                return false;
            }
            for (int i = 0; i < TagLength; i++)
            {
                int hi = LowerHexNibble(text[2 * i]);
                int lo = LowerHexNibble(text[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return false;
                }
                tag[offset + i] = (byte)((hi << 4) | lo);
            }
            return true;
        }

        /// <summary>What the tag is the HMAC of: UTF-8 topic ‖ 0x00 ‖ body[0..bodyLength).</summary>
        public static byte[] Input(string topic, byte[] body, int bodyLength)
        {
            // Topics are ASCII (device ids are [A-Za-z0-9_-]) and are copied as bytes without an encoder allocation;
            // anything else goes through UTF-8.
            byte[] utf8 = IsAscii(topic) ? null : Encoding.UTF8.GetBytes(topic);
            int topicLength = utf8 == null ? topic.Length : utf8.Length;
            byte[] input = new byte[topicLength + 1 + bodyLength];
            for (int i = 0; i < topicLength; i++)
            {
                input[i] = utf8 == null ? (byte)topic[i] : utf8[i];
            }
            System.Array.Copy(body, 0, input, topicLength + 1, bodyLength);
            return input;
        }

        private static bool IsAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > (char)0x7F)
                {
                    return false;
                }
            }
            return true;
        }

        private static byte LowerHexDigit(int value)
        {
            return (byte)(value < 10 ? '0' + value : 'a' + value - 10);
        }

        private static int LowerHexNibble(int c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }
    }
}
