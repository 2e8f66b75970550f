using System.IO;
using DoorController.Access;
using DoorController.Core;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>The controller's credential store file: builder, lookup, holders and permissions, sizes, corruption.</summary>
    [TestClass]
    public class CredentialStoreTests
    {
        private static readonly CredentialHasher Hasher = new CredentialHasher(PatentSite.Key);

        private static byte[] Raw(int i)
        {
            return new byte[] { 0x04, (byte)(i >> 24), (byte)(i >> 16), (byte)(i >> 8), (byte)i, 0x80 };
        }

        /// <summary>
        /// <paramref name="count"/> credentials of as many users: every 7th one-time, validity and uses varying with
        /// i % 5 (so five credentials share each profile), users of three attributes, each permitted at one reader.
        /// </summary>
        private static StoreImage Build(int count, byte[] siteConfig)
        {
            InMemoryCredentialDirectory d = new InMemoryCredentialDirectory();
            InMemoryUserDirectory users = new InMemoryUserDirectory();
            InMemoryPermissions permissions = new InMemoryPermissions();
            for (int i = 0; i < count; i++)
            {
                d.Add(Hasher.Hash(CredentialMethod.Nfc, Raw(i)), 1000 + i, CredentialMethod.Nfc, 1700000000 + i % 5, 1800000000 + i % 5,
                      i % 7 == 0 ? CredentialFlags.OneTime : CredentialFlags.None, i % 5);
                User u = users.Add(1000 + i, (UserAttribute)(1 + i % 3));
                u.InviterId = i % 3 == 2 ? 1000 : 0;
                permissions.Add(Permission.ForUser(1000 + i, PermissionTarget.Reader, 1 + i % 2)
                    .During(new TimeWindow[] { TimeWindow.Hours(TimeWindow.Weekdays, 7, 0, 19, 0) }));
            }
            string error;
            StoreImage image = CredentialStoreBuilder.Build(d, users, permissions, siteConfig, out error);
            Assert.IsNotNull(image, error);
            return image;
        }

        private static byte[] Bytes(StoreImage image)
        {
            MemoryStream ms = new MemoryStream();
            image.WriteTo(ms, 7);
            return ms.ToArray();
        }

        private static FileCredentialDirectory Open(byte[] file, int indexEntries)
        {
            return new FileCredentialDirectory(new MemoryStream(file), 0, indexEntries);
        }

        [DataRow(0, 256)]
        [DataRow(1, 256)]
        [DataRow(5, 256)]
        [DataRow(3000, 256)]
        [DataRow(3000, 4)]
        [DataRow(3000, 1)]
        [TestMethod]
        public void Every_Credential_Is_Found_With_Its_Fields_Holder_And_Permissions_And_Others_Are_Not(int count, int indexEntries)
        {
            FileCredentialDirectory store = Open(Bytes(Build(count, null)), indexEntries);
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Status);
            Assert.AreEqual(count, store.Count);
            Assert.AreEqual(7u, store.Generation);
            CredentialInfo info = new CredentialInfo();
            for (int i = 0; i < count; i++)
            {
                byte[] hash = Hasher.Hash(CredentialMethod.Nfc, Raw(i));
                Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(hash, 0, info), "credential " + i);
                Assert.AreEqual(1000 + i, info.UserId);
                Assert.AreEqual(1700000000L + i % 5, info.ValidFromUnix);
                Assert.AreEqual(1800000000L + i % 5, info.ValidToUnix);
                Assert.AreEqual(i % 7 == 0 ? CredentialFlags.OneTime : CredentialFlags.None, info.Flags);
                Assert.AreEqual(i % 5, info.UsesAllowed);
                Assert.AreEqual((int)CredentialMethod.Nfc, (int)info.Method);
                Assert.IsTrue(hash.SequenceEqual(info.Hash), "the full presented hash is returned");
                User holder = store.Holder.Find(1000 + i);
                Assert.AreEqual((int)(1 + i % 3), (int)holder.Attribute);
                Assert.AreEqual(i % 3 == 2 ? 1000 : 0, holder.InviterId);
                Assert.IsTrue(holder.Enabled);
                Permission[] permissions = store.Holder.ForUser(1000 + i);
                Assert.AreEqual(1 + i % 2, permissions[0].TargetId);
                Assert.AreEqual((int)PermissionTarget.Reader, (int)permissions[0].Target);
                Assert.AreEqual(7 * 60, permissions[0].Windows[0].StartMinute);
                Assert.IsNull(permissions[1], "one permission");
            }
            for (int i = count; i < count + 200; i++)
            {
                Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(i)), 0, info));
                Assert.IsNull(store.Holder.Find(1000), "no holder after a miss");
            }
        }

        [TestMethod]
        public void Shared_Profiles_Leave_Twelve_Bytes_Per_Credential()
        {
            StoreImage image = Build(3000, null);
            // 5 validity variants x 2 flag variants x 3 attributes x 2 inviters at most, and 2 permission sets.
            Assert.IsTrue(image.Layout.Profiles <= 60, "profiles: " + image.Layout.Profiles);
            Assert.AreEqual(2, image.Layout.Sets);
            Assert.AreEqual(CredentialStoreFormat.HeaderSize + 3000 * 12 + image.Layout.Profiles * 20 + image.Layout.SetsLength, Bytes(image).Length);
            Assert.IsTrue(Bytes(image).Length < 3000 * 13, "bytes per credential: " + Bytes(image).Length / 3000.0);
        }

        [TestMethod]
        public void The_Holder_Answers_Only_For_The_Last_Credential_Found()
        {
            FileCredentialDirectory store = Open(Bytes(Build(10, null)), 4);
            CredentialInfo info = new CredentialInfo();
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(3)), 0, info));
            Assert.IsNotNull(store.Holder.Find(1003));
            Assert.IsNull(store.Holder.Find(1004), "another user is not on hand");
            Assert.AreEqual(0, store.Holder.ForUser(1004).Length);
            Assert.AreEqual(0, store.Holder.ForGroup(1).Length, "the controller's cache has no groups");
        }

        [TestMethod]
        public void Hash_At_An_Offset_In_A_Larger_Buffer_Is_Found()
        {
            FileCredentialDirectory store = Open(Bytes(Build(50, null)), 8);
            byte[] buffer = new byte[40];
            System.Array.Copy(Hasher.Hash(CredentialMethod.Nfc, Raw(17)), 0, buffer, 9, 16);
            CredentialInfo info = new CredentialInfo();
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(buffer, 9, info));
            Assert.AreEqual(1017, info.UserId);
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)store.Find(buffer, 30, info), "out of range");
        }

        [TestMethod]
        public void Store_Behind_A_Bundle_Header_Is_Read_From_Its_Base_Offset()
        {
            byte[] body = Bytes(Build(100, new byte[] { 9, 9 }));
            byte[] file = new byte[32 + body.Length];
            System.Array.Copy(body, 0, file, 32, body.Length);
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(file), 32, 16);
            CredentialInfo info = new CredentialInfo();
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(42)), 0, info));
            Assert.AreEqual(1042, store.Holder.Find(1042).Id);
            Assert.AreEqual(32L + body.Length - 2, store.SiteConfigPosition);
        }

        [DataRow(0)]      // magic
        [DataRow(4)]      // version
        [DataRow(8)]      // count
        [DataRow(13)]     // hash bytes kept
        [DataRow(20)]     // profile count
        [DataRow(52)]     // records CRC
        [DataRow(60)]     // header CRC
        [DataRow(64)]     // first record
        [DataRow(600)]    // a record in the middle
        [DataRow(-60)]    // a profile
        [DataRow(-10)]    // a permission set
        [DataRow(-1)]     // the site config
        [TestMethod]
        public void A_Flipped_Bit_Anywhere_Makes_Every_Lookup_Deny_As_Corrupt(int position)
        {
            byte[] file = Bytes(Build(100, new byte[] { 1, 2, 3 }));
            file[position >= 0 ? position : file.Length + position] ^= 0x01;
            FileCredentialDirectory store = Open(file, 16);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)store.Status);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)store.Find(Hasher.Hash(CredentialMethod.Nfc, Raw(1)), 0, new CredentialInfo()));
        }

        [DataRow(0)]
        [DataRow(10)]
        [DataRow(63)]
        [DataRow(100)]
        [DataRow(-1)]
        [TestMethod]
        public void A_Truncated_File_Is_Corrupt(int length)
        {
            byte[] full = Bytes(Build(10, null));
            byte[] file = new byte[length >= 0 ? length : full.Length + length];
            System.Array.Copy(full, file, file.Length);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)Open(file, 16).Status);
        }

        [TestMethod]
        public void Records_Out_Of_Order_Or_Naming_A_Missing_Profile_Are_Corrupt_Even_With_Matching_Crcs()
        {
            StoreImage image = Build(10, null);
            byte[] swapped = Copy(image.Records);
            byte[] tmp = new byte[12];
            System.Array.Copy(swapped, 24, tmp, 0, 12);
            System.Array.Copy(swapped, 36, swapped, 24, 12);
            System.Array.Copy(tmp, 0, swapped, 36, 12);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)Open(Rewritten(image, swapped), 4).Status);

            byte[] stray = Copy(image.Records);
            LittleEndian.WriteUInt16(stray, 12 * 5 + 10, (ushort)image.Layout.Profiles);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)Open(Rewritten(image, stray), 4).Status);
        }

        /// <summary>The image's file with other records and both CRCs recomputed, so only the content checks can notice.</summary>
        private static byte[] Rewritten(StoreImage image, byte[] records)
        {
            byte[] header = new byte[CredentialStoreFormat.HeaderSize];
            CredentialStoreFormat.WriteHeader(header, image.Layout, 7, Crc32.Compute(records), Crc32.Compute(image.Tail));
            MemoryStream ms = new MemoryStream();
            ms.Write(header, 0, header.Length);
            ms.Write(records, 0, records.Length);
            ms.Write(image.Tail, 0, image.Tail.Length);
            return ms.ToArray();
        }

        [TestMethod]
        public void Missing_File_Is_Unavailable_And_Decisions_Deny_With_That_Reason()
        {
            MemoryFileStore files = new MemoryFileStore();
            FileCredentialDirectory store = FileCredentialDirectory.Open(files, "cred.bin", 0);
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)store.Status);

            PatentSite s = new PatentSite();
            s.Sources.Credentials = store;
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)d.Reason);
        }

        [TestMethod]
        public void Corrupted_Store_File_Denies_Decisions_With_Store_Corrupt()
        {
            PatentSite s = new PatentSite();
            MemoryFileStore files = new MemoryFileStore();
            CredentialStoreBuilder.WriteFile(files, "cred.bin", s.Store(null), 1);
            byte[] bytes = files.ReadAll("cred.bin");
            bytes[bytes.Length - 3] ^= 0x40;
            files.WriteAll("cred.bin", bytes);

            s.Sources.Credentials = FileCredentialDirectory.Open(files, "cred.bin", 0);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)d.Reason);
        }

        [TestMethod]
        public void Pipeline_Over_The_File_Store_Decides_Like_The_In_Memory_Directory()
        {
            PatentSite s = new PatentSite();
            MemoryFileStore files = new MemoryFileStore();
            CredentialStoreBuilder.WriteFile(files, "cred.bin", s.Store(null), 1);
            Assert.IsFalse(files.Exists("cred.bin.new"), "temporary file replaced");
            s.Sources.Credentials = FileCredentialDirectory.Open(files, "cred.bin", 0);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.ExternalFace, "face:A1", PatentSite.FridayTenJst).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G5, CredentialMethod.Qr, "qr:A1", PatentSite.FridayTenJst + 60).Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)s.Present(PatentSite.G1, CredentialMethod.Nfc, "nope", PatentSite.FridayTenJst + 90).Reason);
        }

        [TestMethod]
        public void Permission_Validity_The_Credential_Implies_Is_Left_Out_So_Guest_Passes_Share_A_Set()
        {
            InMemoryCredentialDirectory d = new InMemoryCredentialDirectory();
            InMemoryUserDirectory users = new InMemoryUserDirectory();
            InMemoryPermissions permissions = new InMemoryPermissions();
            TimeWindow[] allDay = new TimeWindow[] { new TimeWindow(TimeWindow.EveryDay, 0, TimeWindow.MinutesPerDay) };
            const long Day = 86400;
            for (int g = 0; g < 4; g++)
            {
                long from = 1794960000 + g * Day, to = from + 7 * Day;
                users.Add(2000 + g, UserAttribute.Guest);
                // Guest 3's card is marked always valid: its permission's bounds are all that limit it.
                d.Add(Hasher.Hash(CredentialMethod.Qr, Raw(g)), 2000 + g, CredentialMethod.Qr, from, to, g == 3 ? CredentialFlags.AlwaysValid : 0, 0);
                // Guest 2's permission ends a day before the pass: it decides, so it stays.
                permissions.Add(Permission.ForUser(2000 + g, PermissionTarget.Reader, 1).During(allDay).Between(from, g == 2 ? to - Day : to));
            }
            string error;
            StoreImage image = CredentialStoreBuilder.Build(d, users, permissions, null, out error);
            Assert.IsNotNull(image, error);
            Assert.AreEqual(3, image.Layout.Sets, "guests 0 and 1 share one set; guests 2 and 3 keep their bounds");

            FileCredentialDirectory store = Open(Bytes(image), 16);
            CredentialInfo info = new CredentialInfo();
            for (int g = 0; g < 4; g++)
            {
                long from = 1794960000 + g * Day, to = from + 7 * Day;
                Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(Hasher.Hash(CredentialMethod.Qr, Raw(g)), 0, info));
                Assert.AreEqual(from, info.ValidFromUnix, "the credential keeps its own validity");
                Permission p = store.Holder.ForUser(2000 + g)[0];
                Assert.AreEqual(g < 2 ? 0 : from, p.ValidFromUnix, "guest " + g);
                Assert.AreEqual(g < 2 ? 0 : g == 2 ? to - Day : to, p.ValidToUnix, "guest " + g);
            }
        }

        [TestMethod]
        public void Builder_Refuses_What_The_Format_Cannot_Hold()
        {
            byte[] h = Hasher.Hash(CredentialMethod.Nfc, Raw(1));
            byte[] twin = Copy(h);
            twin[15] ^= 0xFF; // differs only beyond the 7 kept bytes
            InMemoryUserDirectory users = new InMemoryUserDirectory();
            users.Add(1, UserAttribute.Employee);
            users.Add(2, UserAttribute.Employee);
            users.Add(0x1000000, UserAttribute.Employee);
            string error;

            InMemoryCredentialDirectory d = new InMemoryCredentialDirectory();
            d.Add(h, 1, CredentialMethod.Nfc, 0, 0, 0, 0);
            d.Add(twin, 2, CredentialMethod.Nfc, 0, 0, 0, 0);
            Assert.IsNull(CredentialStoreBuilder.Build(d, users, null, null, out error));
            Assert.Contains("hash bytes", error);

            Assert.IsNull(CredentialStoreBuilder.Build(One(h, 1, 70000), users, null, null, out error), "uses beyond 65,535");
            Assert.IsNull(CredentialStoreBuilder.Build(One(h, 0x1000000, 0), users, null, null, out error), "user id beyond 24 bits");
            Assert.IsNull(CredentialStoreBuilder.Build(One(h, 3, 0), users, null, null, out error), "holder without a user record");
            Assert.Contains("no user record", error);

            InMemoryPermissions many = new InMemoryPermissions();
            for (int r = 0; r <= PermissionSetFormat.MaxPermissions; r++)
            {
                many.Add(Permission.ForUser(1, PermissionTarget.Reader, r + 1));
            }
            Assert.IsNull(CredentialStoreBuilder.Build(One(h, 1, 0), users, many, null, out error), "more permissions than a set holds");
            InMemoryPermissions windows = new InMemoryPermissions();
            windows.Add(Permission.ForUser(1, PermissionTarget.Reader, 1).During(new TimeWindow[PermissionSetFormat.MaxWindowsPerPermission + 1]));
            Assert.IsNull(CredentialStoreBuilder.Build(One(h, 1, 0), users, windows, null, out error), "more windows than a permission holds");
        }

        private static byte[] Copy(byte[] bytes)
        {
            byte[] copy = new byte[bytes.Length];
            System.Array.Copy(bytes, copy, bytes.Length);
            return copy;
        }

        private static InMemoryCredentialDirectory One(byte[] hash, int user, int uses)
        {
            InMemoryCredentialDirectory d = new InMemoryCredentialDirectory();
            d.Add(hash, user, CredentialMethod.Nfc, 0, 0, uses > 0 ? CredentialFlags.UseCount : 0, uses);
            return d;
        }
    }
}
