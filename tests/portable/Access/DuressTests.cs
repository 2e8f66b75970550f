using DoorController.Access;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>
    /// A person's duress code is decided like their normal code (same outcome, unlock time, route) and only the
    /// decision's <see cref="AccessDecision.Duress"/> mark differs, online and offline.
    /// </summary>
    [TestClass]
    public class DuressTests
    {
        private static PatentSite WithPins()
        {
            PatentSite s = new PatentSite();
            s.Policies.Set(PatentSite.G2, UserAttribute.Unknown, new AccessPolicy().WithApb(ApbMode.Off, false, false));
            s.AddCredential(PatentSite.Employee, CredentialMethod.Pin, "1234", 0, 0, CredentialFlags.None, 0);
            s.AddCredential(PatentSite.Employee, CredentialMethod.Pin, "1235", 0, 0, CredentialFlags.Duress, 0);
            return s;
        }

        [DataRow(1)]
        [DataRow(2)]
        [TestMethod]
        public void Duress_Code_Opens_Like_The_Normal_Code_And_Is_Marked(int mode)
        {
            PatentSite s = WithPins();
            DecisionMode m = (DecisionMode)mode;
            AccessDecision normal = s.Present(PatentSite.G2, CredentialMethod.Pin, "1234", PatentSite.FridayTenJst, m, Direction.Unknown);
            bool allowed = normal.Allowed;
            int unlock = normal.UnlockMilliseconds, route = normal.RouteTargetBits, reason = (int)normal.Reason;
            Assert.IsFalse(normal.Duress);
            AccessDecision duress = s.Present(PatentSite.G2, CredentialMethod.Pin, "1235", PatentSite.FridayTenJst + 10, m, Direction.Unknown);
            Assert.IsTrue(allowed);
            Assert.IsTrue(duress.Allowed);
            Assert.AreEqual(reason, (int)duress.Reason);
            Assert.AreEqual(unlock, duress.UnlockMilliseconds);
            Assert.AreEqual(route, duress.RouteTargetBits);
            Assert.AreEqual(PatentSite.Employee, duress.UserId);
            Assert.IsTrue(duress.Duress);
            Assert.AreEqual(m == DecisionMode.Offline, duress.PendingRetroCheck);
        }

        [TestMethod]
        public void Duress_Is_Marked_Even_When_The_Code_Is_Refused()
        {
            PatentSite s = WithPins();
            s.Users.Find(PatentSite.Employee).GroupIds = new int[0]; // no permission any more
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Pin, "1235", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.NoPermission, (int)d.Reason);
            Assert.IsTrue(d.Duress);
        }

        [TestMethod]
        public void Duress_Flag_Survives_The_Store_File()
        {
            PatentSite s = WithPins();
            MemoryFileStore files = new MemoryFileStore();
            CredentialStoreBuilder.WriteFile(files, "c.bin", s.Store(null), 1);
            s.Sources.Credentials = FileCredentialDirectory.Open(files, "c.bin", 0);
            AccessPipeline offline = new AccessPipeline(s.Sources, s.Options);
            s.Request.Set(PatentSite.G2, CredentialMethod.Pin, PatentSite.FridayTenJst, DecisionMode.Offline, Direction.Unknown);
            byte[] raw = System.Text.Encoding.UTF8.GetBytes("1235");
            AccessDecision d = offline.DecideRaw(s.Request, s.Hasher, raw, 0, raw.Length);
            Assert.IsTrue(d.Allowed);
            Assert.IsTrue(d.Duress);
        }
    }
}
