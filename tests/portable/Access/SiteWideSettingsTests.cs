using System.IO;
using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>
    /// Settings the server keeps once for the whole site or per person and the controller honours from its cache:
    /// policies per attribute at every reader (Fig 9A), extended unlock for people who need longer, the PIN rule.
    /// </summary>
    [TestClass]
    public class SiteWideSettingsTests
    {
        private static long At(int seconds)
        {
            return PatentSite.FridayTenJst + seconds;
        }

        [TestMethod]
        public void A_Site_Wide_Policy_Holds_At_Every_Reader_Unless_The_Reader_Has_Its_Own()
        {
            InMemoryPolicies policies = new InMemoryPolicies();
            AccessPolicy exempt = new AccessPolicy().WithApb(ApbMode.Hard, false, false);
            AccessPolicy strict = new AccessPolicy();
            AccessPolicy readerWide = new AccessPolicy().WithApb(ApbMode.Soft, true, true);
            policies.Set(InMemoryPolicies.SiteWide, UserAttribute.Guard, exempt);
            policies.Set(5, UserAttribute.Guard, strict);
            policies.Set(7, UserAttribute.Unknown, readerWide);
            Assert.AreSame(exempt, policies.Find(1, UserAttribute.Guard), "site-wide for the attribute");
            Assert.AreSame(strict, policies.Find(5, UserAttribute.Guard), "the reader's own policy wins");
            Assert.AreSame(exempt, policies.Find(7, UserAttribute.Guard), "the attribute's site policy beats a reader-wide one");
            Assert.AreSame(readerWide, policies.Find(7, UserAttribute.Employee));
            Assert.IsNull(policies.Find(1, UserAttribute.Employee), "nothing set: the pipeline's default");
            Assert.IsNull(policies.Exact(1, UserAttribute.Guard), "Exact does not fall back");
        }

        [TestMethod]
        public void A_Guard_Exempt_Site_Wide_Is_Exempt_At_A_Reader_Without_Its_Own_Policy_Also_Offline()
        {
            PatentSite s = new PatentSite();
            // G2 has no guard policy of its own in the patent site.
            s.Policies.Set(InMemoryPolicies.SiteWide, UserAttribute.Guard, new AccessPolicy().WithApb(ApbMode.Hard, false, false));
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04GUARD1", At(0)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Nfc, "04GUARD1", At(60)).Allowed);
            AccessDecision again = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04GUARD1", At(120));
            Assert.IsTrue(again.Allowed, "a guard's second entry at G2 is not fraud");
            Assert.IsFalse(again.Fraud);

            // Through the cache file: the site-wide entry travels as a policy of reader 0.
            SiteCacheWriter w = new SiteCacheWriter();
            w.AddPolicy(InMemoryPolicies.SiteWide, UserAttribute.Guard, s.Policies.Exact(InMemoryPolicies.SiteWide, UserAttribute.Guard));
            SiteCache cache = Load(s, w);
            AccessPolicy cached = cache.Policies.Find(PatentSite.G2, UserAttribute.Guard);
            Assert.IsNotNull(cached);
            Assert.IsFalse(cached.FraudOnEntry);
            Assert.IsFalse(cached.FraudOnExit);
        }

        [TestMethod]
        public void A_Person_With_Extended_Access_Gets_The_Longer_Unlock_And_Keeps_It_Through_The_Cache()
        {
            PatentSite s = new PatentSite();
            AccessDecision normal = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0));
            Assert.AreEqual(3000, normal.UnlockMilliseconds, "the gate's own unlock time");
            Assert.IsFalse(normal.ExtendedAccess);
            s.Users.Find(PatentSite.Employee).ExtendedAccess = true;
            AccessDecision extended = s.Present(PatentSite.G1X, CredentialMethod.Nfc, "04A1B2C3", At(60));
            Assert.IsTrue(extended.Allowed);
            Assert.IsTrue(extended.ExtendedAccess);
            Assert.AreEqual(new AccessOptions().ExtendedUnlockMilliseconds, extended.UnlockMilliseconds);

            // Through the cache file: the holder flags of the credential's profile carry it.
            SiteCacheWriter w = new SiteCacheWriter();
            w.SetTimeZone(new SiteTimeZone());
            SiteCache cache;
            FileCredentialDirectory store = Load(s, w, out cache);
            Assert.IsTrue(Holder(s, store, cache, "04A1B2C3", PatentSite.Employee).ExtendedAccess);
            Assert.IsFalse(Holder(s, store, cache, "04GUARD1", PatentSite.Guard).ExtendedAccess);
        }

        private static User Holder(PatentSite s, FileCredentialDirectory store, SiteCache cache, string raw, int userId)
        {
            byte[] hash = s.Hasher.Hash(CredentialMethod.Nfc, System.Text.Encoding.UTF8.GetBytes(raw));
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(hash, 0, new CredentialInfo()));
            User holder = cache.Holder.Find(userId);
            Assert.IsNotNull(holder);
            return holder;
        }

        [TestMethod]
        public void A_Denied_Person_With_Extended_Access_Gets_No_Unlock()
        {
            PatentSite s = new PatentSite();
            s.Users.Find(PatentSite.Employee).ExtendedAccess = true;
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            AccessDecision second = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(30));
            Assert.IsFalse(second.Allowed, "second entry without exit");
            Assert.IsFalse(second.ExtendedAccess);
            Assert.AreEqual(0, second.UnlockMilliseconds);
        }

        [TestMethod]
        [DataRow("1234", true)]
        [DataRow("12345678", true)]
        [DataRow("123", false)]
        [DataRow("123456789", false)]
        [DataRow("123456789012", false)]
        [DataRow("12a4", false)]
        [DataRow("", false)]
        public void One_Pin_Rule(string pin, bool valid)
        {
            Assert.AreEqual(valid, PinRule.IsValid(pin));
        }

        private static SiteCache Load(PatentSite s, SiteCacheWriter w)
        {
            SiteCache cache;
            Load(s, w, out cache);
            return cache;
        }

        private static FileCredentialDirectory Load(PatentSite s, SiteCacheWriter w, out SiteCache cache)
        {
            MemoryStream file = new MemoryStream();
            s.Store(w.ToBytes()).WriteTo(file, 3);
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 64);
            Assert.AreEqual((int)ReasonCode.Granted, (int)SiteCacheReader.Load(store, out cache));
            return store;
        }
    }
}
