using DoorController.Journal;
using nanoFramework.TestFramework;
using DoorController.Contract;
using DoorController.Tests.Support;

namespace DoorController.Tests.Journal
{
    [TestClass]
    public class EventPayloadTests
    {
        private static byte[] Encode(IEventPayload payload)
        {
            byte[] buffer = new byte[256];
            PayloadWriter writer = new PayloadWriter(buffer);
            payload.Encode(writer);
            Assert.IsFalse(writer.Overflowed);
            byte[] result = new byte[writer.Length];
            System.Array.Copy(buffer, result, writer.Length);
            return result;
        }

        [TestMethod]
        public void Access_Decision_Round_Trips_Every_Field()
        {
            AccessDecisionEvent original = new AccessDecisionEvent();
            original.Online = false;
            original.Allowed = true;
            original.Reason = 7;
            original.Direction = 2;
            original.Fraud = true;
            original.PendingRetro = true;
            original.UserId = "emp-0042 Zoë 東京";
            original.ReaderId = "door-1/in";
            original.CredentialHash = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
            original.Method = -3;
            original.ClockUncertain = true;
            original.RequestId = "q-4294967313";
            byte[] bytes = Encode(original);

            AccessDecisionEvent decoded = new AccessDecisionEvent();
            Assert.IsTrue(decoded.TryDecode(bytes, 0, bytes.Length));
            Assert.IsFalse(decoded.Online);
            Assert.IsTrue(decoded.Allowed);
            Assert.AreEqual(7, decoded.Reason);
            Assert.AreEqual(2, decoded.Direction);
            Assert.IsTrue(decoded.Fraud);
            Assert.IsTrue(decoded.PendingRetro);
            Assert.AreEqual("emp-0042 Zoë 東京", decoded.UserId);
            Assert.AreEqual("door-1/in", decoded.ReaderId);
            Assert.AreEqual(AccessDecisionEvent.CredentialPrefixLength, decoded.CredentialHash.Length, "the journal keeps the store's hash prefix");
            Assert.IsTrue(decoded.CredentialHash.SequenceEqual(new byte[] { 1, 2, 3, 4, 5, 6, 7 }));
            Assert.IsTrue(decoded.CredentialIsPrefix);
            Assert.AreEqual(-3, decoded.Method);
            Assert.IsTrue(decoded.ClockUncertain);
            Assert.AreEqual("q-4294967313", decoded.RequestId);
            Assert.IsTrue(bytes.Length < 80, "compact: " + bytes.Length + " bytes");
        }

        [TestMethod]
        public void Truncated_Or_Garbage_Payloads_Decode_To_False_Without_Throwing()
        {
            AccessDecisionEvent original = new AccessDecisionEvent();
            original.UserId = "u1";
            original.ReaderId = "r1";
            original.CredentialHash = new byte[16];
            original.RequestId = "q-1";
            byte[] bytes = Encode(original);
            AccessDecisionEvent decoded = new AccessDecisionEvent();
            Assert.IsTrue(decoded.TryDecode(bytes, 0, bytes.Length));
            for (int length = 0; length < bytes.Length; length++)
            {
                Assert.IsFalse(decoded.TryDecode(bytes, 0, length), "truncated to " + length);
            }
            byte[] garbage = new byte[] { 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F };
            Assert.IsFalse(decoded.TryDecode(garbage, 0, garbage.Length));
            Assert.IsFalse(decoded.TryDecode(null, 0, 4));
            Assert.IsFalse(decoded.TryDecode(bytes, 5, bytes.Length));
        }

