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
    public sealed class JsonReader
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

        private object ReadLiteral(string word, object value)
        {
            if (_pos + word.Length > _bytes.Length)
            {
                return Fail("bad literal");
            }
            for (int i = 0; i < word.Length; i++)
            {
                if (_bytes[_pos + i] != (byte)word[i])
                {
                    return Fail("bad literal");
                }
            }
            _pos += word.Length;
            return value;
        }

        private object ReadNumber()
        {
            int start = _pos;
            bool integral = true;
            if (Peek() == '-')
            {
                _pos++;
            }
            while (_pos < _bytes.Length)
            {
                char c = (char)_bytes[_pos];
                if (c >= '0' && c <= '9')
                {
                    _pos++;
                }
                else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')
                {
                    integral = false;
                    _pos++;
                }
                else
                {
                    break;
                }
            }
            if (integral)
            {
                return ReadInteger(start);
            }
            double real;
            if (double.TryParse(Encoding.UTF8.GetString(_bytes, start, _pos - start), out real))
            {
                return real;
            }
            return Fail("bad number");
        }

        /// <summary>The integer in [start, _pos): an optional minus and digits, at most 19 characters, in range.</summary>
        private object ReadInteger(int start)
        {
            bool negative = _bytes[start] == '-';
            int first = negative ? start + 1 : start;
            if (_pos == first || _pos - start > 19)
            {
                return Fail("integer out of range");
            }
            long whole = 0;
            for (int i = first; i < _pos; i++)
            {
                int digit = _bytes[i] - '0';
                if (whole > (long.MaxValue - digit) / 10)
                {
                    return Fail("integer out of range");
                }
                whole = whole * 10 + digit;
            }
            return negative ? -whole : whole;
        }

        private object ReadString()
        {
            _pos++;
            StringBuilder sb = null;
            int runStart = _pos;
            while (_pos < _bytes.Length)
            {
                byte c = _bytes[_pos];
                if (c == '"')
                {
                    string tail = Decode(runStart, _pos - runStart);
                    _pos++;
                    if (tail == null)
                    {
                        return Fail("string is not UTF-8");
                    }
                    if (sb == null)
                    {
                        return tail;
                    }
                    sb.Append(tail);
                    return sb.ToString();
                }
                if (c < ' ')
                {
                    return Fail("control character in string");
                }
                if (c != '\\')
                {
                    _pos++;
                    continue;
                }
                if (sb == null)
                {
                    sb = new StringBuilder();
                }
                string run = Decode(runStart, _pos - runStart);
                if (run == null)
                {
                    return Fail("string is not UTF-8");
                }
                sb.Append(run);
                if (_pos + 1 >= _bytes.Length)
                {
                    return Fail("unterminated escape");
                }
                char e = (char)_bytes[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _bytes.Length)
                        {
                            return Fail("short unicode escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            int nibble = Core.Hex.NibbleOf((char)_bytes[_pos + i]);
                            if (nibble < 0)
                            {
                                return Fail("bad unicode escape");
                            }
                            code = (code << 4) | nibble;
                        }
                        _pos += 4;
                        sb.Append((char)code);
                        break;
                    default:
                        return Fail("bad escape");
                }
                runStart = _pos;
            }
            return Fail("unterminated string");
        }

        /// <summary>The UTF-8 bytes [start, start + count) as a string; null when they are not UTF-8 (nanoFramework's
        /// decoder throws on a bad sequence; .NET's puts U+FFFD in its place).</summary>
        private string Decode(int start, int count)
        {
            if (count == 0)
            {
                return string.Empty;
            }
            try
            {
                return Encoding.UTF8.GetString(_bytes, start, count);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
