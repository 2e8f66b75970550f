using DoorController.Access;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>
    /// Keys limited by their first use (a key valid N minutes after its first use; the one-time key) and the
    /// controller's durable ledger of first uses, online and offline.
    /// </summary>
    [TestClass]
    public class KeyTypeTests
    {
        private const int Cleaner = 600;

        private static PatentSite CleanerSite(int minutes)
        {
            PatentSite s = new PatentSite();
            s.Users.Add(Cleaner, UserAttribute.Contractor);
            s.Permissions.Add(Permission.ForUser(Cleaner, PermissionTarget.Area, PatentSite.Building));
            s.Policies.Set(PatentSite.G2, UserAttribute.Unknown, new AccessPolicy().WithApb(ApbMode.Off, false, false));
            s.AddCredential(Cleaner, CredentialMethod.Pin, "2580", 0, 0, CredentialFlags.ExpiresAfterFirstUse, minutes);
            return s;
        }

        [DataRow(1)]
        [DataRow(2)]
        [TestMethod]
        public void Key_Expires_N_Minutes_After_Its_First_Use_To_The_Second(int mode)
        {
            DecisionMode m = (DecisionMode)mode;
            PatentSite s = CleanerSite(30);
            long first = PatentSite.FridayTenJst;
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Pin, "2580", first, m, Direction.Unknown);
            Assert.IsTrue(d.Allowed);
            Assert.IsTrue(d.FirstUse);
            d = s.Present(PatentSite.G2, CredentialMethod.Pin, "2580", first + 30 * 60, m, Direction.Unknown);
            Assert.IsTrue(d.Allowed);
            Assert.IsFalse(d.FirstUse);
            d = s.Present(PatentSite.G2, CredentialMethod.Pin, "2580", first + 30 * 60 + 1, m, Direction.Unknown);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.ExpiredAfterFirstUse, (int)d.Reason);
            Assert.AreEqual("expired-after-first-use", ReasonCodes.Name(d.Reason));
        }

        [TestMethod]
        public void A_Refused_Attempt_Does_Not_Start_The_Clock()
        {
            PatentSite s = CleanerSite(10);
            // Reader G5 accepts QR only: a PIN there is refused before any first use is recorded.
            Assert.IsFalse(s.Present(PatentSite.G5, CredentialMethod.Pin, "2580", PatentSite.FridayTenJst).Allowed);
            Assert.AreEqual(0, s.KeyUses.Count);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Pin, "2580", PatentSite.FridayTenJst + 3600).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Pin, "2580", PatentSite.FridayTenJst + 3600 + 600).Allowed);
        }

        [TestMethod]
        public void Earliest_Use_Counts_When_An_Offline_First_Use_Arrives_Late()
        {
            // Door A decided offline at 10:00, door B (online, not yet told) at 10:20; A's replay then reaches the
            // server, whose ledger keeps 10:00: the key is over at 10:30, not 10:50.
            PatentSite server = CleanerSite(30);
            long a = PatentSite.FridayTenJst, b = a + 20 * 60;
            Assert.IsTrue(server.Present(PatentSite.G2, CredentialMethod.Pin, "2580", b).Allowed);
            CredentialInfo info = new CredentialInfo();
            server.Credentials.Find(server.Request.CredentialHash, 0, info);
            server.KeyUses.RecordUse(info.Hash, 0, a);
            Assert.AreEqual(a, server.KeyUses.FirstUse(info.Hash, 0));
            server.KeyUses.RecordUse(info.Hash, 0, b + 100);
            Assert.AreEqual(a, server.KeyUses.FirstUse(info.Hash, 0));
            AccessDecision d = server.Present(PatentSite.G2, CredentialMethod.Pin, "2580", a + 30 * 60 + 1);
            Assert.AreEqual((int)ReasonCode.ExpiredAfterFirstUse, (int)d.Reason);
        }

        [TestMethod]
        public void One_Time_Key_Is_Spent_By_Its_First_Use_Online_And_Offline()
        {
            PatentSite s = CleanerSite(30);
            s.AddCredential(Cleaner, CredentialMethod.Pin, "99887766", 0, 0, CredentialFlags.OneTime, 0);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Pin, "99887766", PatentSite.FridayTenJst, DecisionMode.Offline, Direction.Unknown).Allowed);
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Pin, "99887766", PatentSite.FridayTenJst + 5);
            Assert.AreEqual((int)ReasonCode.UsesExhausted, (int)d.Reason);
        }

        [TestMethod]
        public void While_The_Time_Is_Uncertain_A_One_Time_Key_Is_Refused_And_Not_Spent()
        {
            PatentSite s = CleanerSite(30);
            s.AddCredential(Cleaner, CredentialMethod.Pin, "99887766", 0, 0, CredentialFlags.OneTime, 0);
            s.Request.Set(PatentSite.G2, CredentialMethod.Pin, PatentSite.FridayTenJst, DecisionMode.Offline, Direction.Unknown);
            s.Request.TimeUncertain = true;
            byte[] raw = System.Text.Encoding.UTF8.GetBytes("99887766");
            AccessDecision d = s.Pipeline.DecideRaw(s.Request, s.Hasher, raw, 0, raw.Length);
            Assert.AreEqual((int)ReasonCode.ClockNotSet, (int)d.Reason);
            Assert.AreEqual(0, s.KeyUses.Count);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Pin, "99887766", PatentSite.FridayTenJst + 60, DecisionMode.Offline, Direction.Unknown).Allowed);
        }

        [TestMethod]
        public void Without_A_Ledger_Keys_Limited_By_First_Use_Are_Refused()
        {
            PatentSite s = CleanerSite(30);
            s.Sources.KeyUses = null;
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Pin, "2580", PatentSite.FridayTenJst);
            Assert.AreEqual((int)ReasonCode.UsesExhausted, (int)d.Reason);
        }

        [TestMethod]
        public void Offline_First_Use_Survives_A_Restart_Through_The_Key_Use_File()
        {
            MemoryFileStore files = new MemoryFileStore();
            PatentSite before = CleanerSite(30);
            before.Sources.KeyUses = KeyUseFile.Open(files, KeyUseFile.DefaultName, 8);
            before.AddCredential(Cleaner, CredentialMethod.Pin, "99887766", 0, 0, CredentialFlags.OneTime, 0);
            long t = PatentSite.FridayTenJst;
            Assert.IsTrue(before.Present(PatentSite.G2, CredentialMethod.Pin, "2580", t, DecisionMode.Offline, Direction.Unknown).Allowed);
            Assert.IsTrue(before.Present(PatentSite.G2, CredentialMethod.Pin, "99887766", t, DecisionMode.Offline, Direction.Unknown).Allowed);

            PatentSite after = CleanerSite(30); // power cycle: new pipeline, same flash
            after.AddCredential(Cleaner, CredentialMethod.Pin, "99887766", 0, 0, CredentialFlags.OneTime, 0);
            KeyUseFile reopened = KeyUseFile.Open(files, KeyUseFile.DefaultName, 8);
            Assert.AreEqual(2, reopened.Count);
            after.Sources.KeyUses = reopened;
            Assert.AreEqual((int)ReasonCode.UsesExhausted,
                (int)after.Present(PatentSite.G2, CredentialMethod.Pin, "99887766", t + 60, DecisionMode.Offline, Direction.Unknown).Reason);
            Assert.AreEqual((int)ReasonCode.ExpiredAfterFirstUse,
                (int)after.Present(PatentSite.G2, CredentialMethod.Pin, "2580", t + 31 * 60, DecisionMode.Offline, Direction.Unknown).Reason);
        }

        [TestMethod]
        public void Damaged_Key_Use_File_Starts_Empty_And_Is_Rewritten()
        {
            MemoryFileStore files = new MemoryFileStore();
            KeyUseFile f = KeyUseFile.Open(files, KeyUseFile.DefaultName, 4);
            byte[] hash = new byte[CredentialHasher.HashLength];
            hash[0] = 7;
            f.RecordUse(hash, 0, PatentSite.FridayTenJst);
            byte[] image = files.ReadAll(KeyUseFile.DefaultName);
            Assert.AreEqual(8 + 24 + 4, image.Length);
            image[10] ^= 0x40;
            files.WriteAll(KeyUseFile.DefaultName, image);
            KeyUseFile damaged = KeyUseFile.Open(files, KeyUseFile.DefaultName, 4);
            Assert.AreEqual(0, damaged.Count);
            damaged.RecordUse(hash, 0, PatentSite.FridayTenJst + 1);
            Assert.AreEqual(PatentSite.FridayTenJst + 1, KeyUseFile.Open(files, KeyUseFile.DefaultName, 4).FirstUse(hash, 0));
        }

        [TestMethod]
        public void Full_Table_Replaces_The_Oldest_First_Use()
        {
            KeyUseTable t = new KeyUseTable(2);
            byte[] a = new byte[16], b = new byte[16], c = new byte[16];
            a[0] = 1;
            b[0] = 2;
            c[0] = 3;
            t.RecordUse(a, 0, 2000);
            t.RecordUse(b, 0, 1000);
            t.RecordUse(c, 0, 3000);
            Assert.AreEqual(2, t.Count);
            Assert.AreEqual(0L, t.FirstUse(b, 0));
            Assert.AreEqual(2000L, t.FirstUse(a, 0));
            Assert.AreEqual(3000L, t.FirstUse(c, 0));
        }

        [TestMethod]
        public void Key_Flags_And_Minutes_Survive_The_Store_File()
        {
            PatentSite s = CleanerSite(45);
            MemoryFileStore files = new MemoryFileStore();
            CredentialStoreBuilder.WriteFile(files, "c.bin", s.Store(null), 1);
            FileCredentialDirectory store = FileCredentialDirectory.Open(files, "c.bin", 0);
            CredentialInfo info = new CredentialInfo();
            byte[] hash = s.Hasher.Hash(CredentialMethod.Pin, System.Text.Encoding.UTF8.GetBytes("2580"));
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(hash, 0, info));
            Assert.AreEqual(CredentialFlags.ExpiresAfterFirstUse, info.Flags);
            Assert.AreEqual(45, info.UsesAllowed);
        }
    }
}
