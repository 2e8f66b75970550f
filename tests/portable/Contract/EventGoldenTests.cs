using DoorController.Contract;
using DoorController.Core;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>
    /// Exact wire bytes of the controller's events and the server's ack, MAC included (docs/protocol.md shows the same
    /// examples): each event is rendered by the firmware's own EventJson, sealed, compared with the golden text (MACs
    /// computed outside .NET) and parsed back as the server does.
    /// </summary>
    [TestClass]
    public class EventGoldenTests
    {
        [TestMethod]
        public void Event_And_The_Ack_That_Names_Its_Mac()
        {
            EventMessage e = new EventMessage();
            e.Sequence = 42;
            e.Previous = 41;
            e.Acknowledged = 40;
            e.EventJson = "{\"type\":\"access\",\"door\":1,\"granted\":true}";
            byte[] wire = GoldenWire.RoundTrip("events", e.ToJson(), "{\"v\":1,\"seq\":42,\"prev\":41,\"acked\":40,\"event\":{\"type\":\"access\",\"door\":1,\"granted\":true},\"mac\":\"29651ff131b50d05c041dd4fed9385f97581f89384f99a3168a73f2c79856d64\"}");
            EventMessage eb;
            string parseError;
            Assert.IsTrue(EventMessage.TryParse(wire, out eb, out parseError), parseError);
            Assert.AreEqual(42L, eb.Sequence);
            Assert.AreEqual(41L, eb.Previous);
            Assert.AreEqual(40L, eb.Acknowledged);
            EventAck a = new EventAck();
            a.UpTo = 42;
            a.EventMac = WireMac.TagHex(wire);
            wire = GoldenWire.RoundTrip("events/ack", a.ToJson(), "{\"v\":1,\"upto\":42,\"event-mac\":\"29651ff131b50d05c041dd4fed9385f97581f89384f99a3168a73f2c79856d64\",\"mac\":\"c3dd1c5077228a3f8074cc3fdd8b4ac369b163f30091117fd5f4371262e5df2d\"}");
            EventAck back;
            string error;
            Assert.IsTrue(EventAck.TryParse(wire, out back, out error), error);
            Assert.AreEqual(42L, back.UpTo);
            Assert.AreEqual("29651ff131b50d05c041dd4fed9385f97581f89384f99a3168a73f2c79856d64", back.EventMac);
        }

        [TestMethod]
        public void A_Door_Opened_Event_As_The_Controller_Sends_It()
        {
            // Rendered by the firmware's own EventJson from the journal payload, then sealed in its event message.
            PassageEvent opened = new PassageEvent();
            opened.Door = 12;
            opened.GrantEvent = 12884901897;
            opened.RequestId = "q-4294967313";
            EventMessage e = Replayed(12884901898, 12884901897, EventType.DoorOpened, 1772442000123, 5000, opened);
            byte[] wire = GoldenWire.RoundTrip("events", e.ToJson(), "{\"v\":1,\"seq\":12884901898,\"prev\":12884901897,\"acked\":0,\"event\":{\"id\":12884901898,"
                + "\"type\":\"door_opened\",\"utc-ms\":1772442000123,\"uptime-ms\":5000,\"clock-uncertain\":false,\"door\":12,"
                + "\"grant-event\":12884901897,\"request-id\":\"q-4294967313\"},\"mac\":\"3d2240a882ad6f5cae052ce8c8704f20803125d0d7f1562a01a7f537ce9ea800\"}");
            EventMessage eb;
            string error;
            Assert.IsTrue(EventMessage.TryParse(wire, out eb, out error), error);
            PassageEvent back = new PassageEvent();
            Assert.IsTrue(EventJsonReader.TryReadPassage(eb.Event, back, out error), error);
            Assert.AreEqual(12, back.Door);
            Assert.AreEqual(12884901897L, back.GrantEvent);
            Assert.AreEqual("q-4294967313", back.RequestId);
        }

        [TestMethod]
        public void An_Offline_Grant_Replayed_From_The_Journal_Carries_The_Credential_Prefix()
        {
            AccessDecisionEvent grant = OfflineGrantSample.Create();
            EventMessage e = Replayed(12884901897, 12884901896, EventType.AccessDecision, 1772442000123, 4123, grant);
            byte[] wire = GoldenWire.RoundTrip("events", e.ToJson(), "{\"v\":1,\"seq\":12884901897,\"prev\":12884901896,\"acked\":0,\"event\":{\"id\":12884901897,"
                + "\"type\":\"access_decision\",\"utc-ms\":1772442000123,\"uptime-ms\":4123,\"clock-uncertain\":false,\"mode\":\"offline\","
                + "\"allowed\":true,\"reason\":\"granted\",\"reason-code\":0,\"direction\":\"entry\",\"fraud\":false,\"pending-retro\":true,"
                + "\"user\":\"104233\",\"reader\":\"12\",\"method\":\"nfc\",\"credential-prefix\":\"a0a1a2a3a4a5a6\",\"request-id\":\"\"},"
                + "\"mac\":\"eacbe5f1181d4a43d8cc25bc61b55d8d8787000e1fb34c92b1286d878601cb31\"}");
            EventMessage eb;
            string error;
            Assert.IsTrue(EventMessage.TryParse(wire, out eb, out error), error);
            AccessDecisionEvent back = new AccessDecisionEvent();
            Assert.IsTrue(EventJsonReader.TryReadAccess(eb.Event, back, out error), error);
            Assert.IsTrue(back.CredentialIsPrefix);
            Assert.AreEqual("a0a1a2a3a4a5a6", Hex.Encode(back.CredentialHash));
            Assert.AreEqual("104233", back.UserId);
            Assert.IsTrue(back.PendingRetro);
        }

        /// <summary>A journal record in the event message the controller sends for it: the payload encoded as the
        /// journal stores it, rendered by the firmware's own EventJson (the event id is the sequence number).</summary>
        private static EventMessage Replayed(long sequence, long previous, EventType type, long utcMs, long uptimeMs, IEventPayload payload)
        {
            byte[] buffer = new byte[64];
            PayloadWriter writer = new PayloadWriter(buffer);
            payload.Encode(writer);
            EventMessage e = new EventMessage();
            e.Sequence = sequence;
            e.Previous = previous;
            e.EventJson = new EventJson().Render(sequence, type, utcMs, uptimeMs, false, buffer, writer.Length);
            return e;
        }
    }
}