        [TestMethod]
        public void An_Offline_Grant_Is_Fourteen_Bytes_With_Numeric_Ids_And_The_Hash_Prefix()
        {
            AccessDecisionEvent grant = OfflineGrantSample.Create();
            // Golden bytes, derived by hand (docs/journal.md): flags 0x4A (allowed, pending retro, compact), shape 0x65
            // (entry, nfc, numeric user and reader), reason 0, user 104233 and reader 12 as zigzag varints, 7 hash bytes.
            Assert.AreEqual("4a6500d2dc0c18a0a1a2a3a4a5a6", DoorController.Core.Hex.Encode(Encode(grant)));

            // Ids that would not read back the same from a number stay text: a leading zero, a sign, letters, 10 digits.
            string[] texts = new string[] { "007", "-5", "r1", "1234567890", "0", "999999999" };
            for (int i = 0; i < texts.Length; i++)
            {
                grant.UserId = texts[i];
                grant.ReaderId = texts[texts.Length - 1 - i];
                byte[] bytes = Encode(grant);
                AccessDecisionEvent back = new AccessDecisionEvent();
                Assert.IsTrue(back.TryDecode(bytes, 0, bytes.Length), texts[i]);
                Assert.AreEqual(texts[i], back.UserId);
                Assert.AreEqual(texts[texts.Length - 1 - i], back.ReaderId);
                Assert.AreEqual("", back.RequestId);
                Assert.AreEqual((byte)0xA6, back.CredentialHash[6]);
            }
        }

