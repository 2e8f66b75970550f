using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>Fig 9B routing: a fraud alert about a user at a reader reaches that user's routes for that reader —
/// an MQTT topic per terminal and a webhook — and nothing else.</summary>
public sealed class ServerNotificationTests : IDisposable, IMqttMessageListener
{
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly BlockingCollection<(string Topic, string Body)> _terminal = new();

    public ServerNotificationTests()
    {
        _server = new ServerTestHost(_broker);
    }

    public void OnMessage(string topic, byte[] payload) => _terminal.Add((topic, System.Text.Encoding.UTF8.GetString(payload)));
    public void OnConnectionLost() { }

    [Fact]
    public void Fraud_Alerts_Reach_The_Users_Routes_For_That_Reader_Only()
    {
        var s = _server.Host.Services;
        var (gate, _) = s.Devices.Register(new DeviceInput("Gate", "entrance", "both", null, null, null, null));
        string g1 = s.Devices.AddReader(gate, new ReaderInput(null, "G1", "entry", null, null, null));
        string g3 = s.Devices.AddReader(gate, new ReaderInput(null, "G3", "entry", null, null, null));
        string host = s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, null, null));
        string guest = s.Users.Register(new UserInput("Gus", "guest", null, null, host, null, null, null, null));

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpListener();
        http.Prefixes.Add("http://127.0.0.1:" + port + "/");
        http.Start();
        var received = new BlockingCollection<string>();
        _ = Task.Run(() =>
        {
            while (http.IsListening)
            {
                try
                {
                    var ctx = http.GetContext();
                    received.Add(new StreamReader(ctx.Request.InputStream).ReadToEnd());
                    ctx.Response.StatusCode = 204;
                    ctx.Response.Close();
                }
                catch (HttpListenerException) { return; }
                catch (ObjectDisposedException) { return; }
            }
        });

        BrokerLogin guardDesk = _broker.Admin.CreateTerminal("guard");
        using var terminal = new MosquittoTransport(_broker.Endpoint(guardDesk));
        Assert.True(terminal.Connect(guardDesk.ClientId, null, null, this), terminal.LastError);
        Assert.True(terminal.Subscribe("dc/v1/term/guard", 1), terminal.LastError);

        // P2 for the guest at G1: the guard's terminal and the inviting employee's webhook.
        s.Users.AddRoute(guest, g1, "mqtt", "dc/v1/term/guard", "fraud-error");
        s.Users.AddRoute(guest, g1, "webhook", "http://127.0.0.1:" + port + "/inviter", "fraud-error");

        s.Alerts.Raise("fraud", "high", guest, gate, g3, null, "at G3: not routed");
        s.Alerts.Raise("fraud", "high", guest, gate, g1, null, "at G1: routed");

        Assert.True(_terminal.TryTake(out var msg, TimeSpan.FromSeconds(10)), "no MQTT notification");
        Assert.Equal("dc/v1/term/guard", msg.Topic);
        Assert.Contains("at G1: routed", msg.Body);
        Assert.True(received.TryTake(out string? body, TimeSpan.FromSeconds(10)), "no webhook call");
        Assert.Contains("at G1: routed", body);
        Assert.Contains(guest, body);
        Assert.False(_terminal.TryTake(out _, TimeSpan.FromMilliseconds(500)), "the G3 alert must not be routed");
        Assert.False(received.TryTake(out _, TimeSpan.FromMilliseconds(100)));
    }

    public void Dispose()
    {
        _server.Dispose();
        _broker.Dispose();
    }
}
