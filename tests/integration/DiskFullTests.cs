using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using DoorController.Config;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;
using DoorController.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// The server's data directory on a small tmpfs that the test fills to the last byte, with the real server
/// executable, mosquitto and a virtual controller running the firmware. While the disk still takes commits (the WAL's
/// space, the database's free pages) every online answer has its row; once the access log cannot be written the
/// server answers no online decision (it cannot log it), raises the alert on its log and in /api/health, and the
/// controller decides from its signed cache and journals; once space returns the journal is replayed and every
/// event is stored, once.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const string AdminPassword = "disk-full-password";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "doorctl-diskfull-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _mount;
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private ServerProcess? _server;
    private VirtualController? _controller;
    private HttpClient? _api;

    public DiskFullTests()
    {
        _mount = Path.Combine(_root, "small-disk");
        Directory.CreateDirectory(_mount);
    }

    private static (int Code, string Output) Run(string file, string args)
    {
        var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Trim());
    }


    private JsonElement Get(string path) => JsonDocument.Parse(_api!.GetStringAsync(path).Result).RootElement;

    private string Post(string path, object body) => Id(_api!.PostAsync(path, Json(body)).Result);

    /// <summary>Server numbers of ids (the controller is provisioned with them), read from a read-only connection.</summary>
    private Dictionary<string, int> Numbers(string dataDir)
    {
        var numbers = new Dictionary<string, int>();
        using var c = new SqliteConnection("Data Source=" + Path.Combine(dataDir, ServerHost.DatabaseFileName) + ";Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT num, ref FROM numeric_ids";
        using var r = cmd.ExecuteReader();
        while (r.Read()) numbers[r.GetString(1)] = r.GetInt32(0);
        return numbers;
    }

    private string Present(string uid) => DecisionAt.Card(_controller!, uid, 10);

    /// <summary>Writes until the filesystem refuses (ENOSPC), in ever smaller pieces so not one byte is left.</summary>
    private static long Fill(string path)
    {
        long written = 0;
        using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        foreach (int size in new[] { 1 << 20, 1 << 16, 1 << 12, 1 })
        {
            var chunk = new byte[size];
            try
            {
                while (true)
                {
                    f.Write(chunk, 0, size);
                    written += size;
                }
            }
            catch (IOException e) when (e.HResult == 28 || e.Message.Contains("space", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
        return written;
    }

    private long Rows(string device, string source) =>
        Get("/api/log?limit=500").EnumerateArray().Count(r => r.GetProperty("deviceId").GetString() == device && r.GetProperty("source").GetString() == source);

    [Fact]
    public void With_The_Disk_Full_Decisions_Go_Unanswered_Controllers_Decide_From_Their_Cache_And_Nothing_Is_Lost_When_Space_Returns()
    {
        var mount = Run("mount", "-t tmpfs -o size=16m,mode=0700 doorctl-test " + _mount);
        Assert.True(mount.Code == 0, "the disk-full test mounts a 16 MB tmpfs and needs root for it: mount said: " + mount.Output);
        string data = Path.Combine(_mount, "data");
        // The broker settings (the server's identity and the dynsec admin login) live outside the small disk.
        string brokerSettings = Path.Combine(_root, "broker.json");
        BrokerAccess.Of(_broker).Save(brokerSettings);
        _server = ServerProcess.Start("--data " + data + " --port 0 --mqtt-config " + brokerSettings, new Dictionary<string, string> { ["DOORCTL_ADMIN_PASSWORD"] = AdminPassword });
        _api = new HttpClient { BaseAddress = new Uri(_server.Url!) };
        var login = JsonDocument.Parse(_api.PostAsync("/api/auth/login", Json(new { username = "admin", password = AdminPassword })).Result.Content.ReadAsStringAsync().Result).RootElement;
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("token").GetString());

        var device = JsonDocument.Parse(_api.PostAsync("/api/devices", Json(new { name = "Gate", location = "hall", usage = "both" })).Result.Content.ReadAsStringAsync().Result).RootElement;
        string gate = device.GetProperty("id").GetString()!, key = device.GetProperty("key").GetString()!;
        JsonElement brokerLogin = device.GetProperty("broker");
        string door = Post("/api/devices/" + gate + "/doors", new { name = "Front" });
        string reader = Post("/api/devices/" + gate + "/readers", new { name = "Front", usage = "both", doorId = door });
        Post("/api/users", new
        {
            name = "Alice", attribute = "employee", credentials = new[] { new { method = "nfc", value = "04A1B2C3" } },
            permissions = new[] { new { readerId = reader, windows = new[] { new { days = 255, start = 0, end = 1440 } } } },
        });
        var num = Numbers(data);

        _controller = new VirtualController("gate", Path.Combine(_root, "flash"));
        var identity = new BrokerLogin(brokerLogin.GetProperty("username").GetString()!, brokerLogin.GetProperty("password").GetString()!, gate);
        var config = ProvisionedLink.For(_broker, gate, key, identity);
        (config.DoorId, config.NfcReaderId) = (num[door], num[reader]);
        (config.RelayPin, config.DoorContactPin, config.RexPin, config.LedPin, config.BuzzerPin) = (26, 27, 14, 2, 4);
        _controller.Provision(config);
        _controller.Start();
        WaitFor(() => _controller.Inspect(app => app.Cache.Version) > 0 && _controller.Inspect(app => app.Link.IsOnline), "the controller online with its signed cache");
        Assert.Equal("granted (granted, online)", Present("04A1B2C3"));
        WaitFor(() => !_controller.LockIsUnlocked, "the door to lock again");

        // The disk fills up.
        long filled = Fill(Path.Combine(_mount, "filler"));
        Assert.True(filled > 0);
        // The server's write-ahead log reuses the space it already holds after each checkpoint, and rows fill the
        // database's free room first, so commits stay durable on a full disk for a while (each such answer has its
        // row); the first one that needs new space goes unanswered and the controller decides from its valid cache.
        string offline;
        int answeredOnFullDisk = 0;
        while ((offline = Present("04A1B2C3")) == "granted (granted, online)" && ++answeredOnFullDisk < 450) { } // within one page of /api/log (500 rows)
        Assert.Equal("granted (granted, offline)", offline);
        Assert.Equal(1 + answeredOnFullDisk, Rows(gate, "online")); // every online answer has its durable row
        Assert.True(_controller.LockIsUnlocked, "the door did not open for a valid card while the server's disk was full");
        Assert.Equal("denied (unknown-credential, offline)", Present("04FFFFFF"));
        Assert.True(_controller.Inspect(app => app.Journal.Depth) >= 2);

        WaitFor(() => _server.Errors.Any(l => l.StartsWith("ALERT access-log") && l.Contains("full")), "the server's alert about its log");
        var health = Get("/api/health");
        Assert.False(health.GetProperty("ok").GetBoolean());
        Assert.Equal("access-log", health.GetProperty("failing")[0].GetProperty("condition").GetString());
        Assert.True(health.GetProperty("unansweredDecisions").GetInt64() >= 2);
        Assert.Equal(0, Rows(gate, "offline")); // nothing could be stored yet
        Thread.Sleep(6000); // at least one resend of the journal (5 s without an ack) meets the full disk
        Assert.True(_controller.Inspect(app => app.Journal.Depth) >= 2, "the controller dropped events the server never stored");

        // Space returns: the journal replays, every event is stored once, and the outage is on record.
        File.Delete(Path.Combine(_mount, "filler"));
        WaitFor(() => _controller.Inspect(app => app.Journal.Depth) == 0, "the journal to be acknowledged", 30);
        var log = Get("/api/log?limit=500").EnumerateArray().Where(r => r.GetProperty("deviceId").GetString() == gate).ToList();
        var stored = log.Where(r => r.GetProperty("source").GetString() == "offline").Select(r => r.GetProperty("reason").GetString()).OrderBy(r => r).ToList();
        Assert.Equal(new[] { "granted", "unknown-credential" }, stored); // both decisions taken while the disk was full
        var journalIds = log.Where(r => r.GetProperty("journalId").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("journalId").GetInt64()).ToList();
        Assert.Equal(journalIds.Count, journalIds.Distinct().Count()); // none stored twice
        WaitFor(() => Get("/api/health").GetProperty("ok").GetBoolean(), "health to recover");
        Assert.Contains(Get("/api/alerts?limit=50").EnumerateArray(), a => a.GetProperty("kind").GetString() == "server-access-log-recovered");
        Assert.EndsWith(", online)", Present("04A1B2C3")); // answered by the server again
    }

    public void Dispose()
    {
        _controller?.Dispose();
        _api?.Dispose();
        _server?.Dispose();
        _broker.Dispose();
        if (Run("umount", _mount).Code != 0) Run("umount", "-l " + _mount);
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }
}
