using System;
using System.Collections;
using System.Text;

namespace DoorController.Contract.Json
{
    /// <summary>
    /// Tolerant recursive-descent JSON reader for control messages (a few hundred bytes). Accepts any valid JSON
    /// object with unknown members ignored by the callers; rejects everything else with an error text. Bounded in
    /// size and depth so a hostile payload cannot exhaust the device's stack or heap. Never throws.
    /// <para>
    /// Reads the UTF-8 bytes as they arrived: only member names and string values become strings (each decoded from
    /// its own bytes), integers are read digit by digit, so a message is not first copied into one string of twice its
    /// size (the device's heap; the server parses thousands a second). Every byte outside a string is ASCII in JSON,
    /// and every byte of a multi-byte UTF-8 character is 0x80 or above, so scanning bytes finds the same quotes,
    /// escapes and delimiters as scanning characters; positions in error texts are byte offsets.
    /// </para>
    /// </summary>
    public sealed partial class JsonReader
    {
        /// <summary>Largest control message accepted, in bytes (bundles travel as binary chunks, not JSON).</summary>
        public const int MaxMessageBytes = 4096;

        /// <summary>Deepest nesting accepted; real messages use at most 3.</summary>
        public const int MaxDepth = 8;

        private readonly byte[] _bytes;
        private int _pos;
        private string _error;

        private JsonReader(byte[] bytes)
        {
            _bytes = bytes;
        }

        /// <summary>Parses a UTF-8 payload whose top level must be an object.</summary>
        public static bool TryParse(byte[] payload, out JsonObject result, out string error)
        {
            result = null;
            if (payload == null || payload.Length == 0)
            {
                error = "empty payload";
                return false;
            }
            if (payload.Length > MaxMessageBytes)
            {
                error = "payload too large (" + payload.Length + " > " + MaxMessageBytes + " bytes)";
                return false;
            }
            return Parse(payload, out result, out error);
        }

        public static bool TryParse(string text, out JsonObject result, out string error)
        {
            result = null;
            if (text == null)
            {
                error = "empty payload";
                return false;
            }
            byte[] bytes;
            try
            {
                bytes = Encoding.UTF8.GetBytes(text);
            }
            catch (Exception)
            {
                error = "text is not encodable as UTF-8";
                return false;
            }
            return Parse(bytes, out result, out error);
        }

        private static bool Parse(byte[] bytes, out JsonObject result, out string error)
        {
            result = null;
            JsonReader reader = new JsonReader(bytes);
            try
            {
                reader.SkipSpace();
                if (reader.Peek() != '{')
                {
                    error = "top level is not an object";
                    return false;
                }
                object value = reader.ReadValue(0);
                if (value == null)
                {
                    error = reader._error;
                    return false;
                }
                reader.SkipSpace();
                if (reader._pos != bytes.Length)
                {
                    error = "trailing characters at " + reader._pos;
                    return false;
                }
                result = (JsonObject)value;
                error = null;
                return true;
            }
            catch (Exception)
            {
                // Belt and braces: the parser is written not to throw, but a hostile payload must never escape.
                error = "malformed json";
                return false;
            }
        }

        private object Fail(string message)
        {
            if (_error == null)
            {
                _error = message + " at " + _pos;
            }
            return null;
        }

        private char Peek()
        {
            return _pos < _bytes.Length ? (char)_bytes[_pos] : '\0';
        }

        private void SkipSpace()
        {
            while (_pos < _bytes.Length)
            {
                char c = (char)_bytes[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }
                _pos++;
            }
        }

        private object ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                return Fail("nesting too deep");
            }
            SkipSpace();
            char c = Peek();
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"': return ReadString();
                case 't': return ReadLiteral("true", true);
                case 'f': return ReadLiteral("false", false);
                case 'n': return ReadLiteral("null", JsonObject.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }
                    return Fail(c == '\0' ? "unexpected end" : "unexpected character");
            }
        }

        private object ReadObject(int depth)
        {
            JsonObject obj = new JsonObject();
            _pos++;
            SkipSpace();
            if (Peek() == '}')
            {
                _pos++;
                return obj;
            }
            while (true)
            {
                SkipSpace();
                if (Peek() != '"')
                {
                    return Fail("expected member name");
                }
                string key = (string)ReadString();
                if (key == null)
                {
                    return null;
                }
                SkipSpace();
                if (Peek() != ':')
                {
                    return Fail("expected ':'");
                }
                _pos++;
                object value = ReadValue(depth + 1);
                if (value == null)
                {
                    return null;
                }
                obj.Set(key, value);
                SkipSpace();
                char c = Peek();
                _pos++;
                if (c == '}')
                {
                    return obj;
                }
                if (c != ',')
                {
                    _pos--;
                    return Fail("expected ',' or '}'");
                }
            }
        }

        private object ReadArray(int depth)
        {
            ArrayList list = new ArrayList();
            _pos++;
            SkipSpace();
            if (Peek() == ']')
            {
                _pos++;
                return list;
            }
            while (true)
            {
                object value = ReadValue(depth + 1);
                if (value == null)
                {
                    return null;
                }
                list.Add(value);
                SkipSpace();
                char c = Peek();
                _pos++;
                if (c == ']')
                {
                    return list;
                }
                if (c != ',')
                {
                    _pos--;
                    return Fail("expected ',' or ']'");
                }
            }
        }
    }
}
