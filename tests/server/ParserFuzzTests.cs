using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DoorController.Contract;
using DoorController.Contract.Json;
using DoorController.Server.Decisions;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// Every parser that reads what someone else sent — request bodies and query strings of the admin API, the MQTT
/// payloads the server receives (decision requests, replayed events, sync messages) and the contract's message
/// parsers — fed a bounded, seeded set of random and adversarial inputs built from valid samples: bytes that are not
/// UTF-8 inside strings (FF FF FF FF), lone surrogate escapes, overlong and surrogate UTF-8 forms, numbers out of
/// every range, deep nesting, truncations, flipped bytes, swapped types. Each must take its error path: false with a
/// message, or a 4xx naming the problem; never an exception and never a 500.
/// </summary>
public sealed class ParserFuzzTests : IDisposable
{
    private const int Seed = 1521;
    private const int MutationsPerSample = 60;
    private readonly ServerTestHost _server;

    public ParserFuzzTests()
    {
        // A broker nobody listens on: the bridge and its worker threads run, answers go nowhere.
        _server = new ServerTestHost(o => o.Mqtt = "127.0.0.1:9");
    }

    private static readonly byte[][] Hostile =
    {
        new byte[] { 0xFF, 0xFF, 0xFF, 0xFF },
        new byte[] { 0xC0, 0xAF },             // overlong '/'
        new byte[] { 0xED, 0xA0, 0x80 },       // UTF-8 of a surrogate
        new byte[] { 0xF4, 0x90, 0x80, 0x80 }, // above U+10FFFF
        new byte[] { 0x00 },
        Encoding.ASCII.GetBytes("\\ud800"),
        Encoding.ASCII.GetBytes("\\udfff\\ud800"),
        Encoding.ASCII.GetBytes("\\u0000"),
    };

    private static readonly string[] HostileValues =
    {
        "1e400", "-1e400", "99999999999999999999999999", "-9223372036854775809", "1.5", "-0", "0.0000001e-400",
        "null", "true", "{}", "[]", "\"\"", "\"x\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "\"\\ud800\"", "\"" + new string('a', 5000) + "\"", "NaN", "Infinity", "0x10", "01",
    };

    /// <summary>The sample itself, then seeded mutations of it and a few inputs unrelated to it.</summary>
    public static List<byte[]> Inputs(byte[] sample, int seed, int count)
    {
        var rng = new Random(seed);
        var list = new List<byte[]> { sample, Array.Empty<byte>(), Encoding.UTF8.GetBytes("\uFEFF").Concat(sample).ToArray() };
        string text = Encoding.UTF8.GetString(sample);
        for (int i = 0; i < count; i++)
        {
            switch (rng.Next(8))
            {
                case 0: // hostile bytes inside a string value
                    {
                        int quote = IndexOfNth(sample, (byte)'"', 1 + rng.Next(Math.Max(1, Count(sample, (byte)'"'))));
                        int at = quote < 0 ? rng.Next(sample.Length + 1) : quote + 1;
                        list.Add(sample.Take(at).Concat(Hostile[rng.Next(Hostile.Length)]).Concat(sample.Skip(at)).ToArray());
                        break;
                    }
                case 1: // one value replaced by something of another type or out of range
                    list.Add(Encoding.UTF8.GetBytes(ReplaceValue(text, rng, HostileValues[rng.Next(HostileValues.Length)])));
                    break;
                case 2: // truncated
                    list.Add(sample.Take(rng.Next(sample.Length)).ToArray());
                    break;
                case 3: // flipped bytes
                    {
                        byte[] copy = (byte[])sample.Clone();
                        for (int k = 0; k < 1 + rng.Next(4); k++) copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
                        list.Add(copy);
                        break;
                    }
                case 4: // random bytes
                    {
                        byte[] random = new byte[rng.Next(1, 300)];
                        rng.NextBytes(random);
                        list.Add(random);
                        break;
                    }
                case 5: // deep nesting
                    {
                        int depth = 20 + rng.Next(2000);
                        list.Add(Encoding.ASCII.GetBytes("{\"a\":" + new string('[', depth) + new string(']', depth) + "}"));
                        break;
                    }
                case 6: // a duplicated member and trailing garbage
                    list.Add(Encoding.UTF8.GetBytes(text.TrimEnd('}') + "," + text.TrimStart('{') + (rng.Next(2) == 0 ? "" : "xx")));
                    break;
                default: // every string value replaced by hostile bytes at once
                    {
                        var output = new List<byte>();
                        bool inString = false;
                        foreach (byte b in sample)
                        {
                            output.Add(b);
                            if (b == (byte)'"')
                            {
                                inString = !inString;
                                if (inString) output.AddRange(Hostile[rng.Next(Hostile.Length)]);
                            }
                        }
                        list.Add(output.ToArray());
                        break;
                    }
            }
        }
        return list;
    }

