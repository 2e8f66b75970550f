using System.Text;
using DoorController.Link;
using DoorController.Link.Bundles;
using DoorController.Contract;
using DoorController.LocalBroker;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// The link over a real mosquitto with the libmosquitto transport and dynamic security, each test on an
/// authenticated plaintext listener and on a TLS listener whose certificate comes from the test's site CA.
/// </summary>
public class MqttLinkTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Online_Decision_Round_Trip(bool tls)
    {
        using var rig = new MqttTestRig(tls).Start();
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.Status).Count > 0, 3000, "status");
        Assert.Contains("\"state\":\"online\"", rig.Server.TextsOn(rig.Topics.Status)[0]);

        var decision = rig.Decide(out long elapsed);
        Assert.Equal(DecisionSource.Online, decision.Source);
        Assert.Equal("server-ok", decision.Reason);
        Assert.True(decision.Granted);
        Assert.True(elapsed < 400, "online answer took " + elapsed + " ms");
        Assert.Equal(0, rig.Access.LocalDecisions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Silent_Server_Gives_The_Local_Decision_Within_The_Timeout(bool tls)
    {
        using var rig = new MqttTestRig(tls).Start();
        rig.Server.AnswerDecisions = false;
        var decision = rig.Decide(out long elapsed);
        Assert.Equal(DecisionSource.OfflineTimeout, decision.Source);
        Assert.Equal("local-grant", decision.Reason);
        Assert.InRange(elapsed, 380, 700);
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.DecisionRequest).Count == 1, 2000, "request seen by server");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Broker_Killed_And_Restarted_While_Events_Accumulate_Replays_Everything_In_Order(bool tls)
    {
        using var rig = new MqttTestRig(tls);
        for (int i = 0; i < 5; i++) rig.Journal.Append("{\"type\":\"access\",\"n\":" + i + "}");
        rig.Start();
        rig.TickUntil(() => rig.Journal.Depth == 0, 5000, "first five events acknowledged");

        rig.Broker.Kill();
        rig.TickUntil(() => !rig.Link.IsOnline, 5000, "link notices the dead broker");
        for (int i = 5; i < 40; i++)
        {
            rig.Journal.Append("{\"type\":\"access\",\"n\":" + i + "}");
            rig.TickFor(10);
        }
        var decision = rig.Decide(out long offlineElapsed);
        Assert.Equal(DecisionSource.OfflineNoLink, decision.Source);
        Assert.True(offlineElapsed < 50, "offline decision took " + offlineElapsed + " ms");
        Assert.Equal(35, rig.Journal.Depth);

        rig.Broker.Restart();
        rig.TickUntil(() => rig.Link.IsOnline, 5000, "reconnect");
        rig.TickUntil(() => rig.Journal.Depth == 0, 10000, "replay acknowledged");

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), rig.Server.StoredEvents.OrderBy(s => s));
        // Arrival order never goes backwards except where a window was resent from the last ack.
        var firstSeen = rig.Server.EventSequences.Distinct().ToList();
        Assert.Equal(firstSeen.OrderBy(s => s), firstSeen);
        Assert.True(rig.Link.ConnectAttempts >= 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Hostile_Payloads_On_Every_Topic_Give_Error_Events_No_Crash_Nothing_Lost(bool tls)
    {
        using var rig = new MqttTestRig(tls);
        rig.Server.AckEvents = false;
        for (int i = 0; i < 3; i++) rig.Journal.Append("{\"n\":" + i + "}");
        rig.Start();
        var info = new BundleInfo { Kind = BundleKind.Full, Version = 7, ContentType = 1, IssuedAt = Now, MaxOfflineSeconds = BundleInfo.DefaultMaxOfflineSeconds };
        rig.SendChunks(BundleChunk.Split(MqttTestRig.DeviceKey, info, new byte[3000]));
        rig.TickUntil(() => rig.Link.Bundles.InstalledVersion == 7, 5000, "bundle v7 installed");
        string[] topics = { rig.Topics.DecisionResponse, rig.Topics.EventsAck, rig.Topics.Command, rig.Topics.Notify, rig.Topics.SyncChunk };
        string[] junk = { "garbage", "{\"v\":1", "[]", "{\"v\":3,\"upto\":2}", "{\"v\":1,\"upto\":\"2\",\"granted\":1,\"text\":false,\"counter\":\"x\"}", "\u0000\u00ff" };
        foreach (string topic in topics)
            foreach (string payload in junk)
                Assert.True(rig.Server.Publish(topic, Encoding.UTF8.GetBytes(payload)));
        Assert.True(rig.Server.Publish(rig.Topics.Clock, Encoding.UTF8.GetBytes("{\"v\":1,\"nonce\":1,\"utc-ms\":\"noon\"}"), 1, false));
        Assert.True(rig.Server.Publish(rig.Topics.SyncChunk, Array.Empty<byte>()));
        int expected = topics.Length * junk.Length + 2;
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.Error).Count >= expected, 5000, expected + " error events");
        rig.TickFor(100);
        Assert.Equal(expected, rig.Link.ErrorCount);
        Assert.True(rig.Link.IsOnline);
        Assert.Equal(3, rig.Journal.Depth);
        Assert.Equal(7, rig.Link.Bundles.InstalledVersion);
        Assert.Empty(rig.Access.Executed);
        Assert.Empty(rig.Access.Shown);
        var decision = rig.Decide(out _);
        Assert.Equal(DecisionSource.Online, decision.Source);
        rig.Server.AckEvents = true;
        rig.Journal.Append("{\"n\":3}");
        rig.TickUntil(() => rig.Server.StoredEvents.Count == 4, 8000, "events still flow");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Forged_Old_Truncated_Reordered_And_Oversize_Bundles_Are_Refused_And_The_Cache_Kept(bool tls)
    {
        using var rig = new MqttTestRig(tls);
        rig.Options.BundleStallMilliseconds = 300;
        rig.Start();
        byte[] key = MqttTestRig.DeviceKey;
        BundleInfo Info(uint version) => new() { Kind = BundleKind.Full, Version = version, ContentType = 1, IssuedAt = Now, MaxOfflineSeconds = BundleInfo.DefaultMaxOfflineSeconds };
        var body = Enumerable.Range(0, 30000).Select(i => (byte)(i * 7)).ToArray();
        rig.SendChunks(BundleChunk.Split(key, Info(10), body));
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.SyncResult).Any(r => r.Contains("\"version\":10,\"ok\":true")), 5000, "v10 installed and reported");
        byte[] good = File.ReadAllBytes(Path.Combine(rig.Directory, CacheFile.Name));
        int results = rig.Server.TextsOn(rig.Topics.SyncResult).Count;

        var forged = BundleChunk.Split(key, Info(11), body);
        forged[1][BundleChunk.HeaderLength + 9] ^= 0x20;
        rig.SendChunks(forged);
        rig.SendChunks(BundleChunk.Split(key, Info(9), body));
        rig.SendChunks(BundleChunk.Split("wrong-key"u8.ToArray(), Info(12), body));
        var truncated = BundleChunk.Split(key, Info(13), body);
        rig.SendChunks(new[] { truncated[0], truncated[1], truncated[2][..(truncated[2].Length - 100)] });
        var reordered = BundleChunk.Split(key, Info(14), body);
        rig.SendChunks(new[] { reordered[0], reordered[2], reordered[1] });
        rig.SendChunks(new[] { new byte[BundleChunk.MaxChunkBytes + 500] });
        string[] reasons = { "bad-mac", "stale-version", "truncated", "out-of-order", "oversize", "stalled" };
        rig.TickUntil(() => reasons.All(r => rig.Server.TextsOn(rig.Topics.Error).Any(e => e.Contains(r))), 5000, "an error event for every refusal");

        Assert.Equal(10, rig.Link.Bundles.InstalledVersion);
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(rig.Directory, CacheFile.Name)));
        Assert.DoesNotContain(rig.Server.TextsOn(rig.Topics.SyncResult).Skip(results), r => r.Contains("\"ok\":true"));

        rig.SendChunks(BundleChunk.Split(key, new BundleInfo { Kind = BundleKind.Delta, Version = 15, BaseVersion = 10, ContentType = 1, IssuedAt = Now, MaxOfflineSeconds = 3600 }, new byte[] { 1, 2, 3 }));
        rig.TickUntil(() => rig.Link.Bundles.InstalledVersion == 15, 5000, "delta v15 installed");
        Assert.Equal(30003, rig.Link.Bundles.Installed.BodyLength);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Authenticated_Command_Runs_Once_And_A_Replay_Is_Refused(bool tls)
    {
        using var rig = new MqttTestRig(tls).Start();
        var command = new CommandMessage { RequestId = "c-1", Command = "lockdown", Counter = 100, IssuedAt = Now };
        command.Sign(MqttTestRig.DeviceKey, MqttTestRig.DeviceId);
        Assert.True(rig.Server.Publish(rig.Topics.Command, command.ToJson()));
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.CommandResult).Count == 1, 3000, "command result");
        Assert.Contains(",\"request-id\":\"c-1\",\"command\":\"lockdown\",\"ok\":true,\"error\":null,", rig.Server.TextsOn(rig.Topics.CommandResult)[0]);
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.Status).Any(s => s.Contains("\"mode\":\"lockdown\"")), 3000, "status shows lockdown");
        Assert.True(rig.Server.Publish(rig.Topics.Command, command.ToJson()));
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.CommandResult).Count == 2, 3000, "replay result");
        Assert.Contains("\"error\":\"replayed\"", rig.Server.TextsOn(rig.Topics.CommandResult)[1]);
        Assert.Equal(new[] { "lockdown" }, rig.Access.Executed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Last_Will_Marks_A_Vanished_Controller_Offline_And_It_Comes_Back_Online(bool tls)
    {
        using var rig = new MqttTestRig(tls, viaProxy: true).Start();
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.Status).Any(s => s.Contains("\"state\":\"online\"")), 3000, "online status");

        rig.Proxy!.Refuse = true;
        rig.Proxy.Sever();
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.Status).Any(s => s.Contains("\"state\":\"offline\"")), 5000, "last will");
        rig.TickUntil(() => !rig.Link.IsOnline, 5000, "link notices the cut");
        Assert.Equal(DecisionSource.OfflineNoLink, rig.Decide(out _).Source);

        // Retained: a server that subscribes now still learns the controller is offline.
        // A second server identity: connecting as doorctl-server again would take the first one's session over.
        var second = rig.Broker.Admin.CreateIdentity("doorctl-server-2", "doorctl-server-2", BrokerRoles.Server(), "second server");
        using (var late = new MqttFakeServer(rig.Broker, second, MqttTestRig.DeviceId, MqttTestRig.DeviceKey))
        {
            Assert.True(late.Connect());
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (late.TextsOn(rig.Topics.Status).Count == 0 && watch.ElapsedMilliseconds < 3000)
            {
                late.Pump();
                Thread.Sleep(5);
            }
            Assert.Contains("\"state\":\"offline\"", Assert.Single(late.TextsOn(rig.Topics.Status)));
        }

        int onlineBefore = rig.Server.TextsOn(rig.Topics.Status).Count(s => s.Contains("\"state\":\"online\""));
        rig.Proxy.Refuse = false;
        rig.TickUntil(() => rig.Link.IsOnline, 5000, "reconnect");
        rig.TickUntil(() => rig.Server.TextsOn(rig.Topics.Status).Count(s => s.Contains("\"state\":\"online\"")) > onlineBefore, 3000, "online again");
        Assert.Equal(DecisionSource.Online, rig.Decide(out _).Source);
    }
}
