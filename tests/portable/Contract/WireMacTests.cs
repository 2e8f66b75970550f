using System.Text;
using DoorController.Contract;
using DoorController.Core;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>What the message MAC refuses: any changed byte, another topic or controller, another key, a
    /// missing or non-canonical tag, a forged event-mac.</summary>
    [TestClass]
    public class WireMacTests
    {
        private static readonly LinkTopics Door12 = new LinkTopics("door-12");

        private static byte[] SealedGrant(WireKeys keys)
        {
            DecisionResponse r = new DecisionResponse();
            r.RequestId = "q-4294967313";
            r.Nonce = 4294967313;
            r.Granted = false;
            r.Reason = "unknown-credential";
            return keys.Seal(Door12.DecisionResponse, r.ToJson());
        }

        [TestMethod]
        public void Every_Changed_Byte_Is_Refused()
        {
            WireKeys keys = new WireKeys(GoldenWire.DeviceKey(), Door12);
            byte[] payload = SealedGrant(keys);
            string error;
            Assert.IsTrue(keys.Verify(Door12.DecisionResponse, payload, out error), error);
            for (int i = 0; i < payload.Length; i++)
            {
                byte[] changed = new byte[payload.Length];
                System.Array.Copy(payload, changed, payload.Length);
                changed[i] ^= 0x01;
                Assert.IsFalse(keys.Verify(Door12.DecisionResponse, changed, out error), "byte " + i + " changed and still accepted");
            }
        }

        [TestMethod]
        public void A_Message_Cannot_Move_To_Another_Topic_Controller_Or_Key()
        {
            WireKeys keys = new WireKeys(GoldenWire.DeviceKey(), Door12);
            byte[] payload = SealedGrant(keys);
            string error;
            Assert.IsFalse(keys.Verify(Door12.EventsAck, payload, out error), "another topic of the same controller");
            Assert.AreEqual("bad-mac", error);
            LinkTopics door13 = new LinkTopics("door-13");
            WireKeys sameKeyOtherDevice = new WireKeys(GoldenWire.DeviceKey(), door13);
            Assert.IsFalse(sameKeyOtherDevice.Verify(door13.DecisionResponse, payload, out error), "another controller, even with the same device key");
            byte[] otherKey = GoldenWire.DeviceKey();
            otherKey[0] = 0xFF;
            Assert.IsFalse(new WireKeys(otherKey, Door12).Verify(Door12.DecisionResponse, payload, out error), "another device key");
        }

        [TestMethod]
        public void Unsigned_Truncated_Or_Non_Canonical_Tags_Are_Refused()
        {
            WireKeys keys = new WireKeys(GoldenWire.DeviceKey(), Door12);
            string error;
            Assert.IsFalse(keys.Verify(Door12.DecisionResponse, Encoding.UTF8.GetBytes("{\"v\":1,\"request-id\":\"q-1\",\"nonce\":1,\"granted\":true}"), out error));
            Assert.AreEqual("missing mac", error);
            Assert.IsFalse(keys.Verify(Door12.DecisionResponse, new byte[0], out error));
            Assert.IsFalse(keys.Verify(Door12.DecisionResponse, null, out error));
            byte[] payload = SealedGrant(keys);
            string upper = Encoding.UTF8.GetString(payload, 0, payload.Length);
            int mac = upper.IndexOf("\"mac\":\"") + 7;
            upper = upper.Substring(0, mac) + upper.Substring(mac, 64).ToUpper() + upper.Substring(mac + 64);
            Assert.IsFalse(keys.Verify(Door12.DecisionResponse, Encoding.UTF8.GetBytes(upper), out error), "one text per tag: upper-case hex refused");
            Assert.IsFalse(keys.Verify(Door12.Command, payload, out error), "no message key on the command topic");
            byte[] tag = new byte[WireMac.TagLength];
            Assert.IsFalse(WireMac.TryParseTag("00", tag, 0));
            Assert.IsFalse(WireMac.TryParseTag(new string('G', 64), tag, 0));
            Assert.IsTrue(WireMac.TryParseTag(WireMac.TagHex(payload), tag, 0));
        }

        [TestMethod]
        public void Each_Authenticated_Topic_Finds_The_Key_Of_Its_Own_Suffix()
        {
            byte[] deviceKey = GoldenWire.DeviceKey();
            WireKeys keys = new WireKeys(deviceKey, Door12);
            string[] suffixes = LinkTopics.AuthenticatedSuffixes;
            for (int i = 0; i < suffixes.Length; i++)
            {
                string topic = Door12.Topic(suffixes[i]);
                Assert.AreEqual(i, Door12.AuthenticatedIndex(topic), topic);
                Assert.IsTrue(KeyedHash.FixedTimeEquals(WireMac.DeriveKey(deviceKey, suffixes[i]), keys.For(topic)), topic + " is MACed under another purpose's key");
            }
            Assert.AreEqual(-1, Door12.AuthenticatedIndex(Door12.Command));
            Assert.AreEqual(-1, Door12.AuthenticatedIndex(Door12.SyncChunk));
            Assert.AreEqual(-1, Door12.AuthenticatedIndex(new LinkTopics("door-13").DecisionResponse));
            Assert.AreEqual(-1, Door12.AuthenticatedIndex(null));
        }
    }
}
