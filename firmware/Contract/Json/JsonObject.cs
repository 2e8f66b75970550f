using DoorController.Core;

namespace DoorController.Contract.Json
{
    /// <summary>
    /// A parsed JSON object. Values are string, long, double, bool, <see cref="JsonObject"/>, ArrayList or
    /// <see cref="Null"/>. The typed getters return false on a missing key or a wrong type, so a message parser can
    /// turn "sent a string where a number belongs" into an error result instead of an exception.
    /// </summary>
    public sealed class JsonObject
    {
        /// <summary>Stands for a JSON null (the map cannot tell a stored null from a missing key).</summary>
        public static readonly object Null = new object();

        private readonly ObjectMap _members = new ObjectMap();

        public int Count
        {
            get { return _members.Count; }
        }

        public bool Has(string key)
        {
            return _members.Contains(key);
        }

        public object Get(string key)
        {
            return _members[key];
        }

        internal void Set(string key, object value)
        {
            _members[key] = value;
        }

        public bool TryGetString(string key, out string value)
        {
            value = _members[key] as string;
            return value != null;
        }

        public bool TryGetLong(string key, out long value)
        {
            object raw = _members[key];
            if (raw is long)
            {
                value = (long)raw;
                return true;
            }
            value = 0;
            return false;
        }

        public bool TryGetBool(string key, out bool value)
        {
            object raw = _members[key];
            if (raw is bool)
            {
                value = (bool)raw;
                return true;
            }
            value = false;
            return false;
        }

        public bool TryGetObject(string key, out JsonObject value)
        {
            value = _members[key] as JsonObject;
            return value != null;
        }

        public bool IsNull(string key)
        {
            return _members[key] == Null;
        }
    }
}
