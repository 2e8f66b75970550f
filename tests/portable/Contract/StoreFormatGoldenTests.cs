using System.IO;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Core;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Contract
{
    /// <summary>
    /// Golden bytes of the cache formats the server builds and the controller reads (docs/cache.md): the credential
    /// store file (format 2, "DCS2": 12-byte records, shared profiles, flattened permission sets, site config) and a
    /// delta (format 2, "DCD2"). A change to either format changes these bytes: bump the format and update both sides.
    /// </summary>
    [TestClass]
    public class StoreFormatGoldenTests
    {
        private const string StoreHex =
            // header: "DCS2", format 2, 64-byte header, 3 credentials, 12-byte records of 7 hash bytes, 20-byte profiles,
            // generation 42, 3 profiles, 2 permission sets, offsets, lengths and CRCs
            "4443533202004000030000000c0714002a00000003000000020000004000000064000000a000000030000000d0000000560000009e81a079e3827b12fc0f6974"
            // records: 7 hash bytes, user 70001/70002 (3 bytes), profile index (2 bytes), sorted
            + "25303b46515c6771110100004a55606b76818c71110101006f7a85909ba6b17211010200"
            // profiles: validity, method, flags, uses, attribute, holder flags, permission set, inviter
            + "0000000000000000010000000101000000000000000000000000000005000000010100000000000080eafc6aff3bfe6a030201000301010071110100"
            // permission sets: two offsets, then the sets (reader 3 weekdays 07:00-19:00; reader 3 every day)
            + "00000000140000000101030000000000000000000000013ea40174040101030000000000000000000000017f0000a005"
            // site config: one door, one reader (no card + PIN rule: 0 seconds, no windows), time zone
            + "020a000100000001b80b000000033e0003000000010000002a00000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000805001c02000000";
        private const string DeltaHex =
            // "DCD2", format 2, nothing removed, one record upserted, the tail kept, generation 43, the new card
            "44434432020000000000000001000000000000002b000000" + "949faab5c0cbd67111010000";

        private static byte[] Hash(int seed)
        {
            byte[] h = new byte[32];
            for (int i = 0; i < h.Length; i++)
            {
                h[i] = (byte)(seed * 37 + i * 11);
            }
            return h;
        }

        /// <summary>An employee with an NFC card and a PIN (weekdays 07:00-19:00 at reader 3), a guest she invited with
        /// a one-time QR code valid for a day (reader 3 at any time), one reader on one door.</summary>
        private static StoreImage Site(bool secondCard, StoreImage previous)
        {
            InMemoryCredentialDirectory credentials = new InMemoryCredentialDirectory();
            InMemoryUserDirectory users = new InMemoryUserDirectory();
            InMemoryPermissions permissions = new InMemoryPermissions();
            users.Add(70001, UserAttribute.Employee);
            users.Add(70002, UserAttribute.Guest).InviterId = 70001;
            credentials.Add(Hash(1), 70001, CredentialMethod.Nfc, 0, 0, CredentialFlags.None, 0);
            credentials.Add(Hash(2), 70001, CredentialMethod.Pin, 0, 0, CredentialFlags.None, 0);
            credentials.Add(Hash(3), 70002, CredentialMethod.Qr, 1794960000, 1795046399, CredentialFlags.OneTime, 1);
            if (secondCard)
            {
                credentials.Add(Hash(4), 70001, CredentialMethod.Nfc, 0, 0, CredentialFlags.None, 0);
            }
            permissions.Add(Permission.ForUser(70001, PermissionTarget.Reader, 3)
                .During(new TimeWindow[] { TimeWindow.Hours(TimeWindow.Weekdays, 7, 0, 19, 0) }));
            permissions.Add(Permission.ForUser(70002, PermissionTarget.Reader, 3)
                .During(new TimeWindow[] { TimeWindow.Hours(TimeWindow.EveryDay, 0, 0, 24, 0) }));
            SiteCacheWriter site = new SiteCacheWriter();
            site.AddDoor(new DoorInfo(1, "", true, 3000));
            Reader reader = new Reader();
            reader.Id = 3;
            reader.DoorId = 1;
            reader.Usage = ReaderUsage.Entry;
            reader.MethodMask = Reader.MethodBit(CredentialMethod.Nfc) | Reader.MethodBit(CredentialMethod.Pin) | Reader.MethodBit(CredentialMethod.Qr);
            site.AddReader(reader);
            site.SetTimeZone(new SiteTimeZone());
            string error;
            StoreImage image = CredentialStoreBuilder.Build(credentials, users, permissions, site.ToBytes(), previous, out error);
            Assert.IsNotNull(image, error);
            return image;
        }

        [TestMethod]
        public void Store_File_Bytes_Are_The_Format()
        {
            MemoryStream file = new MemoryStream();
            StoreImage image = Site(false, null);
            image.WriteTo(file, 42);
            byte[] bytes = file.ToArray();
            Assert.AreEqual(StoreHex, Hex.Encode(bytes));
            Assert.AreEqual(CredentialStoreFormat.HeaderSize + 3 * CredentialStoreFormat.RecordSize + image.Tail.Length, bytes.Length);

            // ... and the controller reads them back.
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(bytes), 0, 4);
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Status);
            CredentialInfo info = new CredentialInfo();
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(Hash(3), 0, info));
            Assert.AreEqual(70002, info.UserId);
            Assert.AreEqual(1795046399L, info.ValidToUnix);
            Assert.AreEqual(CredentialFlags.OneTime, info.Flags);
        }

        [TestMethod]
        public void Delta_Bytes_Are_The_Format()
        {
            StoreImage installed = Site(false, null);
            StoreImage current = Site(true, installed);
            MemoryStream delta = new MemoryStream();
            Assert.AreEqual(1, CacheDelta.Write(delta, installed, current, 43));
            Assert.AreEqual(DeltaHex, Hex.Encode(delta.ToArray()));
        }
    }
}
