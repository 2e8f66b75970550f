using System.Text;
using DoorController.Contract;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>The optional "extended" member of a decision response: written only when set, read back, type-checked.</summary>
    [TestClass]
    public class ExtendedDecisionTests
    {
        [TestMethod]
        public void Extended_Is_Written_Only_When_Set_And_Read_Back()
        {
            DecisionResponse r = new DecisionResponse();
            r.RequestId = "a1";
            r.Nonce = 7;
            r.Granted = true;
            r.Reason = "granted";
            r.UnlockMilliseconds = 20000;
            r.Extended = true;
            byte[] json = r.ToJson();
            string text = Encoding.UTF8.GetString(json, 0, json.Length);
            Assert.AreEqual("{\"v\":1,\"request-id\":\"a1\",\"nonce\":7,\"granted\":true,\"reason\":\"granted\",\"unlock-ms\":20000,\"extended\":true}", text);
            DecisionResponse back;
            string error;
            Assert.IsTrue(DecisionResponse.TryParse(json, out back, out error), error);
            Assert.IsTrue(back.Extended);

            r.Extended = false;
            json = r.ToJson();
            text = Encoding.UTF8.GetString(json, 0, json.Length);
            Assert.AreEqual(-1, text.IndexOf("extended"));
            Assert.IsTrue(DecisionResponse.TryParse(json, out back, out error), error);
            Assert.IsFalse(back.Extended);
        }

        [TestMethod]
        public void A_Non_Boolean_Extended_Is_Refused()
        {
            byte[] json = Encoding.UTF8.GetBytes("{\"v\":1,\"request-id\":\"a1\",\"nonce\":7,\"granted\":true,\"extended\":\"yes\"}");
            DecisionResponse back;
            string error;
            Assert.IsFalse(DecisionResponse.TryParse(json, out back, out error));
            Assert.Contains("extended", error);
        }
    }
}
