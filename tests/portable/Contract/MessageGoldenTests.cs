using System.Text;
using DoorController.Contract;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>Exact wire text of every control message (docs/protocol.md shows the same examples).</summary>
    [TestClass]
    public class MessageGoldenTests
    {
        private static string Text(byte[] bytes)
        {
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        private static byte[] Bytes(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

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
            Assert.AreEqual("dc/v1/srv/clock", LinkTopics.ServerClock);
            Assert.IsFalse(LinkTopics.IsValidDeviceId("a/b"));
            Assert.IsFalse(LinkTopics.IsValidDeviceId("a+"));
            Assert.IsFalse(LinkTopics.IsValidDeviceId("#"));
            Assert.IsTrue(LinkTopics.IsValidDeviceId("door-12"));
        }

        [TestMethod]
        public void Status_And_Last_Will()
        {
            StatusMessage s = new StatusMessage();
            s.Firmware = "0.1.0";
            s.CacheVersion = 12;
            s.JournalDepth = 3;
            s.Mode = "normal";
            s.Door = "forced";
            s.Lock = "locked";
            s.TimeState = "sntp";
            s.UptimeSeconds = 3600;
            s.At = 1763700000;
            s.ClockUncertain = false;
            Assert.AreEqual("{\"v\":1,\"state\":\"online\",\"fw\":\"0.1.0\",\"cache-version\":12,\"journal-depth\":3,\"mode\":\"normal\",\"door\":\"forced\",\"lock\":\"locked\",\"time\":\"sntp\",\"uptime-s\":3600,\"at\":1763700000,\"clock-uncertain\":false}", Text(s.ToJson()));
            Assert.AreEqual("{\"v\":1,\"state\":\"offline\"}", Text(StatusMessage.Offline()));

            // What the controller renders, the server parses back field for field.
            StatusMessage back;
            string error;
            Assert.IsTrue(StatusMessage.TryParse(s.ToJson(), out back, out error), error);
            Assert.AreEqual("online", back.State);
            Assert.AreEqual("0.1.0", back.Firmware);
            Assert.AreEqual(12L, back.CacheVersion);
            Assert.AreEqual(3, back.JournalDepth);
            Assert.AreEqual("normal", back.Mode);
            Assert.AreEqual("forced", back.Door);
            Assert.AreEqual("locked", back.Lock);
            Assert.AreEqual("sntp", back.TimeState);
            Assert.AreEqual(3600L, back.UptimeSeconds);
            Assert.AreEqual(1763700000L, back.At);
            Assert.IsFalse(back.ClockUncertain);
            Assert.IsTrue(StatusMessage.TryParse(StatusMessage.Offline(), out back, out error), error);
            Assert.AreEqual("offline", back.State);
            Assert.IsTrue(back.ClockUncertain);
            Assert.IsFalse(StatusMessage.TryParse(Bytes("{\"v\":1,\"state\":\"asleep\"}"), out back, out error));
            Assert.IsFalse(StatusMessage.TryParse(Bytes("{\"v\":1,\"state\":\"online\",\"journal-depth\":\"3\"}"), out back, out error));
            Assert.IsFalse(StatusMessage.TryParse(Bytes("{\"v\":1,\"state\":\"online\",\"clock-uncertain\":1}"), out back, out error));
        }

        [TestMethod]
        public void Decision_Request_And_Response()
        {
            DecisionRequest q = new DecisionRequest();
            q.RequestId = "q-7f3a-17";
            q.Door = 1;
            q.Reader = 2;
            q.CredentialKind = "nfc";
            q.CredentialHash = "9f86d081884c7d659a2feaa0c55ad015";
            q.At = 1763700000;
            q.ClockUncertain = false;
            string golden = "{\"v\":1,\"request-id\":\"q-7f3a-17\",\"door\":1,\"reader\":2,\"credential-kind\":\"nfc\",\"credential\":\"9f86d081884c7d659a2feaa0c55ad015\",\"at\":1763700000,\"clock-uncertain\":false}";
            Assert.AreEqual(golden, Text(q.ToJson()));
            DecisionRequest back;
            string error;
            Assert.IsTrue(DecisionRequest.TryParse(Bytes(golden), out back, out error), error);
            Assert.AreEqual("q-7f3a-17", back.RequestId);
            Assert.AreEqual(2, back.Reader);

            DecisionResponse r = new DecisionResponse();
            r.RequestId = "q-7f3a-17";
            r.Granted = true;
            r.Reason = "ok";
            r.UnlockMilliseconds = 5000;
            r.ServerTime = 1763700001;
            golden = "{\"v\":1,\"request-id\":\"q-7f3a-17\",\"granted\":true,\"reason\":\"ok\",\"unlock-ms\":5000,\"server-time\":1763700001}";
            Assert.AreEqual(golden, Text(r.ToJson()));
            DecisionResponse rb;
            Assert.IsTrue(DecisionResponse.TryParse(Bytes(golden), out rb, out error), error);
            Assert.IsTrue(rb.Granted);
            Assert.AreEqual(5000L, rb.UnlockMilliseconds);
        }

        [TestMethod]
        public void Event_And_Cumulative_Ack()
        {
            EventMessage e = new EventMessage();
            e.Sequence = 42;
            e.EventJson = "{\"type\":\"access\",\"door\":1,\"granted\":true}";
            Assert.AreEqual("{\"v\":1,\"seq\":42,\"event\":{\"type\":\"access\",\"door\":1,\"granted\":true}}", Text(e.ToJson()));
            EventAck a = new EventAck();
            a.UpTo = 42;
            a.ServerTime = 1763700002;
            Assert.AreEqual("{\"v\":1,\"upto\":42,\"server-time\":1763700002}", Text(a.ToJson()));
        }

        [TestMethod]
        public void Sync_Request_And_Result()
        {
            SyncRequest q = new SyncRequest();
            q.Have = 12;
            q.Reason = "connect";
            Assert.AreEqual("{\"v\":1,\"have\":12,\"reason\":\"connect\"}", Text(q.ToJson()));
            SyncResult ok = new SyncResult();
            ok.Version = 13;
            ok.Ok = true;
            ok.Installed = 13;
            Assert.AreEqual("{\"v\":1,\"version\":13,\"ok\":true,\"error\":null,\"installed\":13}", Text(ok.ToJson()));
            SyncResult bad = new SyncResult();
            bad.Version = 11;
            bad.Ok = false;
            bad.Error = "stale-version: version 11 not newer than installed 13";
            bad.Installed = 13;
            Assert.AreEqual("{\"v\":1,\"version\":11,\"ok\":false,\"error\":\"stale-version: version 11 not newer than installed 13\",\"installed\":13}", Text(bad.ToJson()));
        }

        [TestMethod]
        public void Command_With_Mac_And_Result()
        {
            CommandMessage c = new CommandMessage();
            c.RequestId = "c-9";
            c.Command = "unlock";
            c.Door = 1;
            c.DurationMilliseconds = 5000;
            c.Counter = 1042;
            c.IssuedAt = 1763700000;
            c.Sign(Encoding.UTF8.GetBytes("device-key-0001"), "door-12");
            Assert.AreEqual("dc/v1/cmd\ndoor-12\n1042\n1763700000\nc-9\nunlock\n1\n5000", c.SignedText("door-12"));
            Assert.AreEqual(64, c.Mac.Length);
            Assert.AreEqual("{\"v\":1,\"request-id\":\"c-9\",\"command\":\"unlock\",\"door\":1,\"duration-ms\":5000,\"counter\":1042,\"issued-at\":1763700000,\"mac\":\"" + c.Mac + "\"}", Text(c.ToJson()));
            CommandResult r = new CommandResult();
            r.RequestId = "c-9";
            r.Command = "unlock";
            r.Ok = true;
            Assert.AreEqual("{\"v\":1,\"request-id\":\"c-9\",\"command\":\"unlock\",\"ok\":true,\"error\":null}", Text(r.ToJson()));
        }

        [TestMethod]
        public void Notification_Clock_And_Error()
        {
            Notification n = new Notification();
            n.Door = 1;
            n.Text = "Badge expires Friday";
            n.Tone = "info";
            n.DurationMilliseconds = 3000;
            Assert.AreEqual("{\"v\":1,\"door\":1,\"text\":\"Badge expires Friday\",\"tone\":\"info\",\"duration-ms\":3000}", Text(n.ToJson()));
            ClockMessage c = new ClockMessage();
            c.Utc = 1763700000;
            Assert.AreEqual("{\"v\":1,\"utc\":1763700000}", Text(c.ToJson()));
            ErrorMessage e = new ErrorMessage();
            e.Topic = "dc/v1/dev/door-12/cmd";
            e.Error = "malformed json at 3";
            Assert.AreEqual("{\"v\":1,\"topic\":\"dc/v1/dev/door-12/cmd\",\"error\":\"malformed json at 3\"}", Text(e.ToJson()));
        }

        [TestMethod]
        public void Unknown_Version_And_Wrong_Types_Are_Errors_For_Every_Parser()
        {
            string error;
            DecisionResponse r;
            Assert.IsFalse(DecisionResponse.TryParse(Bytes("{\"v\":2,\"request-id\":\"x\",\"granted\":true}"), out r, out error));
            Assert.AreEqual("unsupported version 2", error);
            Assert.IsFalse(DecisionResponse.TryParse(Bytes("{\"request-id\":\"x\",\"granted\":true}"), out r, out error));
            Assert.AreEqual("missing \"v\"", error);
            Assert.IsFalse(DecisionResponse.TryParse(Bytes("{\"v\":1,\"request-id\":\"x\",\"granted\":\"yes\"}"), out r, out error));
            Assert.AreEqual("\"granted\" is not a boolean", error);
            EventAck a;
            Assert.IsFalse(EventAck.TryParse(Bytes("{\"v\":1,\"upto\":\"7\"}"), out a, out error));
            Assert.IsFalse(EventAck.TryParse(Bytes("{\"v\":1,\"upto\":-3}"), out a, out error));
            CommandMessage c;
            Assert.IsFalse(CommandMessage.TryParse(Bytes("{\"v\":1,\"request-id\":\"c\",\"command\":\"unlock\",\"counter\":1.5,\"issued-at\":1,\"mac\":\"00\"}"), out c, out error));
            Notification n;
            Assert.IsFalse(Notification.TryParse(Bytes("{\"v\":1,\"text\":\"" + new string('x', 65) + "\"}"), out n, out error));
            ClockMessage k;
            Assert.IsFalse(ClockMessage.TryParse(Bytes("{\"v\":\"1\",\"utc\":5}"), out k, out error));
            Assert.AreEqual("\"v\" is not a number", error);
            SyncRequest s;
            Assert.IsFalse(SyncRequest.TryParse(Bytes("{\"v\":1}"), out s, out error));
            Assert.AreEqual("missing \"have\"", error);
        }
    }
}
