using DoorController.Link;
using DoorController.Link.Time;
using DoorController.Contract;
using DoorController.Tests.Link.Fakes;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    /// <summary>
    /// The link under attack (an attacker with full broker access, who can publish on every topic and replay what it
    /// saw): forged and replayed answers, acks, clocks and notifications are refused, counted and reported, and
    /// nothing they carry reaches the door, the journal or the clock. The same attacks through a real broker, server
    /// and virtual controllers: tests/integration/WireAttackTests.cs.
    /// </summary>
    [TestClass]
    public class LinkSecurityTests
    {
        private const long T0 = 1763700000;

        private static string GrantFor(DecisionRequest r)
        {
            return "{\"v\":1,\"request-id\":\"" + r.RequestId + "\",\"nonce\":" + r.Nonce + ",\"granted\":true,\"reason\":\"granted\",\"unlock-ms\":600000}";
        }

        [TestMethod]
        public void A_Forged_Grant_Never_Decides_And_The_Real_Answer_Still_Does()
        {
            LinkHarness h = new LinkHarness().Start();
            DecisionTicket t = h.Link.BeginDecision(LinkHarness.Query());
            DecisionRequest r = h.LastRequest();
            // The attacker answers first: right request id and nonce, no key.
            h.Transport.Deliver(h.Link.Topics.DecisionResponse, LinkHarness.Utf8(GrantFor(r)));
            // ... and with a MAC under another controller's key, and with a made-up tag.
            WireKeys other = new WireKeys(LinkHarness.Utf8("some-other-controller-key"), h.Link.Topics);
            h.Transport.Deliver(h.Link.Topics.DecisionResponse, other.Seal(h.Link.Topics.DecisionResponse, LinkHarness.Utf8(GrantFor(r))));
            h.Link.Tick();
            Assert.IsFalse(t.IsDone, "no forged answer settles the request");
            Assert.AreEqual(2, h.Link.ErrorCount);
            Assert.AreEqual(2, h.Transport.On(h.Link.Topics.Error).Length, "each forgery reported on the error topic");
            h.Answer(false, "unknown-credential");
            h.Link.Tick();
            Assert.IsTrue(t.IsDone);
            Assert.IsFalse(t.Result.Granted);
            Assert.AreEqual("unknown-credential", t.Result.Reason);
        }

        [TestMethod]
        public void A_Recorded_Grant_Replayed_For_A_Later_Request_Is_Refused()
        {
            LinkHarness h = new LinkHarness().Start();
            DecisionTicket first = h.Link.BeginDecision(LinkHarness.Query());
            h.Answer(true, "granted");
            h.Link.Tick();
            Assert.IsTrue(first.Result.Granted);
            byte[] recorded = h.ServerKeys.Seal(h.Link.Topics.DecisionResponse, LinkHarness.Utf8(GrantFor(h.LastRequest())));
            DecisionTicket second = h.Link.BeginDecision(LinkHarness.Query());
            h.Transport.Deliver(h.Link.Topics.DecisionResponse, recorded);
            h.Link.Tick();
            Assert.IsFalse(second.IsDone, "an answer to an earlier request never settles this one");
            Assert.Contains("replayed", h.Link.LastError);
            // The same request id with a changed nonce cannot be signed by the attacker; a genuine answer with the wrong
            // nonce (a server bug, or a request id reused) is refused too.
            DecisionRequest r = h.LastRequest();
            h.DeliverSigned(h.Link.Topics.DecisionResponse, "{\"v\":1,\"request-id\":\"" + r.RequestId + "\",\"nonce\":" + (r.Nonce - 1) + ",\"granted\":true}");
            h.Link.Tick();
            Assert.IsFalse(second.IsDone);
            h.Advance(h.Options.DecisionTimeoutMilliseconds);
            Assert.AreEqual((int)DecisionSource.OfflineTimeout, (int)second.Result.Source, "the local decision at the timeout");
        }

        [TestMethod]
        public void Nonces_Never_Repeat_Within_A_Boot_And_Carry_The_Boot_Counter()
        {
            LinkHarness h = new LinkHarness();
            h.Options.BootCounter = 7;
            h.Start();
            h.Link.BeginDecision(LinkHarness.Query());
            long a = h.LastRequest().Nonce;
            h.Link.BeginDecision(LinkHarness.Query());
            long b = h.LastRequest().Nonce;
            Assert.IsTrue(b > a);
            Assert.AreEqual(7L, a >> 32);
            Assert.AreEqual("q-" + b, h.LastRequest().RequestId);
        }

        [TestMethod]
        public void A_Forged_Ack_Trims_Nothing()
        {
            LinkHarness h = new LinkHarness();
            for (int i = 0; i < 5; i++) h.Journal.Append("{\"n\":" + i + "}");
            h.Start();
            PublishedMessage fifth = h.Transport.On(h.Link.Topics.Events)[4];
            // Unsigned, and signed with a wrong key, each naming the real event's MAC.
            string ack = "{\"v\":1,\"upto\":5,\"event-mac\":\"" + WireMac.TagHex(fifth.Payload) + "\"}";
            h.Transport.Deliver(h.Link.Topics.EventsAck, ack);
            h.Transport.Deliver(h.Link.Topics.EventsAck, new WireKeys(LinkHarness.Utf8("wrong"), h.Link.Topics).Seal(h.Link.Topics.EventsAck, LinkHarness.Utf8(ack)));
            h.Link.Tick();
            Assert.AreEqual(5, h.Journal.Depth, "nothing trimmed");
            Assert.AreEqual(2, h.Link.ErrorCount);
        }

        [TestMethod]
        public void The_Clock_Is_Taken_Only_From_The_Answer_To_Its_Own_Request()
        {
            LinkHarness h = new LinkHarness().Start();
            PublishedMessage asked = h.Transport.Last(h.Link.Topics.ClockRequest);
            Assert.IsNotNull(asked);
            // A year ahead: unsigned; then signed but for a nonce never asked.
            long yearAhead = (T0 + 365L * 24 * 3600) * 1000;
            h.Transport.Deliver(h.Link.Topics.Clock, "{\"v\":1,\"nonce\":1,\"utc-ms\":" + yearAhead + "}");
            h.DeliverSigned(h.Link.Topics.Clock, "{\"v\":1,\"nonce\":12345,\"utc-ms\":" + yearAhead + "}");
            h.Link.Tick();
            Assert.IsFalse(h.Site.IsCertain);
            Assert.AreEqual(2, h.Link.ErrorCount);
            h.AnswerClock(T0 * 1000);
            h.Link.Tick();
            Assert.AreEqual(T0, h.Site.UnixSeconds);
            // The genuine answer replayed (to hold the clock back): its nonce is spent.
            h.Clock.Advance(60000);
            h.AnswerClock(T0 * 1000);
            h.Link.Tick();
            Assert.AreEqual(T0 + 60, h.Site.UnixSeconds, "a replayed answer is refused");
            Assert.Contains("no pending request", h.Link.LastError);
        }

        [TestMethod]
        public void A_Held_Back_Clock_Answer_Is_Refused()
        {
            LinkHarness h = new LinkHarness().Start();
            h.Clock.Advance(ClockSync.MaxRoundTripMilliseconds + 1);
            h.AnswerClock(T0 * 1000);
            h.Link.Tick();
            Assert.IsFalse(h.Site.IsCertain);
            Assert.Contains("after", h.Link.LastError);
            h.Advance(ClockSync.RetryMilliseconds);
            h.Clock.Advance(100);
            h.AnswerClock(T0 * 1000);
            h.Link.Tick();
            Assert.IsTrue(h.Site.IsCertain, "the next request's prompt answer is taken");
            Assert.AreEqual(T0 * 1000 + 50, h.Site.UnixMilliseconds, "server time + half the round trip");
        }

        [TestMethod]
        public void The_Clock_Is_Asked_Again_Until_Answered_Then_Hourly()
        {
            LinkHarness h = new LinkHarness().Start();
            int asked = h.Transport.On(h.Link.Topics.ClockRequest).Length;
            h.Advance(ClockSync.RetryMilliseconds);
            Assert.AreEqual(asked + 1, h.Transport.On(h.Link.Topics.ClockRequest).Length, "no answer: asks again");
            h.AnswerClock(T0 * 1000);
            h.Link.Tick();
            h.Advance(ClockSync.RetryMilliseconds);
            Assert.AreEqual(asked + 1, h.Transport.On(h.Link.Topics.ClockRequest).Length, "answered: quiet");
            h.Advance(ClockSync.RefreshMilliseconds);
            Assert.AreEqual(asked + 2, h.Transport.On(h.Link.Topics.ClockRequest).Length, "hourly refresh");
        }

        [TestMethod]
        public void Forged_And_Replayed_Notifications_Are_Not_Shown()
        {
            LinkHarness h = new LinkHarness().Start();
            h.AnswerClock(T0 * 1000);
            h.Link.Tick();
            string genuine = "{\"v\":1,\"door\":1,\"text\":\"Welcome\",\"tone\":\"info\",\"issued-ms\":" + (T0 * 1000 + 1) + "}";
            h.Transport.Deliver(h.Link.Topics.Notify, "{\"v\":1,\"door\":1,\"text\":\"EVACUATE\",\"tone\":\"alarm\",\"issued-ms\":" + (T0 * 1000 + 5) + "}");
            h.DeliverSigned(h.Link.Topics.Notify, genuine);
            h.DeliverSigned(h.Link.Topics.Notify, genuine);
            h.DeliverSigned(h.Link.Topics.Notify, "{\"v\":1,\"door\":1,\"text\":\"old\",\"tone\":\"info\",\"issued-ms\":" + ((T0 - 3600) * 1000) + "}");
            h.Link.Tick();
            Assert.AreEqual(1, h.Commands.Shown.Count);
            Assert.AreEqual("Welcome", (string)h.Commands.Shown[0]);
            Assert.AreEqual(3, h.Link.ErrorCount, "forged, replayed and stale: each refused and reported");
        }
    }
}
