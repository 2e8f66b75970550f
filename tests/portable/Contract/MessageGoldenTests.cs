using System.Text;
using DoorController.Contract;
using DoorController.Core;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>
    /// Exact wire bytes of every control message, MAC included (docs/protocol.md shows the same examples; events and
    /// their ack are in EventGoldenTests). Each one is rendered and sealed as its sender does (the contract the
    /// firmware and the server share), compared byte for byte with the golden text — whose MACs were computed outside
    /// .NET (Python hmac; openssl gives the same, see docs/protocol.md) — then verified and parsed as its receiver
    /// does, with keys derived separately (GoldenWire).
    /// </summary>
    [TestClass]
    public class MessageGoldenTests
    {
        [TestMethod]
        public void Topics_Follow_The_Versioned_Tree()
        {
            LinkTopics t = new LinkTopics("door-12");
            Assert.AreEqual("dc/v1/dev/door-12/status", t.Status);
            Assert.AreEqual("dc/v1/dev/door-12/decide/req", t.DecisionRequest);
            Assert.AreEqual("dc/v1/dev/door-12/decide/resp", t.DecisionResponse);
            Assert.AreEqual("dc/v1/dev/door-12/events", t.Events);
            Assert.AreEqual("dc/v1/dev/door-12/events/ack", t.EventsAck);
            Assert.AreEqual("dc/v1/dev/door-12/sync/req", t.SyncRequest);
            Assert.AreEqual("dc/v1/dev/door-12/sync/chunk", t.SyncChunk);
            Assert.AreEqual("dc/v1/dev/door-12/sync/result", t.SyncResult);
            Assert.AreEqual("dc/v1/dev/door-12/cmd", t.Command);
            Assert.AreEqual("dc/v1/dev/door-12/cmd/result", t.CommandResult);
            Assert.AreEqual("dc/v1/dev/door-12/notify", t.Notify);
            Assert.AreEqual("dc/v1/dev/door-12/error", t.Error);
            Assert.AreEqual("dc/v1/dev/door-12/clock/req", t.ClockRequest);
            Assert.AreEqual("dc/v1/dev/door-12/clock", t.Clock);
            Assert.IsFalse(LinkTopics.IsValidDeviceId("a/b"));
            Assert.IsFalse(LinkTopics.IsValidDeviceId("a+"));
            Assert.IsFalse(LinkTopics.IsValidDeviceId("#"));
            Assert.IsTrue(LinkTopics.IsValidDeviceId("door-12"));
        }

        [TestMethod]
        public void Purpose_Keys_Are_Derived_From_The_Device_Key_One_Per_Topic()
        {
            WireKeys keys = new WireKeys(GoldenWire.DeviceKey(), new LinkTopics("door-12"));
            Assert.AreEqual("82a15057096e50b342a4f1a5e0cef13478571a60a1a4c5dc9b4fe8c8eb81ac5e", Hex.Encode(keys.For("dc/v1/dev/door-12/decide/resp")));
            string[] suffixes = LinkTopics.AuthenticatedSuffixes;
            for (int i = 0; i < suffixes.Length; i++)
            {
                for (int j = i + 1; j < suffixes.Length; j++)
                {
                    Assert.IsFalse(KeyedHash.FixedTimeEquals(keys.For(keys.Topics.Topic(suffixes[i])), keys.For(keys.Topics.Topic(suffixes[j]))),
                        suffixes[i] + " and " + suffixes[j] + " share a key");
                }
            }
            Assert.IsNull(keys.For("dc/v1/dev/door-12/cmd"), "commands keep the device-key MAC");
            Assert.IsNull(keys.For("dc/v1/dev/door-12/sync/chunk"), "bundles keep their chained MAC");
            Assert.IsNull(keys.For("dc/v1/dev/door-13/decide/resp"), "another controller's topic");
        }

        [TestMethod]
        public void Status_And_Last_Will()
        {
            StatusMessage s = new StatusMessage();
            s.Nonce = 4294967299;
            s.Firmware = "0.1.0";
            s.CacheVersion = 12;
            s.JournalDepth = 3;
            s.Mode = "normal";
            s.Door = "forced";
            s.Lock = "locked";
            s.TimeState = "server";
            s.UptimeSeconds = 3600;
            s.At = 1763700000;
            s.ClockUncertain = false;
            byte[] sealedStatus = GoldenWire.RoundTrip("status", s.ToJson(), "{\"v\":1,\"nonce\":4294967299,\"state\":\"online\",\"fw\":\"0.1.0\",\"cache-version\":12,\"journal-depth\":3,\"mode\":\"normal\",\"door\":\"forced\",\"lock\":\"locked\",\"time\":\"server\",\"uptime-s\":3600,\"at\":1763700000,\"clock-uncertain\":false,\"mac\":\"31b5a2db53367f6aa19b64af60483c0f5f974490a576e6840581b511e3f6fd54\"}");
            byte[] sealedWill = GoldenWire.RoundTrip("status", StatusMessage.Offline(4294967297), "{\"v\":1,\"nonce\":4294967297,\"state\":\"offline\",\"mac\":\"48f45400669ed1a69ee9c515848e249d8d4089cf49f6d38c9620ef947bcf6bc6\"}");

            // What the controller seals, the server parses back field for field.
            StatusMessage back;
            string error;
            Assert.IsTrue(StatusMessage.TryParse(sealedStatus, out back, out error), error);
            Assert.AreEqual(4294967299L, back.Nonce);
            Assert.AreEqual("online", back.State);
            Assert.AreEqual("0.1.0", back.Firmware);
            Assert.AreEqual(12L, back.CacheVersion);
            Assert.AreEqual(3, back.JournalDepth);
            Assert.AreEqual("normal", back.Mode);
            Assert.AreEqual("forced", back.Door);
            Assert.AreEqual("locked", back.Lock);
            Assert.AreEqual("server", back.TimeState);
            Assert.AreEqual(3600L, back.UptimeSeconds);
            Assert.AreEqual(1763700000L, back.At);
            Assert.IsFalse(back.ClockUncertain);
            Assert.IsTrue(StatusMessage.TryParse(sealedWill, out back, out error), error);
            Assert.AreEqual(4294967297L, back.Nonce);
            Assert.AreEqual("offline", back.State);
            Assert.IsTrue(back.ClockUncertain);
            Assert.IsFalse(StatusMessage.TryParse(GoldenWire.Bytes("{\"v\":1,\"state\":\"online\"}"), out back, out error), "a status without a nonce");
            Assert.IsFalse(StatusMessage.TryParse(GoldenWire.Bytes("{\"v\":1,\"nonce\":1,\"state\":\"asleep\"}"), out back, out error));
            Assert.IsFalse(StatusMessage.TryParse(GoldenWire.Bytes("{\"v\":1,\"nonce\":1,\"state\":\"online\",\"journal-depth\":\"3\"}"), out back, out error));
            Assert.IsFalse(StatusMessage.TryParse(GoldenWire.Bytes("{\"v\":1,\"nonce\":1,\"state\":\"online\",\"clock-uncertain\":1}"), out back, out error));
        }

        [TestMethod]
        public void Decision_Request_And_Response()
        {
            DecisionRequest q = new DecisionRequest();
            q.RequestId = "q-4294967313";
            q.Nonce = 4294967313;
            q.Door = 1;
            q.Reader = 2;
            q.CredentialKind = "nfc";
            q.CredentialHash = "9f86d081884c7d659a2feaa0c55ad015";
            q.At = 1763700000;
            q.ClockUncertain = false;
            byte[] wire = GoldenWire.RoundTrip("decide/req", q.ToJson(), "{\"v\":1,\"request-id\":\"q-4294967313\",\"nonce\":4294967313,\"door\":1,\"reader\":2,\"credential-kind\":\"nfc\",\"credential\":\"9f86d081884c7d659a2feaa0c55ad015\",\"at\":1763700000,\"clock-uncertain\":false,\"mac\":\"6005c7eaa9a0ba3af96692e69d8143b074f9892428627a9f0591a7530e58844b\"}");
            DecisionRequest back;
            string error;
            Assert.IsTrue(DecisionRequest.TryParse(wire, out back, out error), error);
            Assert.AreEqual("q-4294967313", back.RequestId);
            Assert.AreEqual(4294967313L, back.Nonce);
            Assert.AreEqual(2, back.Reader);

            DecisionResponse r = new DecisionResponse();
            r.RequestId = "q-4294967313";
            r.Nonce = 4294967313;
            r.Granted = true;
            r.Reason = "granted";
            r.UnlockMilliseconds = 5000;
            wire = GoldenWire.RoundTrip("decide/resp", r.ToJson(), "{\"v\":1,\"request-id\":\"q-4294967313\",\"nonce\":4294967313,\"granted\":true,\"reason\":\"granted\",\"unlock-ms\":5000,\"mac\":\"12872c8cede97d1dac5043aff3180f5834bea6b6ed8a572f83b44cec8b744d32\"}");
            DecisionResponse rb;
            Assert.IsTrue(DecisionResponse.TryParse(wire, out rb, out error), error);
            Assert.IsTrue(rb.Granted);
            Assert.AreEqual(4294967313L, rb.Nonce);
            Assert.AreEqual(5000L, rb.UnlockMilliseconds);
        }

        [TestMethod]
        public void Status_Of_A_Controller_With_Two_Doors_Names_Both()
        {
            StatusMessage s = new StatusMessage();
            s.Nonce = 4294967300;
            s.Firmware = "0.1.0";
            s.CacheVersion = 12;
            s.Mode = "normal";
            s.Door = "open";
            s.Lock = "locked";
            s.Door2 = "closed";
            s.Lock2 = "locked";
            s.Mode2 = "lockdown"; // door 2 locked down alone
            s.DoorId = 1;
            s.Door2Id = 2;
            s.TimeState = "server";
            s.UptimeSeconds = 60;
            s.At = 1763700000;
            byte[] wire = GoldenWire.RoundTrip("status", s.ToJson(), "{\"v\":1,\"nonce\":4294967300,\"state\":\"online\",\"fw\":\"0.1.0\",\"cache-version\":12,\"journal-depth\":0,\"mode\":\"normal\",\"door\":\"open\",\"lock\":\"locked\",\"door-id\":1,\"door2\":\"closed\",\"lock2\":\"locked\",\"mode2\":\"lockdown\",\"door2-id\":2,\"time\":\"server\",\"uptime-s\":60,\"at\":1763700000,\"clock-uncertain\":false,\"mac\":\"e9f2c9ce1eb851c6bddf46f354ae0ab8f6465f612c925e8cb3eda829e40fb540\"}");
            StatusMessage back;
            string error;
            Assert.IsTrue(StatusMessage.TryParse(wire, out back, out error), error);
            Assert.AreEqual("closed", back.Door2);
            Assert.AreEqual("locked", back.Lock2);
            Assert.AreEqual("lockdown", back.Mode2);
            Assert.AreEqual(1, back.DoorId);
            Assert.AreEqual(2, back.Door2Id);
        }

        [TestMethod]
        public void Decision_Request_From_An_Interlocked_Door_Says_So_And_Only_Then()
        {
            DecisionRequest q = new DecisionRequest();
            q.RequestId = "q-4294967314";
            q.Nonce = 4294967314;
            q.Door = 2;
            q.Reader = 3;
            q.CredentialKind = "nfc";
            q.CredentialHash = "9f86d081884c7d659a2feaa0c55ad015";
            q.At = 1763700000;
            q.OtherDoorNotSecure = true;
            byte[] wire = GoldenWire.RoundTrip("decide/req", q.ToJson(), "{\"v\":1,\"request-id\":\"q-4294967314\",\"nonce\":4294967314,\"door\":2,\"reader\":3,\"credential-kind\":\"nfc\",\"credential\":\"9f86d081884c7d659a2feaa0c55ad015\",\"at\":1763700000,\"clock-uncertain\":false,\"interlock\":true,\"mac\":\"403a13ad3cac4250810a0d31a0cb24430bd9a82bb0cb4c32f535c6778f4b1f69\"}");
            DecisionRequest back;
            string error;
            Assert.IsTrue(DecisionRequest.TryParse(wire, out back, out error), error);
            Assert.IsTrue(back.OtherDoorNotSecure);
            Assert.IsTrue(DecisionRequest.TryParse(GoldenWire.Bytes("{\"v\":1,\"request-id\":\"q-1\",\"nonce\":1,\"door\":1,\"reader\":2,\"credential-kind\":\"nfc\",\"credential\":\"00\",\"at\":1,\"clock-uncertain\":false}"), out back, out error), error);
            Assert.IsFalse(back.OtherDoorNotSecure, "absent: the other door is secure (or there is none)");
            Assert.IsFalse(DecisionRequest.TryParse(GoldenWire.Bytes("{\"v\":1,\"request-id\":\"q-1\",\"nonce\":1,\"door\":1,\"reader\":2,\"credential-kind\":\"nfc\",\"credential\":\"00\",\"at\":1,\"clock-uncertain\":false,\"interlock\":1}"), out back, out error));
        }

        [TestMethod]
        public void Sync_Request_And_Result()
        {
            SyncRequest q = new SyncRequest();
            q.Nonce = 4294967298;
            q.Have = 12;
            q.Reason = "connect";
            q.FlashMegabytes = 8;
            GoldenWire.RoundTrip("sync/req", q.ToJson(), "{\"v\":1,\"nonce\":4294967298,\"have\":12,\"reason\":\"connect\",\"flash-mb\":8,\"mac\":\"1a30b5bcd61b0fbe2486d574543522523003af5a83e5b29e4e23970cfa5c5f89\"}");
            SyncRequest parsed;
            string error;
            Assert.IsTrue(SyncRequest.TryParse(Encoding.UTF8.GetBytes("{\"v\":1,\"nonce\":5,\"have\":3}"), out parsed, out error), error);
            Assert.AreEqual(0, parsed.FlashMegabytes, "a controller that does not say keeps its registered size");
            Assert.IsFalse(SyncRequest.TryParse(Encoding.UTF8.GetBytes("{\"v\":1,\"nonce\":5,\"have\":3,\"flash-mb\":2}"), out parsed, out error));
            Assert.IsTrue(error.IndexOf("flash-mb 2") >= 0, error);
            SyncResult ok = new SyncResult();
            ok.Nonce = 4294967300;
            ok.Version = 13;
            ok.Ok = true;
            ok.Installed = 13;
            byte[] wire = GoldenWire.RoundTrip("sync/result", ok.ToJson(), "{\"v\":1,\"nonce\":4294967300,\"version\":13,\"ok\":true,\"error\":null,\"installed\":13,\"mac\":\"cf5d567464f117562107249b2cf54ef4837885954b6eae2bfa32d0bb14a93129\"}");
            SyncResult back;
            Assert.IsTrue(SyncResult.TryParse(wire, out back, out error), error);
            Assert.AreEqual(13L, back.Installed);
            SyncResult stale = new SyncResult();
            stale.Nonce = 4294967301;
            stale.Version = 11;
            stale.Ok = false;
            stale.Error = "stale-version: version 11 not newer than installed 13";
            stale.Installed = 13;
            wire = GoldenWire.RoundTrip("sync/result", stale.ToJson(), "{\"v\":1,\"nonce\":4294967301,\"version\":11,\"ok\":false,\"error\":\"stale-version: version 11 not newer than installed 13\",\"installed\":13,\"mac\":\"682233e2c306e26438a2c718416d738067c2ef3f468b576dcf31becfe8202696\"}");
            Assert.IsTrue(SyncResult.TryParse(wire, out back, out error), error);
            Assert.IsFalse(back.Ok);
            Assert.AreEqual("stale-version: version 11 not newer than installed 13", back.Error);
        }

        [TestMethod]
        public void Command_With_Its_Own_Mac_And_The_Sealed_Result()
        {
            CommandMessage c = new CommandMessage();
            c.RequestId = "c-9";
            c.Command = "unlock";
            c.Door = 1;
            c.DurationMilliseconds = 5000;
            c.Counter = 1763700000123;
            c.IssuedAt = 1763700000;
            c.Sign(GoldenWire.DeviceKey(), "door-12");
            Assert.AreEqual("dc/v1/cmd\ndoor-12\n1763700000123\n1763700000\nc-9\nunlock\n1\n5000", c.SignedText("door-12"));
            // HMAC-SHA256(device key, signed text), computed outside .NET (docs/protocol.md, "Remote commands").
            Assert.AreEqual("{\"v\":1,\"request-id\":\"c-9\",\"command\":\"unlock\",\"door\":1,\"duration-ms\":5000,\"counter\":1763700000123,\"issued-at\":1763700000,"
                + "\"mac\":\"dfafae5892a9eaf3bfdc6939f26746e874d997f440a1df0008bee1bd7530087a\"}", GoldenWire.Text(c.ToJson()));
            CommandResult r = new CommandResult();
            r.Nonce = 4294967301;
            r.RequestId = "c-9";
            r.Command = "unlock";
            r.Ok = true;
            GoldenWire.RoundTrip("cmd/result", r.ToJson(), "{\"v\":1,\"nonce\":4294967301,\"request-id\":\"c-9\",\"command\":\"unlock\",\"ok\":true,\"error\":null,\"mac\":\"13642c7b7d92fcafd2a2eb91eb132927d619d52d1fe4c61c031da5ad11cbb689\"}");
        }

        [TestMethod]
        public void Notification_Clock_And_Error()
        {
            Notification n = new Notification();
            n.Door = 1;
            n.Text = "Badge expires Friday";
            n.Tone = "info";
            n.DurationMilliseconds = 3000;
            n.IssuedMilliseconds = 1763700000000;
            byte[] wire = GoldenWire.RoundTrip("notify", n.ToJson(), "{\"v\":1,\"door\":1,\"text\":\"Badge expires Friday\",\"tone\":\"info\",\"duration-ms\":3000,\"issued-ms\":1763700000000,\"mac\":\"91dc125491cf313fe1b00b5202355eb182d40a0026c7f6790684e5d80db501bc\"}");
            Notification nb;
            string error;
            Assert.IsTrue(Notification.TryParse(wire, out nb, out error), error);
            Assert.AreEqual(1763700000000L, nb.IssuedMilliseconds);

            ClockRequest q = new ClockRequest();
            q.Nonce = 4294967303;
            GoldenWire.RoundTrip("clock/req", q.ToJson(), "{\"v\":1,\"nonce\":4294967303,\"mac\":\"10ecd50110d954be78842b4fd9694d54ceacade6d48198254a30c1b28848d5a5\"}");
            ClockMessage c = new ClockMessage();
            c.Nonce = 4294967303;
            c.UtcMilliseconds = 1763700000123;
            wire = GoldenWire.RoundTrip("clock", c.ToJson(), "{\"v\":1,\"nonce\":4294967303,\"utc-ms\":1763700000123,\"mac\":\"4f856307b9fe6c6d4641ac9d63dffcc65d46ba54f39854e407b17bddf227b6e1\"}");
            ClockMessage cb;
            Assert.IsTrue(ClockMessage.TryParse(wire, out cb, out error), error);
            Assert.AreEqual(1763700000123L, cb.UtcMilliseconds);

            ErrorMessage e = new ErrorMessage();
            e.Nonce = 4294967302;
            e.Topic = "dc/v1/dev/door-12/cmd";
            e.Error = "command refused: bad-mac";
            GoldenWire.RoundTrip("error", e.ToJson(), "{\"v\":1,\"nonce\":4294967302,\"topic\":\"dc/v1/dev/door-12/cmd\",\"error\":\"command refused: bad-mac\",\"mac\":\"3e3b1f33f0c5c0ea351f9debd9de697ce628398f7cdf262a36e3c37776e7d82e\"}");
        }

        [TestMethod]
        public void Unknown_Version_And_Wrong_Types_Are_Errors_For_Every_Parser()
        {
            string error;
            DecisionResponse r;
            Assert.IsFalse(DecisionResponse.TryParse(GoldenWire.Bytes("{\"v\":2,\"request-id\":\"x\",\"nonce\":1,\"granted\":true}"), out r, out error));
            Assert.AreEqual("unsupported version 2", error);
            Assert.IsFalse(DecisionResponse.TryParse(GoldenWire.Bytes("{\"request-id\":\"x\",\"nonce\":1,\"granted\":true}"), out r, out error));
            Assert.AreEqual("missing \"v\"", error);
            Assert.IsFalse(DecisionResponse.TryParse(GoldenWire.Bytes("{\"v\":1,\"request-id\":\"x\",\"nonce\":1,\"granted\":\"yes\"}"), out r, out error));
            Assert.AreEqual("\"granted\" is not a boolean", error);
            Assert.IsFalse(DecisionResponse.TryParse(GoldenWire.Bytes("{\"v\":1,\"request-id\":\"x\",\"granted\":true}"), out r, out error));
            Assert.AreEqual("missing \"nonce\"", error);
            EventAck a;
            Assert.IsFalse(EventAck.TryParse(GoldenWire.Bytes("{\"v\":1,\"upto\":\"7\",\"event-mac\":\"00\"}"), out a, out error));
            Assert.IsFalse(EventAck.TryParse(GoldenWire.Bytes("{\"v\":1,\"upto\":-3,\"event-mac\":\"00\"}"), out a, out error));
            Assert.IsFalse(EventAck.TryParse(GoldenWire.Bytes("{\"v\":1,\"upto\":3}"), out a, out error));
            CommandMessage c;
            Assert.IsFalse(CommandMessage.TryParse(GoldenWire.Bytes("{\"v\":1,\"request-id\":\"c\",\"command\":\"unlock\",\"counter\":1.5,\"issued-at\":1,\"mac\":\"00\"}"), out c, out error));
            Notification n;
            Assert.IsFalse(Notification.TryParse(GoldenWire.Bytes("{\"v\":1,\"text\":\"" + new string('x', 65) + "\",\"issued-ms\":1}"), out n, out error));
            Assert.IsFalse(Notification.TryParse(GoldenWire.Bytes("{\"v\":1,\"text\":\"hi\"}"), out n, out error));
            ClockMessage k;
            Assert.IsFalse(ClockMessage.TryParse(GoldenWire.Bytes("{\"v\":\"1\",\"nonce\":1,\"utc-ms\":5}"), out k, out error));
            Assert.AreEqual("\"v\" is not a number", error);
            Assert.IsFalse(ClockMessage.TryParse(GoldenWire.Bytes("{\"v\":1,\"nonce\":1,\"utc-ms\":-5}"), out k, out error));
            SyncRequest s;
            Assert.IsFalse(SyncRequest.TryParse(GoldenWire.Bytes("{\"v\":1,\"nonce\":1}"), out s, out error));
            Assert.AreEqual("missing \"have\"", error);
        }
    }
}
