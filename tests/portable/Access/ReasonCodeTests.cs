using DoorController.Access;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>Reason codes are on the wire: numbers and names must not drift.</summary>
    [TestClass]
    public class ReasonCodeTests
    {
        [DataRow(0, "granted")]
        [DataRow(10, "unknown-reader")]
        [DataRow(11, "unknown-credential-format")]
        [DataRow(14, "interlock")]
        [DataRow(20, "unknown-credential")]
        [DataRow(23, "store-corrupt")]
        [DataRow(31, "credential-expired")]
        [DataRow(34, "outside-time-window")]
        [DataRow(50, "apb-entry-without-exit")]
        [DataRow(51, "apb-exit-without-entry")]
        [DataRow(60, "schedule-elsewhere")]
        [DataRow(70, "impossible-travel")]
        [DataRow(80, "attribute-not-allowed")]
        [DataRow(99, "internal-error")]
        [TestMethod]
        public void Numbers_And_Names_Are_Stable(int number, string name)
        {
            Assert.AreEqual(name, ReasonCodes.Name((ReasonCode)number));
            ReasonCode parsed;
            Assert.IsTrue(ReasonCodes.TryParse(name, out parsed));
            Assert.AreEqual(number, (int)parsed);
        }

        [TestMethod]
        public void Every_Code_Has_A_Unique_Name_That_Parses_Back()
        {
            for (int i = 0; i < ReasonCodes.All.Length; i++)
            {
                string name = ReasonCodes.Name(ReasonCodes.All[i]);
                Assert.AreNotEqual("unknown", name);
                ReasonCode parsed;
                Assert.IsTrue(ReasonCodes.TryParse(name, out parsed));
                Assert.AreEqual((int)ReasonCodes.All[i], (int)parsed);
                for (int j = i + 1; j < ReasonCodes.All.Length; j++)
                {
                    Assert.AreNotEqual(name, ReasonCodes.Name(ReasonCodes.All[j]));
                    Assert.AreNotEqual((int)ReasonCodes.All[i], (int)ReasonCodes.All[j]);
                }
            }
        }

        [TestMethod]
        public void Unknown_Names_Do_Not_Parse()
        {
            ReasonCode parsed;
            Assert.IsFalse(ReasonCodes.TryParse("no-such-reason", out parsed));
            Assert.IsFalse(ReasonCodes.TryParse(null, out parsed));
            Assert.AreEqual("unknown", ReasonCodes.Name((ReasonCode)12345));
        }
    }
}
