using System.Text;

namespace DoorController.Contract.Json
{
    /// <summary>
    /// Hand-written compact JSON writer for control messages. nanoFramework.Json serialises by reflection, which is
    /// slow and allocation-heavy on the device; messages here are flat and known, so they are written field by field
    /// in a fixed key order, which also makes their text reproducible for golden tests. Written as UTF-8 bytes into
    /// one growing buffer — what goes on the wire — rather than as characters turned into a string and then into
    /// bytes: half the buffer, and no second and third copy of the message (the device's heap; the server seals
    /// thousands of answers a second). Numbers are written digit by digit, without a string each.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly Access.ByteWriter _bytes = new Access.ByteWriter();
        private bool _needComma;

        public JsonWriter BeginObject()
        {
            Separator();
            Append('{');
            _needComma = false;
            return this;
        }

        public JsonWriter EndObject()
        {
            Append('}');
            _needComma = true;
            return this;
        }

        public JsonWriter BeginObject(string key)
        {
            Name(key);
            Append('{');
            _needComma = false;
            return this;
        }

        public JsonWriter String(string key, string value)
        {
            Name(key);
            if (value == null)
            {
                Append("null");
            }
            else
            {
                Quote(value);
            }
            return this;
        }

        public JsonWriter Number(string key, long value)
        {
            Name(key);
            AppendNumber(value);
            return this;
        }

        public JsonWriter Bool(string key, bool value)
        {
            Name(key);
            Append(value ? "true" : "false");
            return this;
        }

        public JsonWriter Null(string key)
        {
            Name(key);
            Append("null");
            return this;
        }

        /// <summary>Embeds already-rendered JSON (e.g. a journal event object) verbatim.</summary>
        public JsonWriter Raw(string key, string json)
        {
            Name(key);
            Append(json);
            return this;
        }

        public override string ToString()
        {
            return _bytes.Length == 0 ? string.Empty : Encoding.UTF8.GetString(_bytes.ToArray(), 0, _bytes.Length);
        }

        /// <summary>The UTF-8 text written so far, in an array of exactly its length.</summary>
        public byte[] ToBytes()
        {
            return _bytes.ToArray();
        }

        private void Name(string key)
        {
            Separator();
            Quote(key);
            Append(':');
            _needComma = true;
        }

        private void Separator()
        {
            if (_needComma)
            {
                Append(',');
            }
        }

        private void Quote(string value)
        {
            Append('"');
            int i = 0;
            while (i < value.Length)
            {
                char c = value[i];
                if (c >= 0x80)
                {
                    // A run of non-ASCII characters (a surrogate pair stays in one run) goes through the encoder.
                    int end = i + 1;
                    while (end < value.Length && value[end] >= 0x80)
                    {
                        end++;
                    }
                    AppendEncoded(value, i, end - i);
                    i = end;
                    continue;
                }
                switch (c)
                {
                    case '"': Append("\\\""); break;
                    case '\\': Append("\\\\"); break;
                    case '\n': Append("\\n"); break;
                    case '\r': Append("\\r"); break;
                    case '\t': Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            Append("\\u00");
                            Append(HexDigit(c >> 4));
                            Append(HexDigit(c & 0xF));
                        }
                        else
                        {
                            Append(c);
                        }
                        break;
                }
                i++;
            }
            Append('"');
        }

        /// <summary>One ASCII character.</summary>
        private void Append(char c)
        {
            _bytes.Byte(c);
        }

        /// <summary>Text as UTF-8: ASCII byte by byte, anything else through the encoder.</summary>
        private void Append(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 0x80)
                {
                    AppendEncoded(text, i, text.Length - i);
                    return;
                }
                _bytes.Byte(c);
            }
        }

        private void AppendEncoded(string text, int start, int count)
        {
            byte[] utf8 = new byte[3 * count]; // at most 3 bytes per UTF-16 unit (4 per surrogate pair)
            _bytes.Bytes(utf8, 0, Encoding.UTF8.GetBytes(text, start, count, utf8, 0));
        }

        /// <summary>A decimal integer, digit by digit from the highest; on the negative side, where every long fits.</summary>
        private void AppendNumber(long value)
        {
            if (value < 0)
            {
                _bytes.Byte('-');
            }
            long negative = value < 0 ? value : -value;
            long divisor = 1;
            while (negative / divisor <= -10)
            {
                divisor *= 10;
            }
            for (; divisor > 0; divisor /= 10)
            {
                _bytes.Byte('0' - (int)(negative / divisor % 10));
            }
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
