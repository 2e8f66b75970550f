using System.Text;
using DoorController.Access;
using DoorController.Controller;
using DoorController.Link;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    [TestClass]
    public class OfflineCacheTests
    {
        private static readonly long Now = PatentSite.FridayTenJst;

        private static OfflineCache Loaded(byte[] deviceKey, out MemoryFileStore files)
        {
            PatentSite site = new PatentSite();
            files = new MemoryFileStore();
            CacheKit.Install(files, CacheKit.Body(site, CacheKit.DeviceKey, 5), 5, Now - 60);
            OfflineCache cache = new OfflineCache(files, deviceKey, new AccessOptions(), new ManualClock());
            cache.Load();
            return cache;
        }

        private static LinkDecision Decide(OfflineCache cache, string nfcUid)
        {
            return Decide(cache, nfcUid, CacheValidity.Valid);
        }

        private static LinkDecision Decide(OfflineCache cache, string nfcUid, CacheValidity validity)
        {
            AccessRequest request = new AccessRequest();
            request.Set(PatentSite.G1, CredentialMethod.Nfc, Now, DecisionMode.Offline, Direction.Unknown);
            if (cache.Hasher != null)
            {
                byte[] raw = Encoding.UTF8.GetBytes(nfcUid);
                cache.Hasher.TryHash(CredentialMethod.Nfc, raw, 0, raw.Length, request.CredentialHash, 0);
            }
            DecisionQuery query = new DecisionQuery();
            query.LocalContext = request;
            FixedCacheValidity fixedValidity = new FixedCacheValidity();
            fixedValidity.Value = validity;
            return new OfflineDecider(cache, fixedValidity).DecideLocally(query);
        }

        [TestMethod]
        public void A_Signed_Cache_Loads_And_Grants_Offline_With_Retro_Check_Pending()
        {
            MemoryFileStore files;
            OfflineCache cache = Loaded(CacheKit.DeviceKey, out files);
            Assert.IsNotNull(cache.Pipeline, cache.Detail);
            Assert.AreEqual(5u, cache.Version);
            OfflineDecider decider = new OfflineDecider(cache, new FixedCacheValidity());
            AccessRequest request = new AccessRequest();
            request.Set(PatentSite.G1, CredentialMethod.Nfc, Now, DecisionMode.Online, Direction.Unknown);
            byte[] raw = Encoding.UTF8.GetBytes("04A1B2C3");
            cache.Hasher.TryHash(CredentialMethod.Nfc, raw, 0, raw.Length, request.CredentialHash, 0);
            DecisionQuery query = new DecisionQuery();
            query.LocalContext = request;
            LinkDecision d = decider.DecideLocally(query);
            Assert.IsTrue(d.Granted, d.Reason);
            Assert.AreEqual(PatentSite.Employee, decider.Last.UserId);
            Assert.IsTrue(decider.Last.PendingRetroCheck);
            Assert.AreEqual((int)DecisionMode.Offline, (int)decider.Last.Mode);
        }

        [TestMethod]
        public void A_Card_Not_In_The_Cache_Is_Denied_Offline()
        {
            MemoryFileStore files;
            OfflineCache cache = Loaded(CacheKit.DeviceKey, out files);
            LinkDecision d = Decide(cache, "04FFFFFF");
            Assert.IsFalse(d.Granted);
            Assert.AreEqual("unknown-credential", d.Reason);
        }

        [TestMethod]
        public void A_Cache_Sealed_For_Another_Controller_Matches_Nothing()
        {
            // The site keys are sealed under the device key: another controller's key yields the wrong hash key.
            MemoryFileStore files;
            OfflineCache cache = Loaded(Encoding.UTF8.GetBytes("some-other-controllers-device-key"), out files);
            Assert.IsFalse(Decide(cache, "04A1B2C3").Granted);
        }

        [TestMethod]
        public void A_Corrupted_Cache_File_Is_Not_Loaded_And_Offline_Decisions_Deny()
        {
            MemoryFileStore files;
            Loaded(CacheKit.DeviceKey, out files);
            byte[] bytes = files.ReadAll(DoorController.Link.Bundles.CacheFile.Name);
            bytes[bytes.Length / 2] ^= 0x5A;
            files.WriteAll(DoorController.Link.Bundles.CacheFile.Name, bytes);
            OfflineCache cache = new OfflineCache(files, CacheKit.DeviceKey, new AccessOptions(), new ManualClock());
            Assert.IsFalse(cache.Load());
            Assert.IsNull(cache.Pipeline);
            LinkDecision d = Decide(cache, "04A1B2C3");
            Assert.IsFalse(d.Granted);
            Assert.AreEqual(ReasonCodes.Name(ReasonCode.CredentialStoreUnavailable), d.Reason);
        }

        [TestMethod]
        public void No_Cache_Installed_Means_Deny_With_A_Reason_Not_An_Exception()
        {
            OfflineCache cache = new OfflineCache(new MemoryFileStore(), CacheKit.DeviceKey, new AccessOptions(), new ManualClock());
            Assert.IsFalse(cache.Load());
            Assert.Contains("no verified cache", cache.Detail);
            Assert.IsFalse(Decide(cache, "04A1B2C3").Granted);
        }

        [TestMethod]
        public void Offline_Grants_Stop_Once_The_Cache_Outlived_Its_Offline_Lifetime()
        {
            MemoryFileStore files;
            OfflineCache cache = Loaded(CacheKit.DeviceKey, out files);
            Assert.IsTrue(Decide(cache, "04A1B2C3", CacheValidity.Valid).Granted);
            LinkDecision expired = Decide(cache, "04A1B2C3", CacheValidity.Expired);
            Assert.IsFalse(expired.Granted);
            Assert.AreEqual(ReasonCodes.Name(ReasonCode.CredentialStoreUnavailable), expired.Reason);
        }

        [TestMethod]
        public void While_The_Time_Is_Unknown_Only_Always_Valid_Credentials_Open()
        {
            MemoryFileStore files;
            OfflineCache cache = Loaded(CacheKit.DeviceKey, out files);
            LinkDecision ordinary = Decide(cache, "04A1B2C3", CacheValidity.Unknown);
            Assert.IsFalse(ordinary.Granted);
            Assert.AreEqual(ReasonCodes.Name(ReasonCode.ClockNotSet), ordinary.Reason);
            Assert.IsTrue(Decide(cache, "04A1WAYS", CacheValidity.Unknown).Granted, "an always-valid credential must still open");
        }
    }
}
