using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using DoorController.LocalBroker;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// The broker helper itself: the stock mosquitto clients reach it over TLS with a dynamic-security identity (given in
/// their options file, not on the command line), identities survive a restart, and the site CA is a real CA whose
/// broker certificate verifies for 127.0.0.1.
/// </summary>
public class MqttBrokerHelperTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-broker-helper-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Stock_Clients_Carry_A_Message_Over_Tls_With_An_Identity_And_Identities_Survive_A_Restart()
    {
        using var broker = MosquittoBroker.Start();
        BrokerLogin publisher = broker.Admin.CreateFullAccess("stock-pub"), subscriber = broker.Admin.CreateFullAccess("stock-sub");
        Assert.Equal("hello", RoundTrip(broker, publisher, subscriber));
        broker.Kill();
        Assert.False(broker.IsRunning);
        broker.Restart();
        // The plugin saved the identities created through the control topic; the restarted broker still knows them.
        Assert.Equal("hello", RoundTrip(broker, publisher, subscriber));
    }

    [Fact]
    public void A_Persistent_Broker_Keeps_Its_Site_Ca_And_Server_Identity_Across_Starts()
    {
        string caPem, serverPassword;
        using (var first = MosquittoBroker.Start(new BrokerOptions { Directory = _dir }))
        {
            caPem = first.CaPem!;
            serverPassword = first.ServerLogin.Password;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, SiteCertificateAuthority.KeyFile)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, DynsecFile.FileName)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "server-logins.json")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir));
        }
        using var second = MosquittoBroker.Start(new BrokerOptions { Directory = _dir });
        Assert.Equal(caPem, second.CaPem);
        Assert.Equal(serverPassword, second.ServerLogin.Password);

        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, SiteCertificateAuthority.CertificateFile));
        using var broker = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, "server.crt"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(broker), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(broker.MatchesHostname("127.0.0.1"));
        Assert.True(broker.MatchesHostname("localhost"));
        Assert.False(broker.MatchesHostname("evil.example"));
    }

    /// <summary>mosquitto_pub (retained) then mosquitto_sub, each with its identity in $XDG_CONFIG_HOME/mosquitto_{pub,sub}.</summary>
    private string RoundTrip(MosquittoBroker broker, BrokerLogin publisher, BrokerLogin subscriber)
    {
        string config = Path.Combine(_dir, "xdg");
        Directory.CreateDirectory(config);
        string Options(BrokerLogin l) => "-h 127.0.0.1\n-p " + broker.Port + "\n--cafile " + broker.CaFile + "\n-u " + l.Username + "\n-P " + l.Password + "\n-i " + l.ClientId + "\n";
        File.WriteAllText(Path.Combine(config, "mosquitto_pub"), Options(publisher));
        File.WriteAllText(Path.Combine(config, "mosquitto_sub"), Options(subscriber));
        string topic = "test/" + Guid.NewGuid().ToString("N");
        var pubInfo = new ProcessStartInfo("mosquitto_pub", "-t " + topic + " -m hello -r -q 1") { RedirectStandardError = true, UseShellExecute = false };
        pubInfo.Environment["XDG_CONFIG_HOME"] = config;
        using (var pub = Process.Start(pubInfo)!)
        {
            pub.WaitForExit();
            Assert.True(pub.ExitCode == 0, "mosquitto_pub: " + pub.StandardError.ReadToEnd());
        }
        var subInfo = new ProcessStartInfo("mosquitto_sub", "-t " + topic + " -C 1 -W 10 -q 1") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        subInfo.Environment["XDG_CONFIG_HOME"] = config;
        using var sub = Process.Start(subInfo)!;
        string line = sub.StandardOutput.ReadLine() ?? "";
        sub.WaitForExit();
        return line.Trim();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
