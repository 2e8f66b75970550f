using System;
using System.Text;

namespace DoorController.Contract.Json
{
    /// <summary>The reader's scalars: literals, numbers and strings, each read from the message's own bytes.</summary>
    public sealed partial class JsonReader
    {
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
