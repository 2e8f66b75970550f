using System.IO;
using System.Text;
using DoorController.Access;
using DoorController.Link.Bundles;
using DoorController.Tests.Support;
using DoorController.Contract;

namespace DoorController.Tests.Controller
{
    /// <summary>Builds installed caches the way the server's bundle and the link's install produce them.</summary>
    public static class CacheKit
    {
        public static readonly byte[] DeviceKey = Encoding.UTF8.GetBytes("device-key-of-controller-door-12");

        public static SiteSecrets Secrets()
        {
            SiteSecrets s = new SiteSecrets();
            System.Array.Copy(PatentSite.Key, s.CredentialKey, SiteSecrets.KeyLength);
            for (int i = 0; i < SiteSecrets.KeyLength; i++)
            {
                s.TokenKey[i] = (byte)(0xA0 + i);
            }
            return s;
        }

        public static byte[] SiteConfig(PatentSite s)
        {
            SiteCacheWriter w = new SiteCacheWriter();
            object[] areas = s.Site.AreaList();
            for (int i = 0; i < areas.Length; i++) w.AddArea((Area)areas[i]);
            object[] doors = s.Site.Doors();
            for (int i = 0; i < doors.Length; i++) w.AddDoor((DoorInfo)doors[i]);
            object[] readers = s.Site.Readers();
            for (int i = 0; i < readers.Length; i++) w.AddReader((Reader)readers[i]);
            w.SetTimeZone(new SiteTimeZone());
            return w.ToBytes();
        }

        /// <summary>The site's store (with a maintenance card that must open even while the controller does not know the time).</summary>
        public static StoreImage Store(PatentSite s)
        {
            return Store(s, null);
        }

        /// <summary>As <see cref="Store(PatentSite)"/>, numbered after <paramref name="previous"/> as the server does for a controller holding it.</summary>
        public static StoreImage Store(PatentSite s, StoreImage previous)
        {
            s.AddCredential(PatentSite.Employee, DoorController.Access.CredentialMethod.Nfc, "04A1WAYS", 0, 0, DoorController.Access.CredentialFlags.AlwaysValid, 0);
            return s.Store(SiteConfig(s), previous);
        }

        public static byte[] Body(PatentSite s, byte[] deviceKey, uint version)
        {
            return Body(Store(s), deviceKey, version);
        }

        public static byte[] Body(StoreImage store, byte[] deviceKey, uint version)
        {
            MemoryStream body = new MemoryStream();
            byte[] nonce = new byte[SiteSecrets.NonceLength];
            nonce[0] = (byte)version;
            CacheBody.Write(body, deviceKey, Secrets(), nonce, store, version);
            return body.ToArray();
        }

        /// <summary>Installs <paramref name="body"/> as cache.bin, as the link does after a verified bundle.</summary>
        public static void Install(MemoryFileStore files, byte[] body, uint version, long issuedAt)
        {
            BundleInfo info = new BundleInfo();
            info.Kind = BundleKind.Full;
            info.ContentType = 1;
            info.Version = version;
            info.BodyLength = body.Length;
            info.IssuedAt = issuedAt;
            info.MaxOfflineSeconds = 7 * 24 * 3600;
            MemoryStream file = new MemoryStream();
            CacheFile.WriteHeader(file, info, DoorController.Core.Crc32.Compute(body));
            file.Seek(CacheFile.BodyOffset, SeekOrigin.Begin);
            file.Write(body, 0, body.Length);
            files.WriteAll(CacheFile.Name, file.ToArray());
        }
    }
}
