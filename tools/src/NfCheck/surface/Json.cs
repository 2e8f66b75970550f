// nanoFramework.Json 2.2.203 - section 15 of nanoframework-api.md (namespace nanoFramework.Json).
// The target type is passed as a Type and the result must be cast (no generics).

namespace nanoFramework.Json
{
    using System;
    using System.IO;

    public static class JsonConvert
    {
        public static extern string SerializeObject(object oSource);
        public static extern object DeserializeObject(string value, Type type);
        public static extern object DeserializeObject(string value, Type type, JsonSerializerOptions options);
        public static extern object DeserializeObject(Stream stream, Type type);
        public static extern object DeserializeObject(Stream stream, Type type, JsonSerializerOptions options);
        public static extern object DeserializeObject(StreamReader streamReader, Type type);
        public static extern object DeserializeObject(StreamReader streamReader, Type type, JsonSerializerOptions options);
    }

    public class JsonSerializer
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern JsonSerializer();
        public static extern string SerializeObject(object o, bool topObject = true);
    }

    public sealed class JsonSerializerOptions
    {
        public extern JsonSerializerOptions();
        public extern JsonSerializerOptions(JsonSerializerDefaults defaults);
        public static extern JsonSerializerOptions Default { get; }
        public extern IMemberResolver Resolver { get; set; }
        public extern bool PropertyNameCaseInsensitive { get; set; }
        public extern bool ThrowExceptionWhenPropertyNotFound { get; set; }
    }

    // Named by JsonSerializerOptions.Resolver; members not listed in the data file.
    public interface IMemberResolver
    {
    }

    public enum JsonSerializerDefaults
    {
        General,
        Web,
    }

    public static class ConvertersMapping
    {
        public static extern void Add(Type type, IConverter converter);
        public static extern void Remove(Type type);
        public static extern void Replace(Type type, IConverter converter);
    }

    public interface IConverter
    {
        object ToType(object value);
        string ToJson(object value);
    }

    public class DeserializationException : Exception
    {
        private extern DeserializationException();
    }

    public class SerializationException : Exception
    {
        private extern SerializationException();
    }
}
