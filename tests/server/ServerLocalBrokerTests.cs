using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Services;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// tools/server --local-broker: the server runs its own mosquitto (TLS from a site CA made at the first start,
/// dynamic security) with its state in &lt;data&gt;/broker, connects to it as doorctl-server through its Unix socket, and registers controllers
/// on it; a restart keeps the CA and every identity.
/// </summary>
public sealed class ServerLocalBrokerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-localbroker-" + Guid.NewGuid().ToString("N")[..8]);

    private ServerHost Start()
    {
        ServerOptions options;
        Assert.True(ServerOptions.TryParse(new[] { "--data", _dir, "--port", "0", "--local-broker", "127.0.0.1:0" }, out options, out string error), error);
        options.AdminPassword = ServerTestHost.AdminPassword;
        options.RunRetentionJob = false;
        var host = ServerHost.Create(options);
        host.Start();
        Assert.True(host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10)), host.LocalBroker?.LogText);
        return host;
    }

    [Fact]
    public void The_Server_Runs_Its_Own_Tls_Broker_And_A_Restart_Keeps_The_Site_Ca_And_Identities()
    {
        string caPem;
        DeviceRegistration door;
        using (var first = Start())
        {
            MosquittoBroker broker = first.LocalBroker!;
            Assert.True(broker.Tls);
            Assert.Equal(Path.Combine(_dir, "broker", SiteCertificateAuthority.CertificateFile), broker.CaFile);
            caPem = broker.CaPem!;
            // The server itself is on the broker's Unix socket, in <data>/broker/socket (owner only); controllers on TLS.
            Assert.Equal(Path.Combine(_dir, "broker", "socket", "mosquitto.sock"), first.Broker!.Server.Socket);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_dir, "broker", "socket")));
            door = first.Services.Devices.Register(new DeviceInput("Door", "lobby", "both", null, null, null, null));
            using var controller = BrokerPeer.Connect(broker, door.Broker!);
            Assert.True(controller.Connected, controller.LastError);
            using var anonymous = BrokerPeer.Anonymous(broker);
            Assert.False(anonymous.Connected);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var second = Start();
        Assert.Equal(caPem, second.LocalBroker!.CaPem);
        using var again = BrokerPeer.Connect(second.LocalBroker, door.Broker!);
        Assert.True(again.Connected, again.LastError);
    }

    [Fact]
    public void A_Local_Broker_Cannot_Be_Combined_With_Another_Broker()
    {
        Assert.False(ServerOptions.TryParse(new[] { "--local-broker", "8883", "--mqtt", "broker:8883" }, out _, out string error));
        Assert.Contains("cannot be combined", error);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
