using DoorController.Access;
using DoorController.Contract;
using DoorController.Contract.Json;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>
    /// What the firmware renders (<see cref="EventJson"/> over a journal payload) the receiving side reads back
    /// (<see cref="EventJsonReader"/>, the server's parser): every event type's header, every field of an access
    /// decision, and the exact text of one access event.
    /// </summary>
    [TestClass]
    public class EventJsonRoundTripTests
    {
        private static string Render(long id, EventType type, IEventPayload payload)
        {
            byte[] buffer = new byte[256];
            PayloadWriter writer = new PayloadWriter(buffer);
            payload.Encode(writer);
            Assert.IsFalse(writer.Overflowed);
            return new EventJson().Render(id, type, 1772442000123, 5000, false, buffer, writer.Length);
        }

        private static JsonObject Parse(string json)
        {
            JsonObject o;
            string error;
            Assert.IsTrue(JsonReader.TryParse(json, out o, out error), error);
            return o;
        }

        /// <summary>An access decision as journals wrote it before the compact layout, up to its 16-byte hash.</summary>
        private static PayloadWriter LegacyDecision(byte[] buffer)
        {
            PayloadWriter writer = new PayloadWriter(buffer);
            writer.WriteByte(0x02);
            writer.WriteInt32(0);
            writer.WriteInt32(1);
            writer.WriteInt32(1);
            writer.WriteString("42");
            writer.WriteString("3");
            writer.WriteBytes(Hash());
            return writer;
        }

        private static byte[] Hash()
        {
            byte[] hash = new byte[16];
            for (int i = 0; i < hash.Length; i++)
            {
                hash[i] = (byte)(0xA0 + i);
            }
            return hash;
        }

        [TestMethod]
        public void An_Online_Decision_Reads_Back_With_Its_Request_Id_And_Exact_Text()
        {
            AccessDecisionEvent e = new AccessDecisionEvent();
            e.Online = true;
            e.Allowed = true;
            e.Reason = (int)ReasonCode.Granted;
            e.Direction = (int)Direction.Exit;
            e.Method = (int)CredentialMethod.Pin;
            e.UserId = "";
            e.ReaderId = "7";
            e.CredentialHash = Hash();
            e.RequestId = "q-4294967313";
            string json = Render(EventId.Compose(3, 9), EventType.AccessDecision, e);
            Assert.AreEqual("{\"id\":12884901897,\"type\":\"access_decision\",\"utc-ms\":1772442000123,\"uptime-ms\":5000,\"clock-uncertain\":false,"
                + "\"mode\":\"online\",\"allowed\":true,\"reason\":\"granted\",\"reason-code\":0,\"direction\":\"exit\",\"fraud\":false,"
                + "\"pending-retro\":false,\"user\":\"\",\"reader\":\"7\",\"method\":\"pin\",\"credential-prefix\":\"a0a1a2a3a4a5a6\","
                + "\"request-id\":\"q-4294967313\"}", json);

            JsonObject o = Parse(json);
            long id, utc;
            EventType type;
            string typeName, error;
            bool uncertain;
            Assert.IsTrue(EventJsonReader.TryReadHeader(o, out id, out type, out typeName, out utc, out uncertain, out error), error);
            Assert.AreEqual(EventId.Compose(3, 9), id);
            Assert.AreEqual((int)EventType.AccessDecision, (int)type);
            Assert.AreEqual(1772442000123L, utc);
            AccessDecisionEvent back = new AccessDecisionEvent();
            Assert.IsTrue(EventJsonReader.TryReadAccess(o, back, out error), error);
            Assert.IsTrue(back.Online);
            Assert.IsTrue(back.Allowed);
            Assert.AreEqual((int)Direction.Exit, back.Direction);
            Assert.AreEqual((int)CredentialMethod.Pin, back.Method);
            Assert.AreEqual("7", back.ReaderId);
            Assert.AreEqual("q-4294967313", back.RequestId);
            Assert.AreEqual(AccessDecisionEvent.CredentialPrefixLength, back.CredentialHash.Length, "the journal keeps the hash prefix");
            Assert.AreEqual((byte)0xA6, back.CredentialHash[6]);
            Assert.IsTrue(back.CredentialIsPrefix);
        }

        [TestMethod]
        public void A_Decision_From_An_Old_Journal_Reads_Back_With_Its_Full_Hash()
        {
            byte[] buffer = new byte[64];
            PayloadWriter writer = LegacyDecision(buffer);
            writer.WriteString("");
            string json = new EventJson().Render(5, EventType.AccessDecision, 1772442000123, 5000, false, buffer, writer.Length);
            Assert.IsTrue(json.IndexOf("\"credential-hash\":\"a0a1a2a3a4a5a6a7a8a9aaabacadaeaf\"") > 0, json);
            AccessDecisionEvent back = new AccessDecisionEvent();
            string error;
            Assert.IsTrue(EventJsonReader.TryReadAccess(Parse(json), back, out error), error);
            Assert.AreEqual(16, back.CredentialHash.Length);
            Assert.IsFalse(back.CredentialIsPrefix);
        }

        [TestMethod]
        public void A_Prefix_Of_The_Wrong_Length_Or_Neither_Hash_Field_Is_An_Error()
        {
            string common = "{\"mode\":\"offline\",\"allowed\":true,\"reason-code\":0,\"direction\":\"entry\",\"fraud\":false,"
                + "\"pending-retro\":true,\"user\":\"4\",\"reader\":\"1\",\"method\":\"nfc\"";
            AccessDecisionEvent back = new AccessDecisionEvent();
            string error;
            Assert.IsTrue(EventJsonReader.TryReadAccess(Parse(common + ",\"credential-prefix\":\"00112233445566\"}"), back, out error), error);
            Assert.IsFalse(EventJsonReader.TryReadAccess(Parse(common + ",\"credential-prefix\":\"0011223344556677\"}"), back, out error));
            Assert.IsFalse(EventJsonReader.TryReadAccess(Parse(common + ",\"credential-hash\":\"00112233445566\"}"), back, out error));
            Assert.IsFalse(EventJsonReader.TryReadAccess(Parse(common + "}"), back, out error));
            Assert.IsNotNull(error);
        }

        [TestMethod]
        public void An_Offline_Fraud_Decision_Reads_Back_Field_For_Field()
        {
            AccessDecisionEvent e = new AccessDecisionEvent();
            e.Allowed = false;
            e.Reason = (int)ReasonCode.ApbEntryWithoutExit;
            e.Direction = (int)Direction.Entry;
            e.Method = (int)CredentialMethod.Ble;
            e.Fraud = true;
            e.PendingRetro = false;
            e.UserId = "42";
            e.ReaderId = "3";
            e.CredentialHash = Hash();
            e.RequestId = "";
            JsonObject o = Parse(Render(5, EventType.AccessDecision, e));
            AccessDecisionEvent back = new AccessDecisionEvent();
            string error;
            Assert.IsTrue(EventJsonReader.TryReadAccess(o, back, out error), error);
            Assert.IsFalse(back.Online);
            Assert.IsFalse(back.Allowed);
            Assert.IsTrue(back.Fraud);
            Assert.AreEqual((int)ReasonCode.ApbEntryWithoutExit, back.Reason);
            Assert.AreEqual((int)Direction.Entry, back.Direction);
            Assert.AreEqual((int)CredentialMethod.Ble, back.Method);
            Assert.AreEqual("42", back.UserId);
            Assert.AreEqual("", back.RequestId);
        }

        [TestMethod]
        public void A_Record_Written_Before_Request_Ids_Decodes_With_None()
        {
            // The old layout ended at the credential hash: such records are still in journals after an upgrade.
            byte[] buffer = new byte[64];
            PayloadWriter writer = LegacyDecision(buffer);
            AccessDecisionEvent back = new AccessDecisionEvent();
            Assert.IsTrue(back.TryDecode(buffer, 0, writer.Length));
            Assert.AreEqual("", back.RequestId);
            Assert.AreEqual("42", back.UserId);
        }

        [TestMethod]
        public void Every_Event_Type_Reads_Back_Its_Header()
        {
            IEventPayload[] payloads = new IEventPayload[]
            {
                null, new DoorForcedEvent(), new DoorHeldOpenEvent(), new RelayFaultEvent(), new TamperEvent(), new BootEvent(),
                new CacheAppliedEvent(), new ConsoleLoginEvent(), new JournalOverflowEvent(), new ClockSetEvent(), new PassageEvent(),
                new PassageEvent()
            };
            for (int t = (int)EventType.DoorForced; t <= (int)EventType.GrantUnused; t++)
            {
                JsonObject o = Parse(Render(100 + t, (EventType)t, payloads[t - 1]));
                long id, utc;
                EventType type;
                string typeName, error;
                bool uncertain;
                Assert.IsTrue(EventJsonReader.TryReadHeader(o, out id, out type, out typeName, out utc, out uncertain, out error), error);
                Assert.AreEqual(100L + t, id);
                Assert.AreEqual(t, (int)type);
                Assert.AreEqual(EventTypeNames.ToName((EventType)t), typeName);
                Assert.IsFalse(o.Has("payload-error"), typeName);
            }
        }

        [TestMethod]
        public void A_Door_Report_Reads_Back_With_The_Grant_It_Settles()
        {
            PassageEvent e = new PassageEvent();
            e.Door = 4;
            e.GrantEvent = EventId.Compose(3, 9);
            e.RequestId = "";
            string json = Render(EventId.Compose(3, 11), EventType.GrantUnused, e);
            Assert.AreEqual("{\"id\":12884901899,\"type\":\"grant_unused\",\"utc-ms\":1772442000123,\"uptime-ms\":5000,\"clock-uncertain\":false,"
                + "\"door\":4,\"grant-event\":12884901897,\"request-id\":\"\"}", json);
            JsonObject o = Parse(json);
            PassageEvent back = new PassageEvent();
            string error;
            Assert.IsTrue(EventJsonReader.TryReadPassage(o, back, out error), error);
            Assert.AreEqual(4, back.Door);
            Assert.AreEqual(EventId.Compose(3, 9), back.GrantEvent);
            Assert.AreEqual("", back.RequestId);
            Assert.AreEqual("door_opened", EventTypeNames.ToName(EventType.DoorOpened));
            EventType parsed;
            Assert.IsTrue(EventTypeNames.TryParse("grant_unused", out parsed));
            Assert.AreEqual((int)EventType.GrantUnused, (int)parsed);
        }

        [TestMethod]
        public void A_Door_Report_Without_Its_Grant_Is_An_Error_Not_An_Exception()
        {
            string error;
            PassageEvent back = new PassageEvent();
            Assert.IsFalse(EventJsonReader.TryReadPassage(Parse("{\"door\":4}"), back, out error));
            Assert.IsNotNull(error);
            Assert.IsFalse(EventJsonReader.TryReadPassage(Parse("{\"door\":\"4\",\"grant-event\":9}"), back, out error));
            Assert.IsFalse(EventJsonReader.TryReadPassage(Parse("{\"door\":4,\"grant-event\":9,\"request-id\":7}"), back, out error));
            Assert.IsFalse(EventJsonReader.TryReadPassage(Parse("{\"door\":4294967296,\"grant-event\":9}"), back, out error));
        }

        [TestMethod]
        public void A_Malformed_Access_Event_Is_An_Error_Not_An_Exception()
        {
            string error;
            AccessDecisionEvent back = new AccessDecisionEvent();
            Assert.IsFalse(EventJsonReader.TryReadAccess(Parse("{\"mode\":\"online\",\"allowed\":\"yes\"}"), back, out error));
            Assert.IsNotNull(error);
            Assert.IsFalse(EventJsonReader.TryReadAccess(Parse("{\"mode\":\"sideways\",\"allowed\":true,\"reason-code\":0,\"direction\":\"entry\",\"fraud\":false,"
                + "\"pending-retro\":false,\"user\":\"\",\"reader\":\"1\",\"method\":\"nfc\",\"credential-hash\":\"00\"}"), back, out error));
            Assert.IsFalse(EventJsonReader.TryReadAccess(Parse("{\"mode\":\"online\",\"allowed\":true,\"reason-code\":0,\"direction\":\"entry\",\"fraud\":false,"
                + "\"pending-retro\":false,\"user\":\"\",\"reader\":\"1\",\"method\":\"nfc\",\"credential-hash\":\"zz\"}"), back, out error));
        }
    }
}
