using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>Bad input never escapes as an exception: it becomes a deny with a reason code.</summary>
    [TestClass]
    public class BadInputTests
    {
        [TestMethod]
        public void Unknown_Reader_Is_Denied()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(999, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownReader, (int)d.Reason);
            Assert.AreEqual(0, d.UnlockMilliseconds);
        }

        [DataRow(0)]
        [DataRow(7)]
        [DataRow(255)]
        [DataRow(-1)]
        [TestMethod]
        public void Unknown_Credential_Format_Is_Denied(int method)
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G1, (CredentialMethod)method, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownCredentialFormat, (int)d.Reason);
        }

        [TestMethod]
        public void Decide_Raw_Hashes_Good_Values_And_Denies_Bad_Ones_As_Unknown_Format()
        {
            PatentSite s = new PatentSite();
            byte[] uid = System.Text.Encoding.UTF8.GetBytes("04A1B2C3");
            s.Request.Set(PatentSite.G1, CredentialMethod.Nfc, PatentSite.FridayTenJst, DecisionMode.Offline, Direction.Unknown);
            Assert.IsTrue(s.Pipeline.DecideRaw(s.Request, s.Hasher, uid, 0, uid.Length).Allowed);
            AccessDecision d = s.Pipeline.DecideRaw(s.Request, s.Hasher, new byte[300], 0, 300);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownCredentialFormat, (int)d.Reason);
            Assert.AreEqual((int)ReasonCode.UnknownCredentialFormat, (int)s.Pipeline.DecideRaw(s.Request, s.Hasher, null, 0, 4).Reason);
            Assert.AreEqual((int)ReasonCode.BadRequest, (int)s.Pipeline.DecideRaw(null, s.Hasher, uid, 0, 4).Reason);
        }

        [TestMethod]
        public void Hasher_Rejects_Empty_And_Oversized_Values_Without_Throwing()
        {
            CredentialHasher h = new CredentialHasher(PatentSite.Key);
            byte[] dest = new byte[16];
            Assert.IsFalse(h.TryHash(CredentialMethod.Nfc, new byte[0], 0, 0, dest, 0));
            Assert.IsFalse(h.TryHash(CredentialMethod.Nfc, new byte[200], 0, 200, dest, 0));
            Assert.IsFalse(h.TryHash(CredentialMethod.Nfc, null, 0, 4, dest, 0));
            Assert.IsFalse(h.TryHash(CredentialMethod.Nfc, new byte[4], 2, 4, dest, 0));
            Assert.IsFalse(h.TryHash(CredentialMethod.Unknown, new byte[4], 0, 4, dest, 0));
            Assert.IsTrue(h.TryHash(CredentialMethod.Nfc, new byte[4], 0, 4, dest, 0));
        }

        [TestMethod]
        public void Same_Value_By_Different_Methods_Hashes_Differently()
        {
            CredentialHasher h = new CredentialHasher(PatentSite.Key);
            byte[] digits = new byte[] { (byte)'1', (byte)'2', (byte)'3', (byte)'4' };
            byte[] pin = h.Hash(CredentialMethod.Pin, digits);
            byte[] qr = h.Hash(CredentialMethod.Qr, digits);
            Assert.AreEqual(16, pin.Length);
            Assert.IsFalse(DoorController.Core.KeyedHash.FixedTimeEquals(pin, qr));
        }

        [TestMethod]
        public void Credential_Presented_By_The_Wrong_Method_Is_Unknown()
        {
            PatentSite s = new PatentSite();
            s.Site.FindReader(PatentSite.G1).MethodMask = 0;
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Wiegand, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)d.Reason);
        }

        [TestMethod]
        public void Method_Not_Accepted_By_Reader_Is_Denied()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G5, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.AreEqual((int)ReasonCode.MethodNotAcceptedByReader, (int)d.Reason);
        }

        [TestMethod]
        public void Credential_Of_A_Deleted_User_Is_Denied_As_Unknown_User()
        {
            PatentSite s = new PatentSite();
            s.AddCredential(4242, CredentialMethod.Nfc, "orphan", 0, 0, CredentialFlags.None, 0);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "orphan", PatentSite.FridayTenJst);
            Assert.AreEqual((int)ReasonCode.UnknownUser, (int)d.Reason);
            Assert.AreEqual(4242, d.UserId);
        }

        [TestMethod]
        public void Disabled_User_And_Blocked_Credential_Are_Denied()
        {
            PatentSite s = new PatentSite();
            s.Users.Find(PatentSite.Employee).Enabled = false;
            Assert.AreEqual((int)ReasonCode.UserDisabled, (int)s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst).Reason);
            s.AddCredential(PatentSite.Guard, CredentialMethod.Nfc, "lost", 0, 0, CredentialFlags.Blocked, 0);
            Assert.AreEqual((int)ReasonCode.CredentialBlocked, (int)s.Present(PatentSite.G1, CredentialMethod.Nfc, "lost", PatentSite.FridayTenJst).Reason);
        }

        [TestMethod]
        public void Missing_Sources_Deny_Instead_Of_Throwing()
        {
            AccessPipeline p = new AccessPipeline(new AccessSources(), null);
            AccessRequest r = new AccessRequest().Set(1, CredentialMethod.Nfc, PatentSite.FridayTenJst, DecisionMode.Offline, Direction.Unknown);
            AccessDecision d = p.Decide(r);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownReader, (int)d.Reason);
            d = p.Decide(null);
            Assert.AreEqual((int)ReasonCode.BadRequest, (int)d.Reason);
        }

        [TestMethod]
        public void A_Source_That_Throws_Denies_With_Internal_Error()
        {
            PatentSite s = new PatentSite();
            s.Sources.Permissions = new ThrowingPermissions();
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.InternalError, (int)d.Reason);
            Assert.AreEqual(0, d.UnlockMilliseconds);
        }

        [TestMethod]
        public void Attribute_Not_Allowed_At_Reader_Is_Denied()
        {
            PatentSite s = new PatentSite();
            AccessPolicy none = new AccessPolicy();
            none.Allowed = false;
            s.Policies.Set(PatentSite.G1, UserAttribute.Guest, none);
            s.Site.FindReader(PatentSite.G1).MethodMask = 0;
            Assert.AreEqual((int)ReasonCode.AttributeNotAllowed, (int)s.Present(PatentSite.G1, CredentialMethod.Qr, "qr:guest", PatentSite.FridayTenJst).Reason);
        }

        private sealed class ThrowingPermissions : IPermissionSource
        {
            public Permission[] ForUser(int userId)
            {
                throw new System.InvalidOperationException("database gone");
            }

            public Permission[] ForGroup(int groupId)
            {
                throw new System.InvalidOperationException("database gone");
            }
        }
    }
}
