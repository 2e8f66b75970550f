using System.IO;
using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>The offline cache: the site section of the store file round-trips and drives the same decisions.</summary>
    [TestClass]
    public class SiteCacheTests
    {
        /// <summary>Writes the patent site (credentials + site section) and builds an offline pipeline over the file alone.</summary>
        private static AccessPipeline OfflinePipeline(PatentSite s, out FileCredentialDirectory store, out SiteCache cache)
        {
            SiteCacheWriter w = new SiteCacheWriter();
            int[] userIds = new int[] { PatentSite.Employee, PatentSite.Guard, PatentSite.Guest };
            for (int i = 0; i < userIds.Length; i++)
            {
                w.AddUser(s.Users.Find(userIds[i]));
            }
            object[] areas = s.Site.AreaList();
            for (int i = 0; i < areas.Length; i++) w.AddArea((Area)areas[i]);
            object[] doors = s.Site.Doors();
            for (int i = 0; i < doors.Length; i++) w.AddDoor((DoorInfo)doors[i]);
            object[] readers = s.Site.Readers();
            for (int i = 0; i < readers.Length; i++) w.AddReader((Reader)readers[i]);
            System.Collections.ArrayList permissions = s.Permissions.All();
            for (int i = 0; i < permissions.Count; i++) w.AddPermission((Permission)permissions[i]);
            int[] policyReaders = new int[] { PatentSite.G1, PatentSite.G1X, PatentSite.G3 };
            for (int i = 0; i < policyReaders.Length; i++)
            {
                w.AddPolicy(policyReaders[i], UserAttribute.Guard, s.Policies.Find(policyReaders[i], UserAttribute.Guard));
            }
            w.AddPolicy(PatentSite.G3, UserAttribute.Guest, s.Policies.Find(PatentSite.G3, UserAttribute.Guest));
            w.AddRoute(UserAttribute.Employee, PatentSite.G1, s.EmployeeP1);
            w.AddRoute(UserAttribute.Guest, PatentSite.G3, s.GuestP3);
            w.AddHoliday(CivilDate.DaysFromCivil(2026, 11, 23));
            w.SetTimeZone(new SiteTimeZone());
            w.SetDefaultPolicy(new AccessPolicy());

            MemoryStream file = new MemoryStream();
            string error;
            Assert.IsTrue(CredentialStoreBuilder.Write(file, s.Credentials, w.ToBytes(), 3, out error), error);
            store = new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 64);
            Assert.AreEqual((int)ReasonCode.Granted, (int)SiteCacheReader.Load(store, out cache));

            AccessSources sources = new AccessSources();
            AccessOptions options = new AccessOptions();
            sources.Credentials = store;
            sources.Presence = new InMemoryPresenceStore();
            sources.UseCounter = new UseCounterTable(8);
            cache.Apply(sources, options);
            return new AccessPipeline(sources, options);
        }

        private static AccessDecision Decide(AccessPipeline p, PatentSite s, int reader, CredentialMethod method, string raw, int seconds, DecisionMode mode, Direction direction)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(raw);
            AccessRequest r = new AccessRequest().Set(reader, method, PatentSite.FridayTenJst + seconds, mode, direction);
            s.Hasher.TryHash(method, bytes, 0, bytes.Length, r.CredentialHash, 0);
            return p.Decide(r);
        }

        [TestMethod]
        public void Cached_Site_Decides_The_Patent_Scenarios_Like_The_Server()
        {
            PatentSite s = new PatentSite();
            FileCredentialDirectory store;
            SiteCache cache;
            AccessPipeline p = OfflinePipeline(s, out store, out cache);

            Assert.IsTrue(Decide(p, s, PatentSite.G1, CredentialMethod.ExternalFace, "face:A1", 0, DecisionMode.Online, Direction.Unknown).Allowed);
            AccessDecision d = Decide(p, s, PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", 5, DecisionMode.Online, Direction.Unknown);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual("P1", d.Route.Name);
            Assert.AreEqual(s.EmployeeP1.Targets, d.RouteTargetBits);
            Assert.IsTrue(Decide(p, s, PatentSite.G5, CredentialMethod.Qr, "qr:A1", 60, DecisionMode.Online, Direction.Unknown).Allowed, "QR exit at another gate");

            Assert.IsTrue(Decide(p, s, PatentSite.G1, CredentialMethod.Nfc, "04GUARD1", 0, DecisionMode.Online, Direction.Unknown).Allowed);
            Assert.IsTrue(Decide(p, s, PatentSite.G1, CredentialMethod.Nfc, "04GUARD1", 1, DecisionMode.Online, Direction.Unknown).Allowed, "guard policy survived the cache");
            Assert.IsTrue(Decide(p, s, PatentSite.G3, CredentialMethod.Qr, "qr:guest", 2, DecisionMode.Online, Direction.Exit).Allowed, "guest G3 policy survived the cache");

            d = Decide(p, s, PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", 10, DecisionMode.Offline, Direction.Unknown);
            Assert.IsTrue(d.Allowed);
            Assert.IsTrue(d.PendingRetroCheck);
        }

        [TestMethod]
        public void Cached_Readers_Permissions_Time_Zone_And_Holidays_Round_Trip()
        {
            PatentSite s = new PatentSite();
            FileCredentialDirectory store;
            SiteCache cache;
            OfflinePipeline(s, out store, out cache);
            Reader g1 = cache.Site.FindReader(PatentSite.G1);
            Assert.AreEqual("G1", g1.Name);
            Assert.AreEqual(s.Site.FindReader(PatentSite.G1).MethodMask, g1.MethodMask);
            Assert.IsTrue(g1.HasGeoPosition);
            Assert.AreEqual(35.68120, g1.Latitude);
            Assert.AreEqual((int)ReaderUsage.Ask, (int)cache.Site.FindReader(PatentSite.G3).Usage);
            Assert.AreEqual(PatentSite.Office, cache.Site.FindArea(PatentSite.RoomX7).ParentId);
            Assert.IsTrue(cache.Site.FindDoor(4).HasDoorContact);
            Assert.AreEqual(4000, cache.Site.FindDoor(4).UnlockMilliseconds);
            Assert.AreEqual(1, cache.Permissions.ForGroup(PatentSite.StaffGroup).Length);
            Assert.AreEqual(540, cache.TimeZone.OffsetMinutes);
            Assert.IsTrue(cache.Holidays.IsHoliday(CivilDate.DaysFromCivil(2026, 11, 23)));
            Assert.IsNotNull(cache.DefaultPolicy);
            User guest = cache.Users.Find(PatentSite.Guest);
            Assert.AreEqual((int)UserAttribute.Guest, (int)guest.Attribute);
            Assert.AreEqual(PatentSite.Employee, guest.InviterId);
            Assert.AreEqual(0, guest.GroupIds.Length);
            Assert.AreEqual(PatentSite.StaffGroup, cache.Users.Find(PatentSite.Employee).GroupIds[0]);
            Assert.IsNull(cache.Users.Find(12345));
        }

        [DataRow(1)]
        [DataRow(2000)]
        [TestMethod]
        public void File_User_Directory_Finds_Every_User_And_No_Others(int count)
        {
            SiteCacheWriter w = new SiteCacheWriter();
            for (int i = count - 1; i >= 0; i--)
            {
                User u = new User(10 + i * 3, (UserAttribute)(1 + i % 6));
                u.InviterId = i;
                w.AddUser(u);
            }
            MemoryStream file = new MemoryStream();
            string error;
            Assert.IsTrue(CredentialStoreBuilder.Write(file, new InMemoryCredentialDirectory(), w.ToBytes(), 1, out error), error);
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 16);
            SiteCache cache;
            Assert.AreEqual((int)ReasonCode.Granted, (int)SiteCacheReader.Load(store, out cache));
            Assert.AreEqual(count, cache.Users.Count);
            for (int i = 0; i < count; i++)
            {
                User u = cache.Users.Find(10 + i * 3);
                Assert.IsNotNull(u);
                Assert.AreEqual(i, u.InviterId);
                Assert.AreEqual(1 + i % 6, (int)u.Attribute);
                Assert.IsNull(cache.Users.Find(11 + i * 3));
            }
            Assert.IsNull(cache.Users.Find(0));
            Assert.IsNull(cache.Users.Find(int.MaxValue));
        }

        [TestMethod]
        public void Damaged_Site_Section_Is_Rejected_As_Corrupt()
        {
            SiteCacheWriter w = new SiteCacheWriter();
            w.AddUser(new User(1, UserAttribute.Employee));
            w.AddArea(new Area(1, 0, "building"));
            MemoryStream file = new MemoryStream();
            string error;
            Assert.IsTrue(CredentialStoreBuilder.Write(file, new InMemoryCredentialDirectory(), w.ToBytes(), 1, out error), error);
            byte[] bytes = file.ToArray();
            bytes[bytes.Length - 2] ^= 0x20;
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(bytes), 0, 16);
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Status, "credentials themselves are intact");
            SiteCache cache;
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)SiteCacheReader.Load(store, out cache));
            Assert.IsNull(cache);
        }

        [TestMethod]
        public void Store_Without_Site_Section_Has_No_Cache()
        {
            MemoryStream file = new MemoryStream();
            string error;
            Assert.IsTrue(CredentialStoreBuilder.Write(file, new InMemoryCredentialDirectory(), null, 1, out error), error);
            SiteCache cache;
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)SiteCacheReader.Load(new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 16), out cache));
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)SiteCacheReader.Load(null, out cache));
        }

        [TestMethod]
        public void Long_Names_Are_Cut_At_A_Character_Boundary()
        {
            ByteWriter w = new ByteWriter();
            string longName = new string('\u3042', 100); // 300 UTF-8 bytes
            w.String(longName);
            byte[] bytes = w.ToArray();
            Assert.AreEqual(255, (int)bytes[0]);
            ByteReader r = new ByteReader(bytes, 0, bytes.Length);
            Assert.AreEqual(85, r.String().Length);
            Assert.IsFalse(r.Failed);
        }
    }
}
