using System;
using System.Collections;
using System.Text;

namespace DoorController.Contract.Json
{
    /// <summary>
    /// Tolerant recursive-descent JSON reader for control messages (a few hundred bytes). Accepts any valid JSON
    /// object with unknown members ignored by the callers; rejects everything else with an error text. Bounded in
    /// size and depth so a hostile payload cannot exhaust the device's stack or heap. Never throws.
    /// </summary>
    public sealed class JsonReader
    {
        /// <summary>Largest control message accepted, in bytes (bundles travel as binary chunks, not JSON).</summary>
        public const int MaxMessageBytes = 4096;

        /// <summary>Deepest nesting accepted; real messages use at most 3.</summary>
        public const int MaxDepth = 8;

        private readonly string _text;
        private int _pos;
        private string _error;

        private JsonReader(string text)
        {
            _text = text;
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
            string text;
            try
            {
                text = Encoding.UTF8.GetString(payload, 0, payload.Length);
            }
            catch (Exception)
            {
                error = "payload is not UTF-8";
                return false;
            }
            return TryParse(text, out result, out error);
        }

        public static bool TryParse(string text, out JsonObject result, out string error)
        {
            result = null;
            if (text == null)
            {
                error = "empty payload";
                return false;
            }
            JsonReader reader = new JsonReader(text);
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
                if (reader._pos != text.Length)
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
            return _pos < _text.Length ? _text[_pos] : '\0';
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
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
            if (_pos + word.Length > _text.Length || _text.Substring(_pos, word.Length) != word)
            {
                return Fail("bad literal");
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
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
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
            string token = _text.Substring(start, _pos - start);
            if (integral)
            {
                long whole;
                if (token.Length <= 19 && long.TryParse(token, out whole))
                {
                    return whole;
                }
                return Fail("integer out of range");
            }
            double real;
            if (double.TryParse(token, out real))
            {
                return real;
            }
            return Fail("bad number");
        }

        private object ReadString()
        {
            _pos++;
            StringBuilder sb = null;
            int runStart = _pos;
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '"')
                {
                    string tail = _text.Substring(runStart, _pos - runStart);
                    _pos++;
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
                sb.Append(_text, runStart, _pos - runStart);
                if (_pos + 1 >= _text.Length)
                {
                    return Fail("unterminated escape");
                }
                char e = _text[_pos + 1];
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
                        if (_pos + 4 > _text.Length)
                        {
                            return Fail("short unicode escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            int nibble = Core.Hex.NibbleOf(_text[_pos + i]);
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
    }
}
