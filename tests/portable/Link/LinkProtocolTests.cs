using System;
using DoorController.Link;
using DoorController.Contract;
using DoorController.Tests.Link.Fakes;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    /// <summary>Sync, commands, notifications, clock and hostile input through the link controller.</summary>
    [TestClass]
    public class LinkProtocolTests
    {
        private const long T0 = 1763700000;

        private static void DeliverChunks(LinkHarness h, byte[][] chunks)
        {
            for (int i = 0; i < chunks.Length; i++)
            {
                h.Transport.Deliver(h.Link.Topics.SyncChunk, chunks[i]);
            }
            h.Link.Tick();
        }

        private static CommandMessage Command(string name, long counter)
        {
            CommandMessage c = new CommandMessage();
            c.RequestId = "c-" + counter;
            c.Command = name;
            c.Door = 1;
            c.Counter = counter;
            c.IssuedAt = T0;
            c.Sign(BundleTestKit.Key, "door-12");
            return c;
        }

        [TestMethod]
        public void Bundle_Through_The_Link_Is_Installed_Reported_And_Shown_In_Status()
        {
            LinkHarness h = new LinkHarness().Start();
            DeliverChunks(h, BundleTestKit.Full(12, BundleTestKit.Body(30000, 4)));
            Assert.AreEqual(12L, h.Link.Bundles.InstalledVersion);
            Assert.Contains(",\"version\":12,\"ok\":true,\"error\":null,\"installed\":12,\"mac\":", h.Transport.Last(h.Link.Topics.SyncResult).Text);
            Assert.Contains("\"cache-version\":12", h.Transport.Last(h.Link.Topics.Status).Text);
            Assert.AreEqual(1, h.Cache.Reloads);
        }

        [TestMethod]
        public void Refused_Bundle_Is_Reported_With_An_Error_Event_And_The_Cache_Kept()
        {
            LinkHarness h = new LinkHarness().Start();
            DeliverChunks(h, BundleTestKit.Full(12, BundleTestKit.Body(300, 4)));
            DeliverChunks(h, BundleTestKit.Full(11, BundleTestKit.Body(300, 5)));
            Assert.AreEqual(12L, h.Link.Bundles.InstalledVersion);
            PublishedMessage result = h.Transport.Last(h.Link.Topics.SyncResult);
            Assert.Contains("\"ok\":false", result.Text);
            Assert.Contains("stale-version", result.Text);
            Assert.Contains("stale-version", h.Transport.Last(h.Link.Topics.Error).Text);
        }

        [TestMethod]
        public void Stalled_Bundle_Is_Dropped_And_A_Resync_Requested()
        {
            LinkHarness h = new LinkHarness().Start();
            byte[][] chunks = BundleTestKit.Full(3, BundleTestKit.Body(BundleTestKit.ThreeChunks, 1));
            h.Transport.Deliver(h.Link.Topics.SyncChunk, chunks[0]);
            h.Link.Tick();
            Assert.IsNotNull(h.Link.Bundles.Pending);
            int requests = h.Transport.On(h.Link.Topics.SyncRequest).Length;
            h.Advance(h.Options.BundleStallMilliseconds);
            Assert.IsNull(h.Link.Bundles.Pending);
            Assert.Contains("stalled", h.Transport.Last(h.Link.Topics.Error).Text);
            h.Advance(h.Options.SyncRetryMilliseconds);
            PublishedMessage[] after = h.Transport.On(h.Link.Topics.SyncRequest);
            Assert.AreEqual(requests + 1, after.Length);
            Assert.Contains(",\"have\":0,\"reason\":\"retry\",\"flash-mb\":4,", after[after.Length - 1].Text);
        }

        [TestMethod]
        public void Offline_Validity_Follows_The_Bundle_Lifetime_And_The_Clock()
        {
            LinkHarness h = new LinkHarness().Start();
            Assert.AreEqual((int)CacheValidity.None, (int)h.Link.OfflineValidity);
            DeliverChunks(h, BundleTestKit.Full(2, BundleTestKit.Body(100, 1)));
            Assert.AreEqual((int)CacheValidity.Unknown, (int)h.Link.OfflineValidity, "time unknown");
            h.Site.SetAuthenticated((T0 + 3600) * 1000);
            Assert.AreEqual((int)CacheValidity.Valid, (int)h.Link.OfflineValidity);
            h.Clock.Advance(7L * 24 * 3600 * 1000);
            Assert.AreEqual((int)CacheValidity.Expired, (int)h.Link.OfflineValidity);
            h.Advance(1);
            Assert.Contains(",\"have\":2,\"reason\":\"periodic\",\"flash-mb\":4,", h.Transport.Last(h.Link.Topics.SyncRequest).Text);
            int requests = h.Transport.On(h.Link.Topics.SyncRequest).Length;
            h.Advance(h.Options.SyncRetryMilliseconds);
            Assert.AreEqual(requests + 1, h.Transport.On(h.Link.Topics.SyncRequest).Length, "expired: asks again after 30 s, not an hour");
            Assert.Contains(",\"have\":2,\"reason\":\"expired\",\"flash-mb\":4,", h.Transport.Last(h.Link.Topics.SyncRequest).Text);
        }

        [TestMethod]
        public void Authenticated_Command_Runs_Once_And_Its_Replay_Is_Refused()
        {
            LinkHarness h = new LinkHarness().Start();
            h.Site.SetAuthenticated(T0 * 1000);
            byte[] payload = Command("lockdown", 5).ToJson();
            h.Transport.Deliver(h.Link.Topics.Command, payload);
            h.Link.Tick();
            Assert.Contains(",\"request-id\":\"c-5\",\"command\":\"lockdown\",\"ok\":true,\"error\":null,", h.Transport.Last(h.Link.Topics.CommandResult).Text);
            Assert.Contains("\"mode\":\"lockdown\"", h.Transport.Last(h.Link.Topics.Status).Text);
            h.Transport.Deliver(h.Link.Topics.Command, payload);
            h.Link.Tick();
            Assert.AreEqual(1, h.Commands.Executed.Count);
            Assert.Contains(",\"request-id\":\"c-5\",\"command\":\"lockdown\",\"ok\":false,\"error\":\"replayed\",", h.Transport.Last(h.Link.Topics.CommandResult).Text);
        }

        [TestMethod]
        public void Resync_Command_Requests_A_Sync_And_Unknown_Commands_Fail()
        {
            LinkHarness h = new LinkHarness().Start();
            int before = h.Transport.On(h.Link.Topics.SyncRequest).Length;
            h.Transport.Deliver(h.Link.Topics.Command, Command("resync", 1).ToJson());
            h.Link.Tick();
            PublishedMessage[] requests = h.Transport.On(h.Link.Topics.SyncRequest);
            Assert.AreEqual(before + 1, requests.Length);
            Assert.Contains("\"reason\":\"command\"", requests[requests.Length - 1].Text);
            h.Transport.Deliver(h.Link.Topics.Command, Command("selfdestruct", 2).ToJson());
            h.Link.Tick();
            Assert.Contains("\"error\":\"unknown-command\"", h.Transport.Last(h.Link.Topics.CommandResult).Text);
            Assert.AreEqual(0, h.Commands.Executed.Count);
        }

        [TestMethod]
        public void Forged_Command_Does_Nothing()
        {
            LinkHarness h = new LinkHarness().Start();
            CommandMessage c = Command("unlock", 3);
            c.Door = 2;
            h.Transport.Deliver(h.Link.Topics.Command, c.ToJson());
            h.Link.Tick();
            Assert.AreEqual(0, h.Commands.Executed.Count);
            Assert.Contains("bad-mac", h.Transport.Last(h.Link.Topics.CommandResult).Text);
            Assert.Contains("bad-mac", h.Transport.Last(h.Link.Topics.Error).Text);
        }

        [TestMethod]
        public void Signed_Notification_Reaches_The_Terminal_And_The_Clock_Answer_Sets_The_Time()
        {
            LinkHarness h = new LinkHarness().Start();
            h.DeliverSigned(h.Link.Topics.Notify, "{\"v\":1,\"door\":1,\"text\":\"Hello\",\"tone\":\"info\",\"issued-ms\":" + T0 + "000}");
            h.AnswerClock(T0 * 1000);
            h.Link.Tick();
            Assert.AreEqual(1, h.Commands.Shown.Count);
            Assert.AreEqual("Hello", (string)h.Commands.Shown[0]);
            Assert.IsTrue(h.Site.IsCertain);
            Assert.AreEqual(T0, h.Site.UnixSeconds);
            Assert.AreEqual(0, h.Link.ErrorCount);
        }

        [TestMethod]
        public void Hostile_Payloads_On_Every_Topic_Become_Error_Events_And_Nothing_Is_Lost()
        {
            LinkHarness h = new LinkHarness();
            for (int i = 0; i < 3; i++) h.Journal.Append("{\"n\":" + i + "}");
            h.Start();
            DeliverChunks(h, BundleTestKit.Full(4, BundleTestKit.Body(100, 1)));
            string[] topics = new string[] { h.Link.Topics.DecisionResponse, h.Link.Topics.EventsAck, h.Link.Topics.Command, h.Link.Topics.Notify, h.Link.Topics.Clock, h.Link.Topics.SyncChunk };
            string[] junk = new string[]
            {
                "", "not json", "{\"v\":1", "[1,2,3]", "{\"v\":99,\"upto\":1}", "{\"v\":\"1\"}",
                "{\"v\":1,\"request-id\":5,\"granted\":\"yes\",\"upto\":\"all\",\"utc\":\"now\",\"text\":7,\"counter\":\"x\"}",
                "{\"v\":1,\"upto\":-1,\"utc\":-5}", "\u0000\u0001\u0002"
            };
            int expectedErrors = 0;
            for (int t = 0; t < topics.Length; t++)
            {
                for (int j = 0; j < junk.Length; j++)
                {
                    h.Transport.Deliver(topics[t], LinkHarness.Utf8(junk[j]));
                    h.Link.Tick();
                    expectedErrors++;
                }
            }
            Assert.AreEqual(expectedErrors, h.Link.ErrorCount);
            Assert.AreEqual(expectedErrors, h.Transport.On(h.Link.Topics.Error).Length);
            Assert.AreEqual(3, h.Journal.Depth, "no event trimmed by junk");
            Assert.AreEqual(4L, h.Link.Bundles.InstalledVersion, "cache untouched");
            Assert.IsFalse(h.Site.IsCertain, "clock untouched");
            Assert.AreEqual(0, h.Commands.Executed.Count + h.Commands.Shown.Count);
            Assert.IsTrue(h.Link.IsOnline);
            DecisionQuery q = new DecisionQuery();
            q.CredentialKind = "pin";
            q.CredentialHash = "00";
            DecisionTicket t2 = h.Link.BeginDecision(q);
            h.Answer(true, "granted");
            h.Link.Tick();
            Assert.AreEqual((int)DecisionSource.Online, (int)t2.Result.Source, "still serving online decisions");
        }
    }
}
