using System.Text;
using DoorController.Contract;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>
    /// What every golden test of the wire shares: controller "door-12"'s device key, and a round trip that seals as the
    /// sender, compares the golden bytes and verifies as the receiver with keys derived separately.
    /// </summary>
    internal static class GoldenWire
    {
        /// <summary>Device key 00 01 02 ... 1f of controller "door-12".</summary>
        internal static byte[] DeviceKey()
        {
            byte[] key = new byte[32];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)i;
            }
            return key;
        }

        internal static string Text(byte[] bytes)
        {
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        internal static byte[] Bytes(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        /// <summary>Seals as the sender, checks the golden bytes, verifies as the receiver; returns the payload.</summary>
        internal static byte[] RoundTrip(string suffix, byte[] json, string golden)
        {
            WireKeys sender = new WireKeys(DeviceKey(), new LinkTopics("door-12"));
            WireKeys receiver = new WireKeys(DeviceKey(), new LinkTopics("door-12"));
            string topic = sender.Topics.Topic(suffix);
            byte[] payload = sender.Seal(topic, json);
            Assert.AreEqual(golden, Text(payload));
            string error;
            Assert.IsTrue(receiver.Verify(topic, payload, out error), error);
            return payload;
        }
    }
}
