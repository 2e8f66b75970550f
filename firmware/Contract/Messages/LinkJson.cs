using DoorController.Contract.Json;

namespace DoorController.Contract
{
    /// <summary>Shared envelope rules: every control message is a JSON object whose "v" is the protocol version.</summary>
    public static class LinkJson
    {
        public const int Version = 1;

        /// <summary>A writer with the envelope's "v" already written.</summary>
        public static JsonWriter Begin()
        {
            return new JsonWriter().BeginObject().Number("v", Version);
        }

        /// <summary>Parses a payload and checks its version; the error text names what was wrong.</summary>
        public static bool TryOpen(byte[] payload, out JsonObject obj, out string error)
        {
            if (!JsonReader.TryParse(payload, out obj, out error))
            {
                return false;
            }
            long version;
            if (!obj.TryGetLong("v", out version))
            {
                error = obj.Has("v") ? "\"v\" is not a number" : "missing \"v\"";
                obj = null;
                return false;
            }
            if (version != Version)
            {
                error = "unsupported version " + version;
                obj = null;
                return false;
            }
            return true;
        }

        public static bool RequireString(JsonObject obj, string key, out string value, ref string error)
        {
            if (obj.TryGetString(key, out value))
            {
                return true;
            }
            error = Problem(obj, key, "a string");
            return false;
        }

        public static bool RequireLong(JsonObject obj, string key, out long value, ref string error)
        {
            if (obj.TryGetLong(key, out value))
            {
                return true;
            }
            error = Problem(obj, key, "an integer");
            return false;
        }

        public static bool RequireBool(JsonObject obj, string key, out bool value, ref string error)
        {
            if (obj.TryGetBool(key, out value))
            {
                return true;
            }
            error = Problem(obj, key, "a boolean");
            return false;
        }

        /// <summary>An optional integer: absent or null gives <paramref name="fallback"/>; a wrong type is an error.</summary>
        public static bool OptionalLong(JsonObject obj, string key, long fallback, out long value, ref string error)
        {
            value = fallback;
            if (!obj.Has(key) || obj.IsNull(key))
            {
                return true;
            }
            if (obj.TryGetLong(key, out value))
            {
                return true;
            }
            error = Problem(obj, key, "an integer");
            return false;
        }

        public static bool OptionalString(JsonObject obj, string key, out string value, ref string error)
        {
            value = null;
            if (!obj.Has(key) || obj.IsNull(key))
            {
                return true;
            }
            if (obj.TryGetString(key, out value))
            {
                return true;
            }
            error = Problem(obj, key, "a string");
            return false;
        }

        private static string Problem(JsonObject obj, string key, string expected)
        {
            return obj.Has(key) ? "\"" + key + "\" is not " + expected : "missing \"" + key + "\"";
        }
    }
}
