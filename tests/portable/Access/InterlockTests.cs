using System.Text;
using DoorController.Access;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>
    /// Interlock (mantrap) in the decision core: a request at a door whose paired door the controller reports open or
    /// unlocked is refused with reason "interlock", online and offline; nothing a grant would change moves; the same
    /// credential is granted once the other door is secure.
    /// </summary>
    [TestClass]
    public class InterlockTests
    {
        private static AccessDecision Present(PatentSite s, string raw, long at, DecisionMode mode, bool otherDoorNotSecure)
        {
            s.Request.Set(PatentSite.G2, CredentialMethod.Nfc, at, mode, Direction.Unknown);
            byte[] bytes = Encoding.UTF8.GetBytes(raw);
            Assert.IsTrue(s.Hasher.TryHash(CredentialMethod.Nfc, bytes, 0, bytes.Length, s.Request.CredentialHash, 0));
            s.Request.OtherDoorNotSecure = otherDoorNotSecure;
            return s.Pipeline.Decide(s.Request);
        }

        [DataRow(1)]
        [DataRow(2)]
        [TestMethod]
        public void A_Request_While_The_Other_Door_Is_Not_Secure_Is_Refused_With_Its_Reason_Then_Granted(int mode)
        {
            PatentSite s = new PatentSite();
            AccessDecision d = Present(s, "04A1B2C3", PatentSite.FridayTenJst, (DecisionMode)mode, true);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.DoorInterlocked, (int)d.Reason);
            Assert.AreEqual("interlock", ReasonCodes.Name(d.Reason));
            Assert.AreEqual(PatentSite.Employee, d.UserId, "the refusal names the person who asked");
            Assert.IsFalse(d.Fraud, "waiting for the other door is not fraud");
            Assert.AreEqual(0, d.UnlockMilliseconds);
            Assert.IsFalse(s.IsInside(PatentSite.Employee, PatentSite.Office), "a refusal moves nobody");

            d = Present(s, "04A1B2C3", PatentSite.FridayTenJst + 10, (DecisionMode)mode, false);
            Assert.IsTrue(d.Allowed, "the other door closed and locked: the same person passes");
            Assert.AreEqual((int)ReasonCode.Granted, (int)d.Reason);
        }

        [TestMethod]
        public void An_Unknown_Credential_Is_Still_Reported_As_Unknown_At_An_Interlocked_Door()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = Present(s, "04FFFFFF", PatentSite.FridayTenJst, DecisionMode.Online, true);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)d.Reason, "authentication comes first: a stranger is not told to wait");
        }

        [TestMethod]
        public void The_Flag_Does_Not_Outlive_Its_Request()
        {
            PatentSite s = new PatentSite();
            Present(s, "04A1B2C3", PatentSite.FridayTenJst, DecisionMode.Online, true);
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst + 5);
            Assert.IsTrue(d.Allowed, "Set clears it: a reused request is not refused by a stale door state");
        }
    }
}
