using System.Collections;
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

        public static byte[] SiteSection(PatentSite s)
        {
            SiteCacheWriter w = new SiteCacheWriter();
            int[] users = new int[] { PatentSite.Employee, PatentSite.Guard, PatentSite.Guest };
            for (int i = 0; i < users.Length; i++) w.AddUser(s.Users.Find(users[i]));
            object[] areas = s.Site.AreaList();
            for (int i = 0; i < areas.Length; i++) w.AddArea((Area)areas[i]);
            object[] doors = s.Site.Doors();
            for (int i = 0; i < doors.Length; i++) w.AddDoor((DoorInfo)doors[i]);
            object[] readers = s.Site.Readers();
            for (int i = 0; i < readers.Length; i++) w.AddReader((Reader)readers[i]);
            ArrayList permissions = s.Permissions.All();
            for (int i = 0; i < permissions.Count; i++) w.AddPermission((Permission)permissions[i]);
            w.SetTimeZone(new SiteTimeZone());
            return w.ToBytes();
        }

        public static byte[] Body(PatentSite s, byte[] deviceKey, uint version)
        {
            // A maintenance card that must open even while the controller does not know the time.
            s.AddCredential(PatentSite.Employee, DoorController.Access.CredentialMethod.Nfc, "04A1WAYS", 0, 0, DoorController.Access.CredentialFlags.AlwaysValid, 0);
            MemoryStream body = new MemoryStream();
            string error;
            byte[] nonce = new byte[SiteSecrets.NonceLength];
            nonce[0] = (byte)version;
            if (!CacheBody.Write(body, deviceKey, Secrets(), nonce, s.Credentials, SiteSection(s), version, out error))
            {
                throw new System.InvalidOperationException(error);
            }
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
