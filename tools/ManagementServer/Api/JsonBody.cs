using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace DoorController.Server.Api
{
    /// <summary>
    /// Reads a request body as one JSON object and hands out typed fields, refusing (400/413/415) with a message
    /// that names the field and what was expected. Handlers parse everything before they write anything.
    /// </summary>
    public sealed class JsonBody
    {
        public const int MaxBodyBytes = 64 * 1024;

        /// <summary>
        /// An oversize body up to this size is read and discarded before the 413 goes out, so the client gets the
        /// answer instead of a connection reset while it is still sending; larger ones are cut off by Kestrel.
        /// </summary>
        public const int DrainLimitBytes = 1024 * 1024;
        private readonly JsonElement _root;

        private JsonBody(JsonElement root)
        {
            _root = root;
        }

        private static async Task DrainAsync(HttpRequest request)
        {
            var sink = new byte[8192];
            long total = 0;
            int n;
            while (total < DrainLimitBytes && (n = await request.Body.ReadAsync(sink, 0, sink.Length)) > 0) total += n;
        }

        public static async Task<JsonBody> ReadAsync(HttpRequest request)
        {
            if (request.ContentLength > MaxBodyBytes)
            {
                await DrainAsync(request);
                throw new ApiException(413, "body too large (limit " + MaxBodyBytes + " bytes)");
            }
            if (!IsJson(request.ContentType))
            {
                throw new ApiException(415, "send the body as application/json");
            }
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int n;
            while ((n = await request.Body.ReadAsync(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > MaxBodyBytes)
                {
                    await DrainAsync(request);
                    throw new ApiException(413, "body too large (limit " + MaxBodyBytes + " bytes)");
                }
                buffer.Write(chunk, 0, n);
            }
            byte[] bytes = buffer.ToArray();
            CheckUtf8(bytes);
            try
            {
                using (var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 }))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("the body must be a JSON object");
                    CheckStrings(doc.RootElement, "");
                    return new JsonBody(doc.RootElement.Clone());
                }
            }
            catch (JsonException e)
            {
                throw ApiException.BadRequest("malformed JSON: " + e.Message);
            }
        }

        /// <summary>application/json, with or without parameters (charset).</summary>
        public static bool IsJson(string contentType)
        {
            if (contentType == null) return false;
            int semicolon = contentType.IndexOf(';');
            string media = (semicolon < 0 ? contentType : contentType.Substring(0, semicolon)).Trim();
            return media.Equals("application/json", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The whole body must be well-formed UTF-8 (no stray bytes, overlong forms or encoded surrogates).</summary>
        private static void CheckUtf8(byte[] bytes)
        {
            var chars = new char[Math.Max(1, bytes.Length)];
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out int read, out _, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                throw ApiException.BadRequest("the body is not valid UTF-8 (bad byte sequence at offset " + read + ")");
            }
        }

        /// <summary>Every string and property name must decode: an escaped lone surrogate (\uD800 without its pair)
        /// is valid JSON syntax but no text, and is refused here rather than failing in a handler.</summary>
        private static void CheckStrings(JsonElement e, string path)
        {
            try
            {
                switch (e.ValueKind)
                {
                    case JsonValueKind.String:
                        e.GetString();
                        break;
                    case JsonValueKind.Object:
                        foreach (var p in e.EnumerateObject())
                        {
                            string name = p.Name;
                            CheckStrings(p.Value, path + "." + name);
                        }
                        break;
                    case JsonValueKind.Array:
                        int i = 0;
                        foreach (var item in e.EnumerateArray()) CheckStrings(item, path + "[" + i++ + "]");
                        break;
                }
            }
            catch (InvalidOperationException)
            {
                throw ApiException.BadRequest("the body holds an unpaired surrogate escape (\\uD800-\\uDFFF) at " + (path.Length == 0 ? "the top level" : path.Substring(1)) + ": not valid text");
            }
        }

        public static JsonBody Of(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest(name + " must be an object");
            return new JsonBody(element);
        }

        private bool Find(string name, out JsonElement value)
        {
            return _root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
        }

        public string String(string name, bool required = false, int maxLength = 500)
        {
            JsonElement v;
            if (!Find(name, out v))
            {
                if (required) throw ApiException.BadRequest(name + " is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String) throw ApiException.BadRequest(name + " must be a string");
            string s = v.GetString();
            if (s.Length > maxLength) throw ApiException.BadRequest(name + " is longer than " + maxLength + " characters");
            return s;
        }

        public long? Long(string name, bool required = false)
        {
            JsonElement v;
            if (!Find(name, out v))
            {
                if (required) throw ApiException.BadRequest(name + " is required");
                return null;
            }
            long result;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out result)) throw ApiException.BadRequest(name + " must be an integer");
            return result;
        }

        /// <summary>Whether the member is present at all (also when it is null: "parentId": null means "none").</summary>
        public bool Has(string name)
        {
            return _root.TryGetProperty(name, out _);
        }

        /// <summary>An optional integer in a range; absent or null gives null.</summary>
        public int? OptionalInt(string name, int min, int max)
        {
            long? v = Long(name);
            if (!v.HasValue) return null;
            if (v < min || v > max) throw ApiException.BadRequest(name + " must be " + min + "-" + max);
            return (int)v.Value;
        }

        public int Int(string name, int min, int max)
        {
            long v = Long(name, true).Value;
            if (v < min || v > max) throw ApiException.BadRequest(name + " must be " + min + "-" + max);
            return (int)v;
        }

        public double? Double(string name)
        {
            JsonElement v;
            if (!Find(name, out v)) return null;
            if (v.ValueKind != JsonValueKind.Number) throw ApiException.BadRequest(name + " must be a number");
            return v.GetDouble();
        }

        public bool? Bool(string name, bool required = false)
        {
            JsonElement v;
            if (!Find(name, out v))
            {
                if (required) throw ApiException.BadRequest(name + " is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.True && v.ValueKind != JsonValueKind.False) throw ApiException.BadRequest(name + " must be true or false");
            return v.GetBoolean();
        }

        public List<JsonBody> Objects(string name, int maxCount = 64)
        {
            var list = new List<JsonBody>();
            foreach (var e in Array(name, maxCount)) list.Add(Of(e, name + "[]"));
            return list;
        }

        public List<string> Strings(string name, int maxCount = 64)
        {
            var list = new List<string>();
            foreach (var e in Array(name, maxCount))
            {
                if (e.ValueKind != JsonValueKind.String) throw ApiException.BadRequest(name + " must be an array of strings");
                list.Add(e.GetString());
            }
            return list;
        }

        private List<JsonElement> Array(string name, int maxCount)
        {
            var list = new List<JsonElement>();
            JsonElement v;
            if (!Find(name, out v)) return list;
            if (v.ValueKind != JsonValueKind.Array) throw ApiException.BadRequest(name + " must be an array");
            if (v.GetArrayLength() > maxCount) throw ApiException.BadRequest(name + " may hold at most " + maxCount + " items");
            foreach (var e in v.EnumerateArray()) list.Add(e);
            return list;
        }
    }
}