    private static int Count(byte[] bytes, byte b) => bytes.Count(x => x == b);

    private static int IndexOfNth(byte[] bytes, byte b, int n)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == b && --n == 0) return i;
        }
        return -1;
    }

    /// <summary>Replaces the value after one random ':' (up to the next ',' or '}') with <paramref name="value"/>.</summary>
    private static string ReplaceValue(string json, Random rng, string value)
    {
        var colons = Enumerable.Range(0, json.Length).Where(i => json[i] == ':').ToList();
        if (colons.Count == 0) return value;
        int at = colons[rng.Next(colons.Count)] + 1;
        int end = at;
        int depth = 0;
        bool quoted = false;
        while (end < json.Length)
        {
            char c = json[end];
            if (c == '"' && (end == 0 || json[end - 1] != '\\')) quoted = !quoted;
            else if (!quoted && (c == '{' || c == '[')) depth++;
            else if (!quoted && (c == '}' || c == ']')) { if (depth == 0) break; depth--; }
            else if (!quoted && c == ',' && depth == 0) break;
            end++;
        }
        return json.Substring(0, at) + value + json.Substring(end);
    }

    private delegate bool Parser(byte[] payload, out string error);

    /// <summary>Samples as they travel: rendered by the contract's own classes and sealed (the parsers read the body
    /// of a payload whose MAC was already checked, so the mac member is part of what they see).</summary>
    private static readonly WireKeys SampleKeys = new(Enumerable.Repeat((byte)3, 32).ToArray(), new LinkTopics("fuzz"));

    private static byte[] Sealed(string suffix, byte[] json) => SampleKeys.Seal(SampleKeys.Topics.Topic(suffix), json);

    private static readonly (string Name, byte[] Sample, Parser Parse)[] MessageParsers =
    {
        ("decision request", Sealed("decide/req", new DecisionRequest { RequestId = "r1", Nonce = 5, Door = 1, Reader = 2, CredentialKind = "nfc", CredentialHash = "00112233445566778899aabbccddeeff", At = 1_790_000_000 }.ToJson()),
            (byte[] p, out string e) => DecisionRequest.TryParse(p, out _, out e)),
        ("decision response", Sealed("decide/resp", new DecisionResponse { RequestId = "r1", Nonce = 5, Granted = true, Reason = "granted", UnlockMilliseconds = 5000, Extended = true }.ToJson()),
            (byte[] p, out string e) => DecisionResponse.TryParse(p, out _, out e)),
        ("event message", Sealed("events", new EventMessage { Sequence = 7, EventJson = "{\"id\":7,\"type\":\"boot\",\"utc-ms\":1}" }.ToJson()),
            (byte[] p, out string e) => EventMessage.TryParse(p, out _, out e)),
        ("event ack", Sealed("events/ack", new EventAck { UpTo = 7, EventMac = new string('a', 64) }.ToJson()), (byte[] p, out string e) => EventAck.TryParse(p, out _, out e)),
        ("sync request", Sealed("sync/req", new SyncRequest { Nonce = 6, Have = 3, Reason = "boot" }.ToJson()), (byte[] p, out string e) => SyncRequest.TryParse(p, out _, out e)),
        ("sync result", Sealed("sync/result", new SyncResult { Nonce = 7, Version = 4, Ok = true, Error = "", Installed = 4 }.ToJson()), (byte[] p, out string e) => SyncResult.TryParse(p, out _, out e)),
        ("command result", Sealed("cmd/result", new CommandResult { Nonce = 8, RequestId = "c5", Command = "unlock", Ok = true, Error = "" }.ToJson()), (byte[] p, out string e) => CommandResult.TryParse(p, out _, out e)),
        ("command", Encoding.UTF8.GetBytes("{\"v\":1,\"request-id\":\"c5\",\"command\":\"unlock\",\"door\":1,\"duration-ms\":5000,\"counter\":9,\"issued-at\":1790000000,\"mac\":\"00\"}"), (byte[] p, out string e) => CommandMessage.TryParse(p, out _, out e)),
        ("clock", Sealed("clock", new ClockMessage { Nonce = 9, UtcMilliseconds = 1_790_000_000_000 }.ToJson()), (byte[] p, out string e) => ClockMessage.TryParse(p, out _, out e)),
        ("error", Sealed("error", new ErrorMessage { Nonce = 10, Topic = "x", Error = "y" }.ToJson()), (byte[] p, out string e) => ErrorMessage.TryParse(p, out _, out e)),
        ("notification", Sealed("notify", new Notification { Door = 1, Text = "t", Tone = "alarm", DurationMilliseconds = 3000, IssuedMilliseconds = 1_790_000_000_000 }.ToJson()), (byte[] p, out string e) => Notification.TryParse(p, out _, out e)),
        ("replayed event (server)", Sealed("events", new EventMessage { Sequence = 7, Previous = 6, EventJson = DoorController.TestSupport.FirmwareEvents.DoorForced(7, 1_790_000_000_000, 1) }.ToJson()),
            (byte[] p, out string e) => ReplayedEvent.TryParse(p, out _, out e)),
        ("clock request", Sealed("clock/req", new ClockRequest { Nonce = 11 }.ToJson()), (byte[] p, out string e) => ClockRequest.TryParse(p, out _, out e)),
    };

    [Fact]
    public void Every_Mqtt_Message_Parser_Answers_False_With_A_Reason_And_Never_Throws()
    {
        int cases = 0, refused = 0;
        var escaped = new List<string>();
        for (int m = 0; m < MessageParsers.Length; m++)
        {
            var (name, sample, parse) = MessageParsers[m];
            Assert.True(parse(sample, out string sampleError), name + " sample must parse: " + sampleError);
            foreach (byte[] input in Inputs(sample, Seed + m, MutationsPerSample))
            {
                cases++;
                try
                {
                    if (!parse(input, out string error))
                    {
                        refused++;
                        Assert.False(string.IsNullOrEmpty(error), name + ": refused without a reason: " + Convert.ToHexString(input));
                    }
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    escaped.Add(name + ": " + e.GetType().Name + " on " + Convert.ToHexString(input.Take(80).ToArray()));
                }
            }
        }
        Assert.True(escaped.Count == 0, escaped.Count + " of " + cases + " inputs threw:\n" + string.Join("\n", escaped.Take(10)));
        Assert.True(refused > cases / 2, "most mutations must be refused (" + refused + " of " + cases + ")");
    }

    [Fact]
    public void The_Contract_Json_Reader_Never_Throws_On_Text_Either()
    {
        var rng = new Random(Seed);
        for (int i = 0; i < 500; i++)
        {
            var chars = new char[rng.Next(0, 200)];
            const string alphabet = "{}[]\":,\\u0123456789abcdefnulltrue -+.eE\uD800\uDC00\u0000";
            for (int k = 0; k < chars.Length; k++) chars[k] = alphabet[rng.Next(alphabet.Length)];
            JsonReader.TryParse(new string(chars), out _, out _);
        }
        Assert.False(JsonReader.TryParse("{\"a\":" + new string('[', 10_000), out _, out string error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Hostile_Mqtt_Payloads_Reach_The_Servers_Workers_And_Leave_Them_Serving()
    {
        var s = _server.Host.Services;
        var (device, key) = s.Devices.Register(new DeviceInput("Gate", "entrance", "both", null, null, null, null));
        string reader = s.Devices.AddReader(device, new ReaderInput(null, "G1", "entry", null, null, null));
        var bridge = _server.Host.Mqtt!;
        var topics = new LinkTopics(device);
        var keys = new WireKeys(Convert.FromHexString(key), topics);
        int m = 0;
        foreach (var (topic, body) in new[]
        {
            (topics.DecisionRequest, new DecisionRequest { RequestId = "r1", Nonce = 5, Door = 0, Reader = 2, CredentialKind = "nfc", CredentialHash = "00112233445566778899aabbccddeeff", At = 1_790_000_000 }.ToJson()),
            (topics.Events, Encoding.UTF8.GetBytes("{\"seq\":7,\"event\":{\"id\":7,\"type\":\"access_decision\",\"utc-ms\":1,\"user\":\"3\",\"reader\":\"2\",\"method\":\"nfc\",\"credential-hash\":\"00\"}}")),
            (topics.SyncRequest, new SyncRequest { Nonce = 6, Have = 3, Reason = "boot" }.ToJson()),
            (topics.SyncResult, new SyncResult { Nonce = 7, Version = 4, Ok = true, Error = "", Installed = 4 }.ToJson()),
            (topics.ClockRequest, new ClockRequest { Nonce = 8 }.ToJson()),
            (topics.Error, new ErrorMessage { Nonce = 9, Topic = "x", Error = "y" }.ToJson()),
        })
        {
            foreach (byte[] input in Inputs(body, Seed + 100 + m++, MutationsPerSample))
            {
                // On the network thread in production: it must not throw. Unsealed, the MAC check refuses it; sealed
                // with the controller's own key (a controller gone wrong), the parsers behind that check see it.
                bridge.OnMessage(topic, input);
                if (input.Length > 0) bridge.OnMessage(topic, keys.Seal(topic, input));
            }
        }
        foreach (string badTopic in new[] { "", "dc/v1/dev/", "dc/v1/dev/\u0000/decide/req", "dc/v1/dev/" + new string('x', 5000) + "/events", "dc/v1/dev/a/b/c/d/e" })
        {
            bridge.OnMessage(badTopic, MessageParsers[0].Sample);
        }

        // The decision worker is still alive: a valid request (with a nonce above any a mutation can have carried) is
        // decided and logged (the answer has no broker to go to).
        int readerNumber = NumericIds.Of(_server.Host.Store.Db, reader);
        var request = new DecisionRequest { RequestId = "after-fuzz", Nonce = long.MaxValue, Door = 0, Reader = readerNumber, CredentialKind = "nfc", CredentialHash = new string('0', 32), At = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        long before = Rows(device, "online");
        bridge.OnMessage(topics.DecisionRequest, keys.Seal(topics.DecisionRequest, request.ToJson()));
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && Rows(device, "online") == before) Thread.Sleep(50);
        Assert.True(Rows(device, "online") > before, "the decision worker stopped serving after the hostile payloads");
        // A controller's malformed request is refused as such, not taken for the database failing.
        Assert.False(s.Health.IsFailing(StorageHealth.Decisions), "hostile requests were reported as storage trouble");
        Assert.Equal(0, s.Health.UnansweredDecisions);
    }

    private long Rows(string device, string source) =>
        _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM access_log WHERE device_id = @d AND source = @s", new { d = device, s = source })!.Long("n");

    private static readonly (string Path, string Sample)[] Bodies =
    {
        ("/api/users", "{\"name\":\"Eve\",\"attribute\":\"employee\",\"validFrom\":1790000000000,\"credentials\":[{\"method\":\"pin\",\"value\":\"1234\"}],\"permissions\":[]}"),
        ("/api/devices", "{\"name\":\"Gate\",\"location\":\"lobby\",\"usage\":\"both\",\"latitude\":35.6,\"longitude\":139.7}"),
        ("/api/areas", "{\"name\":\"Lobby\"}"),
        ("/api/guest-passes", "{\"name\":\"Guest\",\"inviterId\":\"u-1\",\"validFrom\":1790000000000,\"validUntil\":1790003600000,\"readerIds\":[\"r-1\"]}"),
        ("/api/delivery-codes", "{\"label\":\"parcel\",\"validUntil\":1790003600000,\"readerIds\":[\"r-1\"]}"),
        ("/api/auth/login", "{\"username\":\"nobody\",\"password\":\"wrong-password\"}"),
    };

    [Fact]
    public void Hostile_Request_Bodies_Get_A_Clear_4xx_And_Never_A_500()
    {
        using HttpClient admin = _server.SignedIn();
        var failures = new List<string>();
        int requests = 0;
        for (int b = 0; b < Bodies.Length; b++)
        {
            var (path, sample) = Bodies[b];
            foreach (byte[] body in Inputs(Encoding.UTF8.GetBytes(sample), Seed + 200 + b, 40))
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var res = admin.PostAsync(path, content).Result;
                requests++;
                int status = (int)res.StatusCode;
                string text = res.Content.ReadAsStringAsync().Result;
                if (status >= 500) failures.Add(path + " " + status + " for " + Convert.ToHexString(body.Take(60).ToArray()));
                else if (status >= 400 && !HasError(text)) failures.Add(path + " " + status + " without an error message");
            }
        }
        Assert.True(failures.Count == 0, failures.Count + " of " + requests + " requests were not answered clearly:\n" + string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void Hostile_Query_Strings_Get_A_Clear_4xx_And_Never_A_500()
    {
        using HttpClient admin = _server.SignedIn();
        string[] values = { "", "-1", "0", "99999999999999999999", "1e3", "%FF%FF", "%00", "abc", "1;DROP", "%E0%80%80", "1,2", "\u00e9" };
        string[] paths = { "/api/log?limit=", "/api/log?after=", "/api/alerts?limit=", "/api/audit?limit=", "/api/devices/x/deltas?since=" };
        var failures = new List<string>();
        foreach (string path in paths)
        {
            foreach (string value in values)
            {
                using var res = admin.GetAsync(path + value).Result;
                if ((int)res.StatusCode >= 500) failures.Add(path + value + " → " + (int)res.StatusCode);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool HasError(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.TryGetProperty("error", out var e) && e.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose() => _server.Dispose();
}
