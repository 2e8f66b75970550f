using System.Text;
using DoorController.Core;
using DoorController.Contract;
using DoorController.Server;
using DoorController.Server.Services;
using Microsoft.Data.Sqlite;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// What the server leaves on disk: a private data directory, private database, WAL and key files, device keys
/// sealed under a master key kept outside the database (a copy of the database alone opens no controller), old
/// plaintext keys sealed and scrubbed from the files, and no secret taken from the command line or printed.
/// </summary>
public sealed class AtRestTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-rest-" + Guid.NewGuid().ToString("N")[..8]);
    private string Data => Path.Combine(_dir, "data");
    private string DbPath => Path.Combine(Data, ServerHost.DatabaseFileName);

    private ServerHost Create(string? data = null, Action<ServerOptions>? configure = null)
    {
        var options = new ServerOptions { DataDirectory = data ?? Data, Port = 0, AdminPassword = "rest-password-1", RunRetentionJob = false };
        configure?.Invoke(options);
        return ServerHost.Create(options);
    }

    private static UnixFileMode Mode(string path) => File.GetUnixFileMode(path) & (UnixFileMode)0x1FF;

    /// <summary>A device registered through the services, and a remote command the server signed for it.</summary>
    private static (string Device, byte[] Key, CommandMessage Signed) DeviceWithCommand(ServerHost host)
    {
        var (device, keyHex) = host.Services.Devices.Register(new DeviceInput("Gate", "hall", "both", null, null, null, null));
        var capture = new CapturingPublisher();
        host.Services.UsePublisher(capture);
        host.Services.Commands.Issue(device, null, "unlock", "admin");
        Assert.True(CommandMessage.TryParse(Encoding.UTF8.GetBytes(capture.Last!), out CommandMessage signed, out _));
        Assert.True(Hex.TryDecode(keyHex, out byte[] key));
        Assert.True(Verifies(signed, key, device), "the command does not verify with the real key: the check below would prove nothing");
        return (device, key, signed);
    }

    private static bool Verifies(CommandMessage m, byte[] key, string device)
    {
        string mac = m.Mac;
        m.Sign(key, device);
        bool ok = m.Mac == mac;
        m.Mac = mac;
        return ok;
    }

    /// <summary>Every file of the database (main file, WAL, shared memory) as bytes.</summary>
    private static byte[] DatabaseBytes(string dbPath)
    {
        var all = new MemoryStream();
        foreach (string p in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
        {
            if (File.Exists(p)) all.Write(File.ReadAllBytes(p));
        }
        return all.ToArray();
    }

    private static bool Holds(byte[] haystack, byte[] key)
    {
        string hex = Hex.Encode(key);
        foreach (byte[] needle in new[] { key, Encoding.ASCII.GetBytes(hex.ToUpperInvariant()), Encoding.ASCII.GetBytes(hex.ToLowerInvariant()), Encoding.ASCII.GetBytes(Convert.ToBase64String(key)) })
        {
            if (haystack.AsSpan().IndexOf(needle) >= 0) return true;
        }
        return false;
    }

    [Fact]
    public void The_Data_Directory_Is_0700_And_The_Database_Wal_And_Key_Files_0600()
    {
        using (var host = Create())
        {
            host.Start();
            DeviceWithCommand(host); // writes: the WAL and shared-memory files exist now
            Assert.True(File.Exists(DbPath + "-wal"));
            Assert.Equal((UnixFileMode)0x1C0, Mode(Data)); // 0700
            foreach (string f in new[] { DbPath, DbPath + "-wal", DbPath + "-shm", Path.Combine(Data, "site.key"), Path.Combine(Data, MasterKey.DefaultFileName) })
            {
                Assert.True(Mode(f) == (UnixFileMode)0x180, f + " has mode " + Convert.ToString((int)Mode(f), 8)); // 0600
            }
        }
    }

    [Fact]
    public void An_Older_Installation_With_Open_Modes_Is_Tightened_At_Start()
    {
        using (Create()) { }
        SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(Data, (UnixFileMode)0x1ED); // 0755
        foreach (string f in Directory.GetFiles(Data)) File.SetUnixFileMode(f, (UnixFileMode)0x1A4); // 0644
        File.SetUnixFileMode(Path.Combine(Data, MasterKey.DefaultFileName), (UnixFileMode)0x180);
        using (Create())
        {
            Assert.Equal((UnixFileMode)0x1C0, Mode(Data));
            foreach (string f in Directory.GetFiles(Data)) Assert.True(Mode(f) == (UnixFileMode)0x180, f + " stayed " + Convert.ToString((int)Mode(f), 8));
        }
    }

    [Fact]
    public void An_Open_Directory_Shared_With_Other_Files_Is_Refused_Not_Changed()
    {
        Directory.CreateDirectory(Data);
        File.SetUnixFileMode(Data, (UnixFileMode)0x1ED); // 0755, like /tmp or a home directory
        File.WriteAllText(Path.Combine(Data, "notes.txt"), "someone else's");
        var e = Assert.Throws<StartupException>(() => Create());
        Assert.Contains("a directory of its own", e.Message);
        Assert.Equal((UnixFileMode)0x1ED, Mode(Data));
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public void A_Master_Key_File_Others_Can_Read_Is_Refused()
    {
        using (Create()) { }
        SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(Path.Combine(Data, MasterKey.DefaultFileName), (UnixFileMode)0x1A4);
        var e = Assert.Throws<StartupException>(() => Create());
        Assert.Contains("can be read by other users", e.Message);
    }

    [Fact]
    public void A_Copy_Of_The_Database_Alone_Yields_No_Usable_Device_Key()
    {
        string device;
        byte[] key;
        CommandMessage signed;
        using (var host = Create())
        {
            (device, key, signed) = DeviceWithCommand(host);
        }
        SqliteConnection.ClearAllPools();

        // The thief copies the database (with its WAL) elsewhere; the master key stays behind.
        string stolen = Path.Combine(_dir, "stolen");
        Directory.CreateDirectory(stolen);
        foreach (string f in Directory.GetFiles(Data, ServerHost.DatabaseFileName + "*")) File.Copy(f, Path.Combine(stolen, Path.GetFileName(f)));
        string stolenDb = Path.Combine(stolen, ServerHost.DatabaseFileName);
        Assert.False(Holds(DatabaseBytes(stolenDb), key), "the device key is in the database files");

        // What the devices table holds opens nothing: no reading of it (hex, base64, any 32-byte window) signs as the device.
        string stored;
        using (var c = new SqliteConnection("Data Source=" + stolenDb + ";Mode=ReadOnly"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT device_key FROM devices WHERE id = $d";
            cmd.Parameters.AddWithValue("$d", device);
            stored = (string)cmd.ExecuteScalar()!;
        }
        Assert.StartsWith(DeviceKeyVault.SealedPrefix, stored);
        Assert.False(Hex.TryDecode(stored, out _));
        byte[] blob = Convert.FromBase64String(stored[DeviceKeyVault.SealedPrefix.Length..]);
        for (int i = 0; i + 32 <= blob.Length; i++) Assert.False(Verifies(signed, blob[i..(i + 32)], device), "a window of the stored value signs as the device");

        // A server started on the copy refuses, and says why, instead of making up a new key.
        SqliteConnection.ClearAllPools();
        var missing = Assert.Throws<StartupException>(() => Create(stolen));
        Assert.Contains("master key", missing.Message);
        SqliteConnection.ClearAllPools();
        var wrong = Assert.Throws<StartupException>(() => Create(stolen, o => o.MasterKeyHex = new string('7', 64)));
        Assert.Contains("not the one", wrong.Message);

        // With its own master key the original server still signs with the same device key.
        SqliteConnection.ClearAllPools();
        using (var host = Create())
        {
            string row = host.Store.Db.QuerySingle("SELECT device_key FROM devices WHERE id = @d", new { d = device })!.Str("device_key")!;
            Assert.Equal(key, host.Services.Context.DeviceKeys.Open(device, row));
        }
    }

    [Fact]
    public void Plaintext_Device_Keys_Of_An_Older_Database_Are_Sealed_At_Start_And_Leave_The_Files()
    {
        string device;
        byte[] key;
        using (var host = Create())
        {
            (device, key, _) = DeviceWithCommand(host);
        }
        SqliteConnection.ClearAllPools();
        // Make it the database an older server wrote: plaintext hex keys, no master key anywhere.
        using (var c = new SqliteConnection("Data Source=" + DbPath))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE devices SET device_key = $k WHERE id = $d; DELETE FROM settings WHERE name = 'master_key_id'; PRAGMA wal_checkpoint(TRUNCATE);";
            cmd.Parameters.AddWithValue("$k", Hex.Encode(key));
            cmd.Parameters.AddWithValue("$d", device);
            cmd.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(Data, MasterKey.DefaultFileName));
        Assert.True(Holds(DatabaseBytes(DbPath), key), "the older database should hold the plaintext key (else this test proves nothing)");

        using (var host = Create())
        {
            host.Start();
            string row = host.Store.Db.QuerySingle("SELECT device_key FROM devices WHERE id = @d", new { d = device })!.Str("device_key")!;
            Assert.StartsWith(DeviceKeyVault.SealedPrefix, row);
            Assert.Equal(key, host.Services.Context.DeviceKeys.Open(device, row));
            Assert.False(Holds(DatabaseBytes(DbPath), key), "the plaintext key is still in the database files after sealing");
            // And the controller still gets commands it can verify.
            var capture = new CapturingPublisher();
            host.Services.UsePublisher(capture);
            host.Services.Commands.Issue(device, null, "lockdown", "admin");
            Assert.True(CommandMessage.TryParse(Encoding.UTF8.GetBytes(capture.Last!), out CommandMessage m, out _));
            Assert.True(Verifies(m, key, device));
        }
    }

    [Fact]
    public void Secrets_Are_Refused_On_The_Command_Line_And_Read_From_Files()
    {
        Assert.False(ServerOptions.TryParse(new[] { "--admin-password", "hunter22-hunter22" }, out _, out string error));
        Assert.Contains("DOORCTL_ADMIN_PASSWORD", error);
        Assert.DoesNotContain("hunter22", error);
        Assert.False(ServerOptions.TryParse(new[] { "--postgres", "Host=127.0.0.1;Username=doorctl;Password=hunter22" }, out _, out error));
        Assert.Contains("--postgres-file", error);
        Assert.True(ServerOptions.TryParse(new[] { "--postgres", "Host=/run/postgresql;Username=doorctl" }, out var peer, out _));
        Assert.Equal("Host=/run/postgresql;Username=doorctl", peer.Postgres);

        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "admin-password");
        File.WriteAllText(file, "from-a-file-1\n");
        Assert.True(ServerOptions.TryParse(new[] { "--admin-password-file", file, "--data", Data }, out var options, out error), error);
        Assert.Equal("from-a-file-1", options.AdminPassword);
        Assert.False(ServerOptions.TryParse(new[] { "--admin-password-file", Path.Combine(_dir, "missing") }, out _, out error));
        Assert.Contains("cannot read", error);
    }

    [Fact]
    public void A_Generated_First_Password_Goes_To_A_Private_File_Not_To_The_Log_And_Leaves_With_The_First_Change()
    {
        string passwordFile = Path.Combine(Data, ServerHost.InitialPasswordFileName);
        string password;
        using (var server = ServerProcess.Start("--data " + Data + " --port 0"))
        {
            password = File.ReadAllText(passwordFile).Trim();
            Assert.True(password.Length >= 12);
            Assert.Equal((UnixFileMode)0x180, Mode(passwordFile));
            Assert.Contains(server.Output, l => l.Contains(passwordFile));
            Assert.DoesNotContain(server.Output.Concat(server.Errors), l => l.Contains(password));

            using var client = new HttpClient { BaseAddress = new Uri(server.Url!) };
            var login = client.PostAsync("/api/auth/login", TestSupport.ServerTestHost.Json(new { username = "admin", password })).Result;
            string token = TestSupport.ServerTestHost.Parse(login).GetProperty("token").GetString()!;
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var change = client.PostAsync("/api/auth/password", TestSupport.ServerTestHost.Json(new { currentPassword = password, newPassword = "a-new-long-password" })).Result;
            Assert.Equal(System.Net.HttpStatusCode.OK, change.StatusCode);
            Assert.False(File.Exists(passwordFile));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private sealed class CapturingPublisher : IMessagePublisher
    {
        public string? Last { get; private set; }

        public bool Publish(string topic, string payload)
        {
            Last = payload;
            return true;
        }
    }
}
