using System.Text;
using DoorController.Contract.Json;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    [TestClass]
    public class JsonCodecTests
    {
        [TestMethod]
        public void Writer_Escapes_Quotes_Backslashes_And_Control_Characters()
        {
            string text = new JsonWriter().BeginObject().String("t", "a\"b\\c\nd\u0001").Number("n", -42).Bool("b", true).Null("z").EndObject().ToString();
            Assert.AreEqual("{\"t\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":-42,\"b\":true,\"z\":null}", text);
        }

        [TestMethod]
        public void Reader_Round_Trips_What_The_Writer_Wrote()
        {
            string text = new JsonWriter().BeginObject().String("s", "x\"y\u00e9").Number("n", 9007199254740993).Bool("f", false)
                .BeginObject("o").Number("k", 1).EndObject().EndObject().ToString();
            JsonObject o;
            string error;
            Assert.IsTrue(JsonReader.TryParse(text, out o, out error), error);
            string s;
            long n;
            bool f;
            JsonObject inner;
            Assert.IsTrue(o.TryGetString("s", out s));
            Assert.AreEqual("x\"y\u00e9", s);
            Assert.IsTrue(o.TryGetLong("n", out n));
            Assert.AreEqual(9007199254740993L, n);
            Assert.IsTrue(o.TryGetBool("f", out f));
            Assert.IsFalse(f);
            Assert.IsTrue(o.TryGetObject("o", out inner));
            Assert.IsTrue(inner.TryGetLong("k", out n));
            Assert.AreEqual(1L, n);
        }

        [TestMethod]
        public void Writer_Writes_Utf8_Bytes_Integer_Extremes_And_Long_Messages()
        {
            // U+00E9 is 2 bytes in UTF-8, U+65E5 3, the surrogate pair U+1F511 4; a message past the first buffer grows it.
            string text = "\u00e9\u65e5\uD83D\uDD11";
            string padding = new string('p', 300);
            byte[] bytes = new JsonWriter().BeginObject().String("s", text).Number("min", long.MinValue).Number("max", long.MaxValue)
                .Number("zero", 0).String("pad", padding).EndObject().ToBytes();
            string expected = "{\"s\":\"" + text + "\",\"min\":-9223372036854775808,\"max\":9223372036854775807,\"zero\":0,\"pad\":\"" + padding + "\"}";
            byte[] wanted = Encoding.UTF8.GetBytes(expected);
            Assert.AreEqual(wanted.Length, bytes.Length);
            for (int i = 0; i < wanted.Length; i++)
            {
                Assert.AreEqual(wanted[i], bytes[i], "byte " + i);
            }
            // Read back without "min": 20 characters are more than the reader takes for an integer.
            JsonObject o;
            string error;
            Assert.IsTrue(JsonReader.TryParse(new JsonWriter().BeginObject().String("s", text).Number("max", long.MaxValue).Number("zero", 0).EndObject().ToBytes(),
                out o, out error), error);
            string s;
            long n;
            Assert.IsTrue(o.TryGetString("s", out s));
            Assert.AreEqual(text, s);
            Assert.IsTrue(o.TryGetLong("max", out n));
            Assert.AreEqual(long.MaxValue, n);
            Assert.IsTrue(o.TryGetLong("zero", out n));
            Assert.AreEqual(0L, n);
        }

        [TestMethod]
        public void Reader_Refuses_Integers_Out_Of_Range_And_Bare_Minus()
        {
            JsonObject o;
            string error;
            long n;
            Assert.IsTrue(JsonReader.TryParse("{\"a\":-922337203685477580,\"b\":007}", out o, out error), error);
            Assert.IsTrue(o.TryGetLong("a", out n));
            Assert.AreEqual(-922337203685477580L, n);
            Assert.IsTrue(o.TryGetLong("b", out n));
            Assert.AreEqual(7L, n);
            Assert.IsFalse(JsonReader.TryParse("{\"a\":9223372036854775808}", out o, out error));
            Assert.Contains("out of range", error);
            Assert.IsFalse(JsonReader.TryParse("{\"a\":9999999999999999999}", out o, out error));
            Assert.Contains("out of range", error);
            Assert.IsFalse(JsonReader.TryParse("{\"a\":-}", out o, out error));
            Assert.IsFalse(JsonReader.TryParse("{\"a\":tru}", out o, out error));
            Assert.Contains("bad literal", error);
        }

        [TestMethod]
        public void Reader_Accepts_Whitespace_Arrays_Escapes_And_Reals()
        {
            JsonObject o;
            string error;
            Assert.IsTrue(JsonReader.TryParse(" {\n \"a\" : [1, \"two\", {\"x\":null}, [] ] ,\"u\":\"\\u0041\\/\",\"r\":1.5e3 } ", out o, out error), error);
            string u;
            Assert.IsTrue(o.TryGetString("u", out u));
            Assert.AreEqual("A/", u);
            long asLong;
            Assert.IsFalse(o.TryGetLong("r", out asLong), "a real is not an integer");
        }

        [TestMethod]
        public void Wrong_Types_Are_Reported_Not_Coerced()
        {
            JsonObject o;
            string error;
            Assert.IsTrue(JsonReader.TryParse("{\"n\":\"5\",\"b\":1,\"s\":true}", out o, out error));
            long n;
            bool b;
            string s;
            Assert.IsFalse(o.TryGetLong("n", out n));
            Assert.IsFalse(o.TryGetBool("b", out b));
            Assert.IsFalse(o.TryGetString("s", out s));
            Assert.IsFalse(o.TryGetString("missing", out s));
        }

        [DataRow("")]
        [DataRow("   ")]
        [DataRow("[1,2]")]
        [DataRow("\"text\"")]
        [DataRow("{")]
        [DataRow("{\"a\":}")]
        [DataRow("{\"a\":1,}")]
        [DataRow("{\"a\" 1}")]
        [DataRow("{a:1}")]
        [DataRow("{\"a\":1} trailing")]
        [DataRow("{\"a\":tru}")]
        [DataRow("{\"a\":\"unterminated}")]
        [DataRow("{\"a\":\"bad \\q escape\"}")]
        [DataRow("{\"a\":\"\\u12\"}")]
        [DataRow("{\"a\":99999999999999999999999}")]
        [DataRow("{\"a\":--1}")]
        [DataRow("{\"a\":[1,2}")]
        [DataRow("{\"a\":\"raw\ttab\"}")]
        public void Malformed_Text_Is_An_Error_Not_An_Exception(string text)
        {
            JsonObject o;
            string error;
            Assert.IsFalse(JsonReader.TryParse(text, out o, out error));
            Assert.IsNull(o);
            Assert.IsNotNull(error);
        }

        [TestMethod]
        public void Nesting_Beyond_The_Limit_Is_Refused()
        {
            StringBuilder deep = new StringBuilder();
            for (int i = 0; i < 50; i++) deep.Append("{\"a\":");
            deep.Append("1");
            for (int i = 0; i < 50; i++) deep.Append('}');
            JsonObject o;
            string error;
            Assert.IsFalse(JsonReader.TryParse(deep.ToString(), out o, out error));
            Assert.Contains("too deep", error);
        }

        [TestMethod]
        public void Oversize_And_Invalid_Utf8_Payloads_Are_Refused()
        {
            JsonObject o;
            string error;
            Assert.IsFalse(JsonReader.TryParse(new byte[JsonReader.MaxMessageBytes + 1], out o, out error));
            Assert.Contains("too large", error);
            Assert.IsFalse(JsonReader.TryParse(new byte[] { 0x7B, 0xFF, 0xFE, 0x7D }, out o, out error));
            Assert.IsFalse(JsonReader.TryParse((byte[])null, out o, out error));
        }

        [TestMethod]
        public void Random_Bytes_Never_Throw()
        {
            System.Random random = new System.Random(1234);
            JsonObject o;
            string error;
            int refused = 0;
            for (int i = 0; i < 500; i++)
            {
                byte[] junk = new byte[random.Next(64) + 1];
                random.NextBytes(junk);
                junk[0] = (byte)'{';
                if (!JsonReader.TryParse(junk, out o, out error))
                {
                    refused++;
                    Assert.IsNotNull(error);
                }
            }
            Assert.AreEqual(500, refused);
        }
    }
}
