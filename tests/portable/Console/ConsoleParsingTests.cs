using System.Text;
using DoorController.Provisioning;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Provisioning
{
    [TestClass]
    public class ConsoleParsingTests
    {
        private static bool SecretAfter(string typed)
        {
            char[] chars = typed.ToCharArray();
            return ConsoleEchoMask.LastCharIsSecret(chars, chars.Length);
        }

        [TestMethod]
        public void Quoted_Words_Keep_Their_Spaces_And_Commands_Are_Lower_Cased()
        {
            string error;
            string[] tokens = ConsoleTokenizer.Tokenize("SET Wifi  \"Site Office\" PsK", out error);
            Assert.IsNull(error);
            Assert.AreEqual(4, tokens.Length);
            Assert.AreEqual("set", tokens[0]);
            Assert.AreEqual("wifi", tokens[1]);
            Assert.AreEqual("Site Office", tokens[2]);
            Assert.AreEqual("PsK", tokens[3]);
        }

        [TestMethod]
        [DataRow("set device \"")]
        [DataRow("set device \"abc")]
        [DataRow("set device \"a\"b")]
        public void Broken_Quotes_Are_Refused(string line)
        {
            string error;
            Assert.IsNull(ConsoleTokenizer.Tokenize(line, out error));
            Assert.IsNotNull(error);
        }

        [TestMethod]
        [DataRow("set wifi Office s", true)]
        [DataRow("set wifi Office", false)]
        [DataRow("set wifi \"Site Of", false)]
        [DataRow("set wifi \"Site Office\" p", true)]
        [DataRow("SET KEY a", true)]
        [DataRow("set passcode 1", true)]
        [DataRow("set mqtt-login dc-door-1 s", true)]
        [DataRow("set mqtt-login dc-door-1", false)]
        [DataRow("set device k", false)]
        [DataRow("set key ", false)]
        [DataRow("setwifi a b c", false)]
        public void Echo_Mask_Covers_Exactly_The_Secret_Arguments(string typed, bool secret)
        {
            Assert.AreEqual(secret, SecretAfter(typed), typed);
        }

        [TestMethod]
        public void Crlf_Lf_And_Cr_Each_End_One_Line()
        {
            ConsoleLineAssembler assembler = new ConsoleLineAssembler();
            byte[] input = Encoding.UTF8.GetBytes("a\r\nb\nc\r");
            int lines = 0;
            int empties = 0;
            for (int i = 0; i < input.Length; i++)
            {
                ConsoleLineEvent e = assembler.Feed(input[i]);
                if (e == ConsoleLineEvent.Completed) lines++;
                if (e == ConsoleLineEvent.Empty) empties++;
            }
            Assert.AreEqual(3, lines);
            Assert.AreEqual(0, empties);
        }

        [TestMethod]
        public void A_Line_Of_Exactly_The_Limit_Is_Accepted_And_One_More_Is_Not()
        {
            ConsoleLineAssembler assembler = new ConsoleLineAssembler();
            for (int i = 0; i < ConsoleLineAssembler.MaxLineLength; i++) assembler.Feed((byte)'x');
            Assert.AreEqual((int)ConsoleLineEvent.Completed, (int)assembler.Feed((byte)'\n'));
            Assert.AreEqual(ConsoleLineAssembler.MaxLineLength, assembler.TakeLine().Length);
            for (int i = 0; i <= ConsoleLineAssembler.MaxLineLength; i++) assembler.Feed((byte)'x');
            Assert.AreEqual((int)ConsoleLineEvent.TooLong, (int)assembler.Feed((byte)'\n'));
        }

        [TestMethod]
        public void Provider_Text_Cannot_Fake_A_Terminator()
        {
            StringBuilder text = new StringBuilder();
            ConsoleReply reply = new ConsoleReply(text);
            reply.Lines("cache: 12 entries\nok\r\nerror: nothing\n");
            Assert.AreEqual("cache: 12 entries\r\n  ok\r\n  error: nothing\r\n", text.ToString());
            Assert.IsFalse(reply.Failed);
        }
    }
}
