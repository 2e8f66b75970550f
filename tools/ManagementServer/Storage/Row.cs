using System;
using System.Collections.Generic;

namespace DoorController.Server.Storage
{
    /// <summary>One result row, with readers that smooth over provider differences (SQLite returns every integer
    /// as Int64, PostgreSQL returns Int32 for INTEGER columns).</summary>
    public sealed class Row
    {
        private readonly Dictionary<string, object> _values;

        public Row(Dictionary<string, object> values)
        {
            _values = values;
        }

        public IReadOnlyDictionary<string, object> Values => _values;

        public bool IsNull(string column)
        {
            object v;
            return !_values.TryGetValue(column, out v) || v == null || v is DBNull;
        }

        public string Str(string column)
        {
            return IsNull(column) ? null : Convert.ToString(_values[column], System.Globalization.CultureInfo.InvariantCulture);
        }

        public long Long(string column)
        {
            return IsNull(column) ? 0 : Convert.ToInt64(_values[column], System.Globalization.CultureInfo.InvariantCulture);
        }

        public long? NLong(string column)
        {
            return IsNull(column) ? (long?)null : Long(column);
        }

        public double? NDouble(string column)
        {
            return IsNull(column) ? (double?)null : Convert.ToDouble(_values[column], System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool Bool(string column)
        {
            return Long(column) != 0;
        }
    }
}
