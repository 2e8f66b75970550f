using System.Text;

namespace DoorController.Contract.Json
{
    /// <summary>
    /// Hand-written compact JSON writer for control messages. nanoFramework.Json serialises by reflection, which is
    /// slow and allocation-heavy on the device; messages here are flat and known, so they are written field by field
    /// in a fixed key order, which also makes their text reproducible for golden tests.
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly StringBuilder _text;
        private bool _needComma;

        public JsonWriter()
        {
            _text = new StringBuilder(256);
        }

        public JsonWriter BeginObject()
        {
            Separator();
            _text.Append('{');
            _needComma = false;
            return this;
        }

        public JsonWriter EndObject()
        {
            _text.Append('}');
            _needComma = true;
            return this;
        }

        public JsonWriter BeginObject(string key)
        {
            Name(key);
            _text.Append('{');
            _needComma = false;
            return this;
        }

        public JsonWriter String(string key, string value)
        {
            Name(key);
            if (value == null)
            {
                _text.Append("null");
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
            _text.Append(value.ToString());
            return this;
        }

        public JsonWriter Bool(string key, bool value)
        {
            Name(key);
            _text.Append(value ? "true" : "false");
            return this;
        }

        public JsonWriter Null(string key)
        {
            Name(key);
            _text.Append("null");
            return this;
        }

        /// <summary>Embeds already-rendered JSON (e.g. a journal event object) verbatim.</summary>
        public JsonWriter Raw(string key, string json)
        {
            Name(key);
            _text.Append(json);
            return this;
        }

        public override string ToString()
        {
            return _text.ToString();
        }

        public byte[] ToBytes()
        {
            return Encoding.UTF8.GetBytes(_text.ToString());
        }

        private void Name(string key)
        {
            Separator();
            Quote(key);
            _text.Append(':');
            _needComma = true;
        }

        private void Separator()
        {
            if (_needComma)
            {
                _text.Append(',');
            }
        }

        private void Quote(string value)
        {
            _text.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': _text.Append("\\\""); break;
                    case '\\': _text.Append("\\\\"); break;
                    case '\n': _text.Append("\\n"); break;
                    case '\r': _text.Append("\\r"); break;
                    case '\t': _text.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            _text.Append("\\u00");
                            _text.Append(HexDigit(c >> 4));
                            _text.Append(HexDigit(c & 0xF));
                        }
                        else
                        {
                            _text.Append(c);
                        }
                        break;
                }
            }
            _text.Append('"');
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
