using DoorController.Config;
using DoorController.Controller;
using DoorController.Hal.Host.Mqtt;
using DoorController.Hal.Host.Virtual;
using DoorController.LocalBroker;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// TLS on the controller side, with the real firmware (a VirtualController) against a real mosquitto: TLS without a
/// CA is refused and never becomes plaintext, a broker signed by another CA is not trusted, and a client certificate
/// is sent where one is configured. Whether a controller talks to the broker at all is read from the broker's own
/// log (its identity's client id appears only on an accepted connection).
/// </summary>
public sealed class BrokerTlsTests : IDisposable
{
    private const string DeviceId = "door-tls-1";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-tls-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<IDisposable> _cleanup = new();

    private VirtualController Boot(MosquittoBroker broker, BrokerLogin login, Action<ControllerConfig> tls)
    {
        var config = new ControllerConfig
        {
            DeviceId = DeviceId,
            MqttHost = "127.0.0.1",
            MqttPort = broker.Port,
            MqttUser = login.Username,
            MqttPassword = login.Password,
            RelayPin = 26, DoorContactPin = 27, RexPin = 14, LedPin = 2, BuzzerPin = 4,
        };
        tls(config);
        var controller = new VirtualController("tls", Path.Combine(_dir, "flash-" + Guid.NewGuid().ToString("N")[..6]));
        _cleanup.Add(controller);
        controller.Provision(config);
        controller.Start();
        return controller;
    }

    private static bool OnlineWithin(VirtualController controller, int milliseconds)
    {
        var until = DateTime.UtcNow.AddMilliseconds(milliseconds);
        while (DateTime.UtcNow < until)
        {
            if (controller.Inspect(app => app.Link.IsOnline)) return true;
            Thread.Sleep(25);
        }
        return false;
    }

    private static bool AcceptedBy(MosquittoBroker broker, BrokerLogin login) =>
        broker.LogText.Contains("New client connected from 127.0.0.1", StringComparison.Ordinal) && broker.LogText.Contains(" as " + login.ClientId, StringComparison.Ordinal);

    private MosquittoBroker Broker(BrokerOptions options)
    {
        var broker = MosquittoBroker.Start(options);
        _cleanup.Add(broker);
        return broker;
    }

    [Fact]
    public void Tls_Without_A_Ca_Is_Refused_And_Never_Falls_Back_To_Plaintext()
    {
        // A broker that would accept this identity in plaintext: the controller must still not connect.
        MosquittoBroker plaintext = Broker(new BrokerOptions { Tls = false });
        BrokerLogin login = plaintext.RegisterController(DeviceId);
        VirtualController controller = Boot(plaintext, login, c => { c.MqttTls = true; c.CaCertificatePem = ""; });

        Assert.Equal(PartState.Failed, controller.Inspect(app => app.Report.StateOf("link")));
        Assert.Contains("no CA certificate", controller.Inspect(app => app.Report.DetailOf("link")));
        Assert.False(OnlineWithin(controller, 2000));
        Assert.False(AcceptedBy(plaintext, login), "the controller reached the broker in plaintext: " + plaintext.LogText);

        // The host transport refuses the same setting on its own.
        var refused = Assert.Throws<ArgumentException>(() => new MosquittoTransport(new BrokerEndpoint { Port = plaintext.Port, Tls = true }));
        Assert.Contains("no CA certificate", refused.Message);
    }

    [Fact]
    public void The_Site_Ca_And_The_Identity_Bring_The_Controller_Online_And_Another_Ca_Does_Not()
    {
        MosquittoBroker broker = Broker(new BrokerOptions());
        BrokerLogin login = broker.RegisterController(DeviceId);
        using var stranger = SiteCertificateAuthority.LoadOrCreate(Path.Combine(_dir, "other-ca"), "some other site");

        VirtualController fooled = Boot(broker, login, c => { c.MqttTls = true; c.CaCertificatePem = stranger.CertificatePem; });
        Assert.False(OnlineWithin(fooled, 2000), "a broker certificate from another CA must not be trusted");
        Assert.False(AcceptedBy(broker, login));
        fooled.Stop();

        VirtualController trusting = Boot(broker, login, c => { c.MqttTls = true; c.CaCertificatePem = broker.CaPem!; });
        Assert.True(OnlineWithin(trusting, 10000), broker.LogText);
        Assert.True(AcceptedBy(broker, login));
    }

    [Fact]
    public void A_Client_Certificate_Is_Sent_Where_One_Is_Configured()
    {
        MosquittoBroker broker = Broker(new BrokerOptions { RequireClientCertificates = true });
        BrokerLogin login = broker.RegisterController(DeviceId);
        var (cert, key) = broker.ClientCertificate(login.ClientId);

        VirtualController without = Boot(broker, login, c => { c.MqttTls = true; c.CaCertificatePem = broker.CaPem!; });
        Assert.False(OnlineWithin(without, 2000), "the broker requires a client certificate");
        without.Stop();

        VirtualController with = Boot(broker, login, c =>
        {
            c.MqttTls = true;
            c.CaCertificatePem = broker.CaPem!;
            c.ClientCertificatePem = File.ReadAllText(cert);
            c.ClientKeyPem = File.ReadAllText(key);
        });
        Assert.True(OnlineWithin(with, 10000), broker.LogText);
    }

    public void Dispose()
    {
        for (int i = _cleanup.Count - 1; i >= 0; i--) _cleanup[i].Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
