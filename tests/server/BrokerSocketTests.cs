using System.Diagnostics;
using System.Text;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// The server's link to a broker it runs itself goes through a Unix-domain socket (docs/security.md, "Broker
/// socket"): decisions flow over it with their MACs and nonces unchanged, the broker checks identities there exactly
/// as on TLS, controllers stay on TLS, and the socket's directory admits only the server's user.
/// </summary>
public sealed class BrokerSocketTests : IDisposable
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);
    private static readonly List<WindowInput> Always = new() { new WindowInput(0xFF, 0, 1440) };
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-socketdir-" + Guid.NewGuid().ToString("N")[..8]);
    private ServerTestHost? _server;

    private ServerTestHost Server => _server ??= new ServerTestHost(_broker);

    [Fact]
    public void The_Server_Decides_Through_The_Socket_While_Controllers_Stay_On_Tls()
    {
        var s = Server.Host.Services;
        Assert.Equal(_broker.SocketPath, Server.Host.Broker!.Server.Socket);
        Assert.False(Server.Host.Broker.Server.Tls);
        DeviceRegistration door = s.Devices.Register(new DeviceInput("Door", "lobby", "both", null, null, null, null));
        string reader = s.Devices.AddReader(door.Id, new ReaderInput(null, "R1", "entry", "outside", null, null));
        s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null,
            new List<CredentialInput> { new("nfc", "04A1B2C3") }, new List<PermissionInput> { new(reader, Always) }));
        using var controller = new ServerMqttController(_broker, door);

        // Answers verified under the device's keys and bound to the request's nonce (ServerMqttController checks both).
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        DecisionResponse granted = controller.Decide(NumericIds.Of(Server.Host.Store.Db, reader), "nfc", s.Context.Hasher.Hash("nfc", "04A1B2C3"), now);
        Assert.True(granted.Granted, granted.Reason);
        DecisionResponse stranger = controller.Decide(NumericIds.Of(Server.Host.Store.Db, reader), "nfc", s.Context.Hasher.Hash("nfc", "04FFFFFF"), now);
        Assert.False(stranger.Granted);

        // The broker saw the server on its socket and the controller on the TLS port.
        string log = _broker.LogText;
        Assert.Contains("New client connected from " + _broker.SocketPath, LineOf(log, "as " + BrokerRoles.ServerUser + " "));
        Assert.Contains("New client connected from 127.0.0.1:", LineOf(log, "as " + LinkTopics.ClientIdOf(door.Id) + " "));
    }

    [Fact]
    public void Anonymous_And_Wrong_Password_Clients_Are_Refused_On_The_Socket()
    {
        using var anonymous = BrokerPeer.OnSocket(_broker, null);
        Assert.False(anonymous.Connected);
        Assert.Contains("not authorised", anonymous.LastError);

        using var guessing = BrokerPeer.OnSocket(_broker, _broker.ServerLogin with { Password = "guessed-password" }, "guesser");
        Assert.False(guessing.Connected);
        Assert.Contains("not authorised", guessing.LastError);

        // The same listener admits the right password: the refusals above are the identity check, not the path.
        using var tools = BrokerPeer.OnSocket(_broker, _broker.Admin.CreateFullAccess("socket-ok"));
        Assert.True(tools.Connected, tools.LastError);
    }

    [Fact]
    public void A_Controllers_Identity_On_The_Socket_Keeps_Its_Role_And_Cannot_Take_The_Servers_Client_Id()
    {
        DeviceRegistration door1 = Server.Host.Services.Devices.Register(new DeviceInput("Door 1", "lobby", "both", null, null, null, null));
        DeviceRegistration door2 = Server.Host.Services.Devices.Register(new DeviceInput("Door 2", "lab", "both", null, null, null, null));
        LinkTopics t1 = new(door1.Id), t2 = new(door2.Id);
        using var observer = BrokerPeer.Attacker(_broker, "observer");
        Assert.True(observer.Subscribe(LinkTopics.Root + "/#"), observer.LastError);
        using var insider = BrokerPeer.OnSocket(_broker, door1.Broker!);
        Assert.True(insider.Connected, insider.LastError);

        // Downstream topics (its own and door 2's) are the server's alone; door 2's topics are not door 1's to read.
        string grant = "{\"v\":1,\"request-id\":\"q-1\",\"granted\":true,\"reason\":\"ok\",\"unlock-ms\":600000,\"server-time\":1,\"forged\":true}";
        foreach (string topic in t1.Subscriptions().Concat(t2.Subscriptions()).Distinct()) Assert.True(insider.Publish(topic, grant, 1, retain: true));
        Assert.False(insider.Subscribe(t2.Command));
        Assert.False(insider.Subscribe("#"));
        Assert.True(insider.Publish(t1.Error, "{\"v\":1,\"topic\":\"x\",\"error\":\"marker-1\"}"));
        Assert.NotNull(observer.WaitFor((t, p) => t == t1.Error && Encoding.UTF8.GetString(p).Contains("marker-1"), Arrival));
        Assert.DoesNotContain(observer.Received, m => Encoding.UTF8.GetString(m.Payload).Contains("forged"));

        // Its identity is bound to its own client id on the socket too: the server is not knocked off.
        using var thief = BrokerPeer.OnSocket(_broker, door1.Broker!, BrokerRoles.ServerUser);
        Assert.False(thief.Connected);
        Assert.True(Server.Host.Mqtt!.IsConnected);
        Assert.DoesNotContain("Client " + BrokerRoles.ServerUser + " already connected", _broker.LogText);
    }

    [Fact]
    public void The_Socket_Lives_In_An_Owner_Only_Directory_And_A_Loosened_One_Is_Refused_Not_Repaired()
    {
        string socketDir = Path.GetDirectoryName(_broker.SocketPath)!;
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(socketDir));
        Assert.Equal(Stat("%u", "/proc/self"), Stat("%u", socketDir)); // owned by this process's user
        Assert.Equal("socket", Stat("%F", _broker.SocketPath));

        // Group-readable before the first start: refused, left as it was, and no broker launched.
        string loose = Path.Combine(_dir, "socket");
        Directory.CreateDirectory(loose, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        var error = Assert.Throws<InvalidOperationException>(() => MosquittoBroker.Start(new BrokerOptions { Directory = _dir }));
        Assert.Contains("mode 0750", error.Message);
        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(loose));
        Assert.False(File.Exists(Path.Combine(_dir, "mosquitto.conf")));

        // Owner-only but another user's (the tests run as root, which may hand it to nobody).
        File.SetUnixFileMode(loose, OwnerOnly);
        Run("chown", "65534", loose);
        error = Assert.Throws<InvalidOperationException>(() => MosquittoBroker.Start(new BrokerOptions { Directory = _dir }));
        Assert.Contains("owned by uid 65534", error.Message);

        // A symbolic link to an owner-only directory of ours: refused as well (the link could be re-pointed).
        Directory.Delete(loose);
        string elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere"), OwnerOnly).FullName;
        File.CreateSymbolicLink(loose, elsewhere);
        error = Assert.Throws<InvalidOperationException>(() => MosquittoBroker.Start(new BrokerOptions { Directory = _dir }));
        Assert.Contains("not a directory", error.Message);

        // Put right by its owner: the broker starts and accepts the server's identity on the socket.
        File.Delete(loose);
        using var broker = MosquittoBroker.Start(new BrokerOptions { Directory = _dir });
        using var server = BrokerPeer.OnSocket(broker, broker.ServerLogin);
        Assert.True(server.Connected, server.LastError);
    }

    private static string LineOf(string log, string marker) =>
        log.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException("no log line with '" + marker + "' in:\n" + log);

    private static string Stat(string format, string path) => Run("stat", "-c", format, path).Trim();

    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, file + " " + string.Join(" ", args) + ": " + errors);
        return output;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _broker.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
