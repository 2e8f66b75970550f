using System.Diagnostics;
using DoorController.LocalBroker;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>The broker helper itself: plain and TLS listeners reachable with the stock mosquitto clients, restart keeps the port.</summary>
public class MqttBrokerHelperTests
{
    [Fact]
    public void Plain_And_Tls_Listeners_Carry_A_Message_And_Survive_A_Restart()
    {
        using var broker = MosquittoBroker.Start(tls: true);
        Assert.Equal("hello", RoundTrip(broker, "-p " + broker.Port));
        Assert.Equal("hello", RoundTrip(broker, "-p " + broker.TlsPort + " --cafile " + broker.CaFile));
        broker.Kill();
        Assert.False(broker.IsRunning);
        broker.Restart();
        Assert.Equal("hello", RoundTrip(broker, "-p " + broker.Port));
    }

    private static string RoundTrip(MosquittoBroker broker, string endpoint)
    {
        string topic = "test/" + Guid.NewGuid().ToString("N");
        var sub = Process.Start(new ProcessStartInfo("mosquitto_sub", "-h 127.0.0.1 " + endpoint + " -t " + topic + " -C 1 -W 10 -q 1 -i s" + topic.Substring(5, 8))
        { RedirectStandardOutput = true, UseShellExecute = false })!;
        // Retained publish: arrives whether or not the subscriber was already attached.
        using var pub = Process.Start(new ProcessStartInfo("mosquitto_pub", "-h 127.0.0.1 " + endpoint + " -t " + topic + " -m hello -r -q 1") { UseShellExecute = false })!;
        pub.WaitForExit();
        string line = sub.StandardOutput.ReadLine() ?? "";
        sub.WaitForExit();
        return line.Trim();
    }
}
