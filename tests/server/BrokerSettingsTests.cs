using DoorController.Hal.Host.Mqtt;
using DoorController.Server;
using DoorController.Server.Mqtt;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>The settings file for a broker run by someone else (--mqtt-config): secrets only in a 0600 file, relative
/// paths next to it, TLS without a CA refused when the server starts, never downgraded to plaintext, and a Unix socket
/// only where the operator names one.</summary>
public sealed class BrokerSettingsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-brokersettings-" + Guid.NewGuid().ToString("N")[..8]);

    public BrokerSettingsTests() => Directory.CreateDirectory(_dir);

    private string Write(string json)
    {
        string path = Path.Combine(_dir, "broker.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Saved_Settings_Load_Back_Owner_Only_With_Paths_Next_To_The_File()
    {
        var server = new BrokerEndpoint { Host = "broker.site.example", Port = 8883, Tls = true, CaFile = Path.Combine(_dir, "site-ca.crt"), Username = "doorctl-server", Password = "p1" };
        string path = Path.Combine(_dir, "saved.json");
        new BrokerAccess(server, server.As("doorctl-admin", "p2")).Save(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        BrokerAccess loaded = BrokerAccess.Load(path, "10.0.0.5:18883");
        Assert.Equal("10.0.0.5", loaded.Server.Host);
        Assert.Equal(18883, loaded.Server.Port);
        Assert.Equal(server.CaFile, loaded.Server.CaFile);
        Assert.Equal(("doorctl-server", "p1"), (loaded.Server.Username, loaded.Server.Password));
        Assert.Equal(("doorctl-admin", "p2"), (loaded.Admin.Username, loaded.Admin.Password));

        BrokerAccess relative = BrokerAccess.Load(Write("{\"host\":\"b\",\"port\":8883,\"ca-file\":\"ca/site.crt\",\"username\":\"doorctl-server\",\"password\":\"x\"}"), null);
        Assert.Equal(Path.Combine(_dir, "ca", "site.crt"), relative.Server.CaFile);
        Assert.True(relative.Server.Tls, "TLS unless the file says otherwise");
        Assert.Null(relative.Admin);
    }

    [Fact]
    public void A_Socket_Named_By_The_Operator_Loads_Back_Without_Tls_And_Is_Never_Mixed_With_Tls_Or_An_Address()
    {
        string socket = Path.Combine(_dir, "broker", "socket", "mosquitto.sock");
        var server = new BrokerEndpoint { Socket = socket, Username = "doorctl-server", Password = "p1" };
        string path = Path.Combine(_dir, "saved.json");
        new BrokerAccess(server, server.As("doorctl-admin", "p2")).Save(path);
        BrokerAccess loaded = BrokerAccess.Load(path, null);
        Assert.Equal((socket, false), (loaded.Server.Socket, loaded.Server.Tls));
        Assert.Equal((socket, "doorctl-admin"), (loaded.Admin.Socket, loaded.Admin.Username));
        Assert.Equal("mqtt+unix://doorctl-server@" + socket, loaded.Server.ToString());

        // Relative to the file, like every other path in it; TLS is off unless asked for, and asking is refused.
        Assert.Equal(Path.Combine(_dir, "run", "b.sock"), BrokerAccess.Load(Write("{\"socket\":\"run/b.sock\",\"username\":\"doorctl-server\",\"password\":\"x\"}"), null).Server.Socket);
        var tls = Assert.Throws<ArgumentException>(() => BrokerAccess.Load(Write("{\"socket\":\"b.sock\",\"tls\":true,\"ca-file\":\"ca.crt\",\"username\":\"doorctl-server\",\"password\":\"x\"}"), null));
        Assert.Contains("carries no TLS", tls.Message);
        var address = Assert.Throws<ArgumentException>(() => BrokerAccess.Load(path, "10.0.0.5:8883"));
        Assert.Contains("cannot override a broker socket", address.Message);
        var tooLong = Assert.Throws<ArgumentException>(() => BrokerAccess.Load(Write("{\"socket\":\"/" + new string('s', 120) + "\",\"username\":\"u\",\"password\":\"x\"}"), null));
        Assert.Contains("longer than 107 bytes", tooLong.Message);
    }

    [Fact]
    public void Tls_Without_A_Ca_Is_Refused_When_The_Server_Starts()
    {
        string path = Write("{\"host\":\"127.0.0.1\",\"port\":8883,\"tls\":true,\"username\":\"doorctl-server\",\"password\":\"x\"}");
        var refused = Assert.Throws<ArgumentException>(() => BrokerAccess.Load(path, null));
        Assert.Contains("TLS is on but no CA certificate is configured", refused.Message);

        using var host = ServerHost.Create(new ServerOptions { DataDirectory = Path.Combine(_dir, "data"), Port = 0, AdminPassword = "settings-test-1", MqttConfigFile = path, RunRetentionJob = false });
        var atStart = Assert.Throws<ArgumentException>(() => host.Start());
        Assert.Contains("no CA certificate", atStart.Message);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Malformed_Settings_Name_The_File_And_The_Key()
    {
        var e = Assert.Throws<ArgumentException>(() => BrokerAccess.Load(Write("{\"host\":\"b\",\"port\":8883,\"tls\":false,\"username\":42}"), null));
        Assert.Contains("broker.json", e.Message);
        Assert.Contains("username must be a string", e.Message);
        Assert.Contains("broker.json", Assert.Throws<ArgumentException>(() => BrokerAccess.Load(Write("not json"), null)).Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
