using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DoorController.Server.Storage
{
    /// <summary>
    /// Many rows as one SQLite parameter: a JSON array of arrays that a statement reads back with json_each
    /// (<c>value ->> 0</c>, ...). A batch then runs as one prepared statement of fixed text, as PostgreSQL's arrays let
    /// it (unnest), instead of one statement per row with a score of parameters bound by name each time.
    /// Booleans go in as 0/1 and null as JSON null (SQL NULL), so the columns get what single-row statements gave them.
    /// </summary>
    public sealed class JsonRows
    {
        private readonly ArrayBufferWriter<byte> _buffer = new ArrayBufferWriter<byte>(16 * 1024);
        private readonly Utf8JsonWriter _json;

        public JsonRows()
        {
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
            Clear();
        }

        /// <summary>Starts a new set of rows (the writer's buffer is reused: one per writing thread).</summary>
        public JsonRows Clear()
        {
            _buffer.Clear();
            _json.Reset(_buffer);
            _json.WriteStartArray();
            Count = 0;
            return this;
        }

        public int Count { get; private set; }

        public JsonRows BeginRow()
        {
            _json.WriteStartArray();
            Count++;
            return this;
        }

        public JsonRows EndRow()
        {
            _json.WriteEndArray();
            return this;
        }

        public JsonRows Add(string value)
        {
            if (value == null) _json.WriteNullValue(); else _json.WriteStringValue(value);
            return this;
        }

        public JsonRows Add(long value)
        {
            _json.WriteNumberValue(value);
            return this;
        }

        public JsonRows Add(long? value)
        {
            if (value.HasValue) _json.WriteNumberValue(value.Value); else _json.WriteNullValue();
            return this;
        }

        public JsonRows Add(bool value)
        {
            _json.WriteNumberValue(value ? 1 : 0);
            return this;
        }

        /// <summary>The rows as the text json_each reads (a BLOB would be taken for SQLite's binary JSONB).</summary>
        public string Text()
        {
            _json.WriteEndArray();
            _json.Flush();
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }
    }
}