        [TestMethod]
        public void A_Legacy_Payload_With_The_Full_Hash_Still_Decodes()
        {
            // What a journal written before the compact layout holds: replayed after a firmware update with all 16 bytes.
            byte[] buffer = new byte[64];
            PayloadWriter writer = new PayloadWriter(buffer);
            writer.WriteByte(0x02 | 0x20);
            writer.WriteInt32(0);
            writer.WriteInt32(1);
            writer.WriteInt32(5);
            writer.WriteString("42");
            writer.WriteString("3");
            writer.WriteBytes(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            writer.WriteString("q-7");
            AccessDecisionEvent back = new AccessDecisionEvent();
            Assert.IsTrue(back.TryDecode(buffer, 0, writer.Length));
            Assert.AreEqual(16, back.CredentialHash.Length);
            Assert.IsFalse(back.CredentialIsPrefix);
            Assert.IsTrue(back.Duress);
            Assert.AreEqual(5, back.Method);
            Assert.AreEqual("q-7", back.RequestId);
        }

        [TestMethod]
        public void Null_Strings_And_Hash_Encode_As_Empty()
        {
            byte[] bytes = Encode(new AccessDecisionEvent());
            AccessDecisionEvent decoded = new AccessDecisionEvent();
            Assert.IsTrue(decoded.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual("", decoded.UserId);
            Assert.AreEqual(0, decoded.CredentialHash.Length);
        }

        [TestMethod]
        public void Integers_Round_Trip_At_Their_Limits()
        {
            byte[] buffer = new byte[64];
            PayloadWriter writer = new PayloadWriter(buffer);
            writer.WriteInt32(int.MinValue);
            writer.WriteInt32(int.MaxValue);
            writer.WriteInt64(long.MinValue);
            writer.WriteInt64(long.MaxValue);
            writer.WriteInt32(-1);
            PayloadReader reader = new PayloadReader(buffer, 0, writer.Length);
            Assert.AreEqual(int.MinValue, reader.ReadInt32());
            Assert.AreEqual(int.MaxValue, reader.ReadInt32());
            Assert.AreEqual(long.MinValue, reader.ReadInt64());
            Assert.AreEqual(long.MaxValue, reader.ReadInt64());
            Assert.AreEqual(-1, reader.ReadInt32());
            Assert.IsFalse(reader.Failed);
            Assert.AreEqual(0, reader.Remaining);
        }

        [TestMethod]
        public void A_Writer_That_Runs_Out_Of_Room_Reports_Overflow()
        {
            PayloadWriter writer = new PayloadWriter(new byte[4]);
            writer.WriteString("longer than four bytes");
            Assert.IsTrue(writer.Overflowed);
        }

        [TestMethod]
        public void Every_Other_Event_Type_Round_Trips()
        {
            DoorHeldOpenEvent held = new DoorHeldOpenEvent();
            held.Door = 1;
            held.OpenMilliseconds = 45000;
            held.Ended = true;
            byte[] bytes = Encode(held);
            DoorHeldOpenEvent heldBack = new DoorHeldOpenEvent();
            Assert.IsTrue(heldBack.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual(45000L, heldBack.OpenMilliseconds);
            Assert.IsTrue(heldBack.Ended);

            BootEvent boot = new BootEvent();
            boot.FirmwareVersion = "1.4.2";
            boot.ResetReason = 3;
            boot.BootCounter = 12;
            bytes = Encode(boot);
            BootEvent bootBack = new BootEvent();
            Assert.IsTrue(bootBack.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual("1.4.2", bootBack.FirmwareVersion);
            Assert.AreEqual(12L, bootBack.BootCounter);

            ClockSetEvent clock = new ClockSetEvent();
            clock.PreviousUtcMilliseconds = 1000;
            clock.NewUtcMilliseconds = 1767225600000L;
            clock.Source = 1;
            bytes = Encode(clock);
            ClockSetEvent clockBack = new ClockSetEvent();
            Assert.IsTrue(clockBack.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual(1767225600000L, clockBack.NewUtcMilliseconds);

            ConsoleLoginEvent login = new ConsoleLoginEvent();
            login.User = "tech";
            login.Success = false;
            bytes = Encode(login);
            ConsoleLoginEvent loginBack = new ConsoleLoginEvent();
            Assert.IsTrue(loginBack.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual("tech", loginBack.User);
            Assert.IsFalse(loginBack.Success);

            CacheAppliedEvent cache = new CacheAppliedEvent();
            cache.CacheVersion = 99;
            cache.EntryCount = 1500;
            cache.Full = true;
            bytes = Encode(cache);
            CacheAppliedEvent cacheBack = new CacheAppliedEvent();
            Assert.IsTrue(cacheBack.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual(1500, cacheBack.EntryCount);

            RelayFaultEvent relay = new RelayFaultEvent();
            relay.Relay = 2;
            relay.FaultCode = 5;
            bytes = Encode(relay);
            RelayFaultEvent relayBack = new RelayFaultEvent();
            Assert.IsTrue(relayBack.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual(5, relayBack.FaultCode);

            DoorForcedEvent forced = new DoorForcedEvent();
            forced.Door = 3;
            bytes = Encode(forced);
            DoorForcedEvent forcedBack = new DoorForcedEvent();
            Assert.IsTrue(forcedBack.TryDecode(bytes, 0, bytes.Length));
            Assert.AreEqual(3, forcedBack.Door);

            TamperEvent tamper = new TamperEvent();
            tamper.Active = true;
            bytes = Encode(tamper);
            TamperEvent tamperBack = new TamperEvent();
            Assert.IsTrue(tamperBack.TryDecode(bytes, 0, bytes.Length));
            Assert.IsTrue(tamperBack.Active);
        }

        [TestMethod]
        public void Event_Type_Names_Map_Both_Ways()
        {
            for (int value = 1; value <= 10; value++)
            {
                EventType type = (EventType)value;
                string name = EventTypeNames.ToName(type);
                Assert.AreNotEqual("unknown", name);
                EventType parsed;
                Assert.IsTrue(EventTypeNames.TryParse(name, out parsed));
                Assert.AreEqual(value, (int)parsed);
            }
            Assert.AreEqual("journal_overflow", EventTypeNames.ToName(EventType.JournalOverflow));
            EventType none;
            Assert.IsFalse(EventTypeNames.TryParse("nope", out none));
        }

        [TestMethod]
        public void An_Encoded_Event_Appends_And_Replays_Through_The_Journal()
        {
            Support.MemoryFileStore store = new Support.MemoryFileStore();
            EventJournal journal = JournalTestKit.Boot(store);
            TamperEvent tamper = new TamperEvent();
            tamper.Source = 4;
            tamper.Active = true;
            long id = journal.Append(EventType.Tamper, tamper, RecordFlags.None);
            JournalRecord[] replay = JournalTestKit.ReadAll(journal, 0);
            Assert.AreEqual(id, replay[0].Id);
            TamperEvent back = new TamperEvent();
            Assert.IsTrue(back.TryDecode(replay[0].Payload, 0, replay[0].PayloadLength));
            Assert.AreEqual(4, back.Source);
        }
    }
}
