using DoorController.Link;
using DoorController.Contract;
using DoorController.Tests.Link.Fakes;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    [TestClass]
    public class LinkControllerTests
    {
        [TestMethod]
        public void Connect_Sets_The_Offline_Will_Subscribes_And_Publishes_Retained_Status()
        {
            LinkHarness h = new LinkHarness().Start();
            Assert.IsTrue(h.Link.IsOnline);
            Assert.AreEqual("dc/v1/dev/door-12/status", h.Transport.WillTopic);
            string error;
            Assert.IsTrue(h.ServerKeys.Verify(h.Transport.WillTopic, h.Transport.WillPayload, out error), "the will is signed: " + error);
            Assert.StartsWith("{\"v\":1,\"nonce\":", System.Text.Encoding.UTF8.GetString(h.Transport.WillPayload, 0, h.Transport.WillPayload.Length));
            Assert.Contains("\"state\":\"offline\"", System.Text.Encoding.UTF8.GetString(h.Transport.WillPayload, 0, h.Transport.WillPayload.Length));
            Assert.AreEqual(6, h.Transport.Subscribed.Count);
            PublishedMessage status = h.Transport.Last(h.Link.Topics.Status);
            Assert.IsNotNull(status);
            Assert.IsTrue(status.Retain);
            Assert.AreEqual(1, status.Qos);
            Assert.Contains("\"state\":\"online\"", status.Text);
            Assert.Contains("\"cache-version\":0", status.Text);
            Assert.IsTrue(h.ServerKeys.Verify(status.Topic, status.Payload, out error), error);
            PublishedMessage sync = h.Transport.Last(h.Link.Topics.SyncRequest);
            Assert.IsTrue(h.ServerKeys.Verify(sync.Topic, sync.Payload, out error), error);
            Assert.Contains("\"have\":0,\"reason\":\"connect\",\"flash-mb\":4,", sync.Text);
            Assert.IsNotNull(h.Transport.Last(h.Link.Topics.ClockRequest), "asks for the time on connect");
        }

        [TestMethod]
        public void A_Door_Change_Republishes_The_Status_At_Once_But_A_Flapping_Contact_Cannot_Flood_The_Broker()
        {
            LinkHarness h = new LinkHarness().Start();
            int before = h.Transport.On(h.Link.Topics.Status).Length;
            Assert.Contains("\"door\":\"closed\",\"lock\":\"locked\"", h.Transport.Last(h.Link.Topics.Status).Text);
            h.Advance(LinkController.MinDoorStatusGapMilliseconds);
            h.Commands.DoorState = "forced";
            h.Link.Tick();
            Assert.AreEqual(before + 1, h.Transport.On(h.Link.Topics.Status).Length);
            Assert.Contains("\"door\":\"forced\"", h.Transport.Last(h.Link.Topics.Status).Text);

            // Closed and opened again within the gap: one more status after the gap, carrying the latest state.
            h.Commands.DoorState = "closed";
            h.Advance(10);
            h.Commands.DoorState = "open";
            h.Commands.LockState = "unlocked";
            h.Advance(10);
            Assert.AreEqual(before + 1, h.Transport.On(h.Link.Topics.Status).Length);
            h.Advance(LinkController.MinDoorStatusGapMilliseconds);
            Assert.AreEqual(before + 2, h.Transport.On(h.Link.Topics.Status).Length);
            Assert.Contains("\"door\":\"open\",\"lock\":\"unlocked\"", h.Transport.Last(h.Link.Topics.Status).Text);
            h.Advance(LinkController.MinDoorStatusGapMilliseconds);
            Assert.AreEqual(before + 2, h.Transport.On(h.Link.Topics.Status).Length); // nothing changed: nothing sent
        }

        [TestMethod]
        public void Online_Decision_Uses_The_Server_Answer()
        {
            LinkHarness h = new LinkHarness().Start();
            DecisionTicket t = h.Link.BeginDecision(LinkHarness.Query());
            Assert.IsFalse(t.IsDone);
            h.Clock.Advance(35);
            h.Answer(false, "apb");
            h.Link.Tick();
            Assert.IsTrue(t.IsDone);
            Assert.IsFalse(t.Result.Granted);
            Assert.AreEqual("apb", t.Result.Reason);
            Assert.AreEqual((int)DecisionSource.Online, (int)t.Result.Source);
            Assert.AreEqual(35L, t.ElapsedMilliseconds);
            Assert.AreEqual(0, h.Local.Calls);
        }

        [TestMethod]
        public void Silent_Server_Falls_Back_To_The_Local_Decision_At_The_Timeout()
        {
            LinkHarness h = new LinkHarness().Start();
            DecisionTicket t = h.Link.BeginDecision(LinkHarness.Query());
            h.Advance(399);
            Assert.IsFalse(t.IsDone, "still waiting at 399 ms");
            h.Advance(1);
            Assert.IsTrue(t.IsDone);
            Assert.IsTrue(t.Result.Granted);
            Assert.AreEqual("local-grant", t.Result.Reason);
            Assert.AreEqual((int)DecisionSource.OfflineTimeout, (int)t.Result.Source);
            Assert.AreEqual(400L, t.ElapsedMilliseconds);
            int errors = h.Link.ErrorCount;
            h.Answer(false, "late");
            h.Link.Tick();
            Assert.IsTrue(t.Result.Granted, "a late answer does not overturn the decision already acted on");
            Assert.AreEqual(errors, h.Link.ErrorCount, "a late answer is not an error");
        }

        [TestMethod]
        public void Timeout_Is_Configurable()
        {
            LinkHarness h = new LinkHarness();
            h.Options.DecisionTimeoutMilliseconds = 150;
            h.Start();
            DecisionTicket t = h.Link.BeginDecision(LinkHarness.Query());
            h.Advance(150);
            Assert.IsTrue(t.IsDone);
        }

        [TestMethod]
        public void Without_A_Link_The_Decision_Is_Local_At_Once_And_Marked_Offline()
        {
            LinkHarness h = new LinkHarness();
            h.Transport.BrokerUp = false;
            h.Start();
            h.Local.Grant = false;
            DecisionTicket t = h.Link.BeginDecision(LinkHarness.Query());
            Assert.IsTrue(t.IsDone);
            Assert.IsFalse(t.Result.Granted);
            Assert.AreEqual((int)DecisionSource.OfflineNoLink, (int)t.Result.Source);
            Assert.IsTrue(t.Result.ClockUncertain);
            Assert.AreEqual(0L, t.ElapsedMilliseconds);
        }

        [TestMethod]
        public void Pending_Decisions_Settle_Locally_When_The_Link_Drops()
        {
            LinkHarness h = new LinkHarness().Start();
            DecisionTicket t = h.Link.BeginDecision(LinkHarness.Query());
            h.Transport.Drop();
            h.Advance(10);
            Assert.IsTrue(t.IsDone);
            Assert.AreEqual((int)DecisionSource.OfflineNoLink, (int)t.Result.Source);
        }

        [TestMethod]
        public void Reconnect_Uses_Growing_Jittered_Delays_And_Resets_After_Success()
        {
            LinkHarness h = new LinkHarness().Start();
            h.Transport.BrokerUp = false;
            h.Transport.Drop();
            h.Link.Tick();
            Assert.IsFalse(h.Link.IsOnline);
            int calls = h.Transport.ConnectCalls;
            long waited = 0;
            long[] gaps = new long[4];
            for (int attempt = 0; attempt < 4; attempt++)
            {
                long start = waited;
                while (h.Transport.ConnectCalls == calls)
                {
                    h.Advance(50);
                    waited += 50;
                }
                calls = h.Transport.ConnectCalls;
                gaps[attempt] = waited - start;
            }
            // Nominal 1 s, 2 s, 4 s, 8 s with jitter into [d/2, d].
            Assert.IsTrue(gaps[0] >= 500 && gaps[0] <= 1050, "first gap " + gaps[0]);
            Assert.IsTrue(gaps[1] >= 1000 && gaps[1] <= 2050, "second gap " + gaps[1]);
            Assert.IsTrue(gaps[2] >= 2000 && gaps[2] <= 4050, "third gap " + gaps[2]);
            Assert.IsTrue(gaps[3] >= 4000 && gaps[3] <= 8050, "fourth gap " + gaps[3]);
            h.Transport.BrokerUp = true;
            while (!h.Link.IsOnline) h.Advance(100);
            Assert.AreEqual(0, h.Link.Backoff.Attempt);
        }

        [TestMethod]
        public void Replay_Sends_In_Order_Within_The_Event_Window_And_Acks_Trim_The_Journal()
        {
            LinkHarness h = new LinkHarness();
            h.Options.ReplayWindowEvents = 8;
            for (int i = 0; i < 20; i++) h.Journal.Append("{\"type\":\"access\",\"n\":" + i + "}");
            h.Start();
            PublishedMessage[] sent = h.Transport.On(h.Link.Topics.Events);
            Assert.AreEqual(8, sent.Length, "window of 8 unacknowledged events");
            for (int i = 0; i < sent.Length; i++)
            {
                Assert.StartsWith("{\"v\":1,\"seq\":" + (i + 1) + ",", sent[i].Text);
                Assert.AreEqual(1, sent[i].Qos);
            }
            h.Ack(5);
            h.Link.Tick();
            Assert.AreEqual(15, h.Journal.Depth, "acknowledged events trimmed");
            sent = h.Transport.On(h.Link.Topics.Events);
            Assert.AreEqual(13, sent.Length);
            Assert.StartsWith("{\"v\":1,\"seq\":13,", sent[12].Text);
        }

        [TestMethod]
        public void Replay_Respects_The_Byte_Window()
        {
            LinkHarness h = new LinkHarness();
            h.Options.ReplayWindowBytes = 700;
            string big = "{\"pad\":\"" + new string('x', 200) + "\"}";
            for (int i = 0; i < 10; i++) h.Journal.Append(big);
            h.Start();
            Assert.AreEqual(2, h.Transport.On(h.Link.Topics.Events).Length);
            Assert.IsTrue(h.Link.Replayer.InFlightBytes <= 700);
        }

        [TestMethod]
        public void An_Ack_For_Events_Never_Sent_Cannot_Trim_Them()
        {
            LinkHarness h = new LinkHarness();
            h.Options.ReplayWindowEvents = 8;
            for (int i = 0; i < 20; i++) h.Journal.Append("{}");
            h.Start();
            h.DeliverSigned(h.Link.Topics.EventsAck, "{\"v\":1,\"upto\":1000,\"event-mac\":\"" + new string('0', 64) + "\"}");
            h.Link.Tick();
            Assert.AreEqual(0L, h.Journal.AcknowledgedUpTo, "an event never sent is not trimmed, even by a signed ack");
            Assert.AreEqual(20, h.Journal.Depth);
        }

        [TestMethod]
        public void An_Ack_Naming_Another_Events_Mac_Trims_Nothing_And_Is_Reported()
        {
            LinkHarness h = new LinkHarness();
            for (int i = 0; i < 4; i++) h.Journal.Append("{\"n\":" + i + "}");
            h.Start();
            PublishedMessage first = h.Transport.On(h.Link.Topics.Events)[0];
            h.DeliverSigned(h.Link.Topics.EventsAck, "{\"v\":1,\"upto\":3,\"event-mac\":\"" + WireMac.TagHex(first.Payload) + "\"}");
            h.Link.Tick();
            Assert.AreEqual(4, h.Journal.Depth);
            Assert.Contains("names another event's mac", h.Link.LastError);
            h.Ack(3);
            h.Link.Tick();
            Assert.AreEqual(1, h.Journal.Depth, "the right ack trims");
        }

        [TestMethod]
        public void Stalled_Acks_Resend_From_The_Last_Acknowledged_Event()
        {
            LinkHarness h = new LinkHarness();
            for (int i = 0; i < 4; i++) h.Journal.Append("{}");
            h.Start();
            h.Ack(2);
            h.Link.Tick();
            int before = h.Transport.On(h.Link.Topics.Events).Length;
            h.Advance(h.Options.AckTimeoutMilliseconds);
            PublishedMessage[] all = h.Transport.On(h.Link.Topics.Events);
            Assert.AreEqual(before + 2, all.Length);
            Assert.StartsWith("{\"v\":1,\"seq\":3,\"prev\":2,\"acked\":2,", all[before].Text);
            Assert.StartsWith("{\"v\":1,\"seq\":4,\"prev\":3,\"acked\":2,", all[before + 1].Text);
            Assert.StartsWith("{\"v\":1,\"seq\":3,\"prev\":2,\"acked\":0,", all[2].Text, "before the ack: none held");
        }

        [TestMethod]
        public void After_A_Reconnect_Unacknowledged_Events_Are_Replayed_In_Order()
        {
            LinkHarness h = new LinkHarness();
            h.Journal.Append("{\"n\":1}");
            h.Journal.Append("{\"n\":2}");
            h.Start();
            h.Ack(1);
            h.Link.Tick();
            h.Transport.BrokerUp = false;
            h.Transport.Drop();
            h.Link.Tick();
            for (int i = 3; i <= 6; i++) h.Journal.Append("{\"n\":" + i + "}");
            h.Advance(3000);
            h.Transport.Published.Clear();
            h.Transport.BrokerUp = true;
            while (!h.Link.IsOnline) h.Advance(500);
            PublishedMessage[] replay = h.Transport.On(h.Link.Topics.Events);
            Assert.AreEqual(5, replay.Length);
            for (int i = 0; i < 5; i++)
            {
                Assert.StartsWith("{\"v\":1,\"seq\":" + (i + 2) + ",", replay[i].Text);
            }
            h.Ack(6);
            h.Link.Tick();
            Assert.AreEqual(0, h.Journal.Depth);
        }

        [TestMethod]
        public void A_Local_Pipeline_That_Throws_Denies_Instead_Of_Opening()
        {
            LinkHarness h = new LinkHarness();
            h.Transport.BrokerUp = false;
            h.Start();
            h.Local.Throw = true;
            DecisionTicket t = h.Link.BeginDecision(LinkHarness.Query());
            Assert.IsTrue(t.IsDone);
            Assert.IsFalse(t.Result.Granted);
            Assert.AreEqual("local-error", t.Result.Reason);
        }
    }
}
