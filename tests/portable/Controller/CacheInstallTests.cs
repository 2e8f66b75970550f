using System.Text;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Controller;
using DoorController.Link.Bundles;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>
    /// Installing bundles into the cache the controller is deciding from, on flash that behaves like the ESP32's
    /// LittleFS (<see cref="SimulatedFlashStore"/>: an open file can be neither renamed nor deleted, nothing is
    /// durable before it is closed): the link must get the store closed before it swaps the file, then reopen it.
    /// </summary>
    [TestClass]
    public class CacheInstallTests
    {
        private static BundleStatus Install(BundleAssembler link, BundleInfo info, byte[] body)
        {
            byte[][] chunks = BundleChunk.Split(CacheKit.DeviceKey, info, body);
            BundleStatus last = BundleStatus.Malformed;
            for (int i = 0; i < chunks.Length; i++)
            {
                last = link.Accept(chunks[i]);
            }
            return last;
        }

        private static BundleInfo Full(uint version)
        {
            BundleInfo info = new BundleInfo();
            info.Kind = BundleKind.Full;
            info.ContentType = 1;
            info.Version = version;
            info.IssuedAt = PatentSite.FridayTenJst;
            info.MaxOfflineSeconds = 7 * 24 * 3600;
            return info;
        }

        private static bool Knows(OfflineCache cache, PatentSite site, CredentialMethod method, string raw)
        {
            CredentialInfo found = new CredentialInfo();
            return cache.Pipeline != null
                && cache.Pipeline.Sources.Credentials.Find(site.Hasher.Hash(method, Encoding.UTF8.GetBytes(raw)), 0, found) == ReasonCode.Granted;
        }

        [TestMethod]
        public void A_New_Bundle_Replaces_The_Cache_File_The_Controller_Holds_Open()
        {
            SimulatedFlashStore flash = new SimulatedFlashStore(5);
            OfflineCache cache = new OfflineCache(flash, CacheKit.DeviceKey, new AccessOptions(), new ManualClock());
            BundleAssembler link = new BundleAssembler(flash, CacheKit.DeviceKey, cache);
            link.Load();
            PatentSite before = new PatentSite();
            StoreImage installed = CacheKit.Store(before);
            Assert.AreEqual((int)BundleStatus.Installed, (int)Install(link, Full(5), CacheKit.Body(installed, CacheKit.DeviceKey, 5)), link.LastError);
            Assert.IsTrue(Knows(cache, before, CredentialMethod.Nfc, "04GUARD1"));

            PatentSite after = new PatentSite();
            after.AddCredential(PatentSite.Guest, CredentialMethod.Nfc, "04NEW001", 0, 0, CredentialFlags.None, 0);
            StoreImage next = CacheKit.Store(after, installed);
            Assert.AreEqual((int)BundleStatus.Installed, (int)Install(link, Full(6), CacheKit.Body(next, CacheKit.DeviceKey, 6)), link.LastError);
            Assert.AreEqual(6u, cache.Version);
            Assert.IsTrue(Knows(cache, after, CredentialMethod.Nfc, "04NEW001"), "the new store is the one deciding");

            BundleInfo delta = Full(7);
            delta.Kind = BundleKind.Delta;
            delta.BaseVersion = 6;
            PatentSite third = new PatentSite();
            StoreImage last = CacheKit.Store(third, next);
            System.IO.MemoryStream body = new System.IO.MemoryStream();
            CacheDelta.Write(body, next, last, 7);
            Assert.AreEqual((int)BundleStatus.Installed, (int)Install(link, delta, body.ToArray()), link.LastError);
            Assert.AreEqual(7u, cache.Version);
            Assert.IsFalse(Knows(cache, third, CredentialMethod.Nfc, "04NEW001"), "the delta removed the card");
            Assert.IsTrue(Knows(cache, third, CredentialMethod.Nfc, "04GUARD1"));
        }
    }
}
