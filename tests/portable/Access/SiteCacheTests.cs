using System.IO;
using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>The offline cache: the store's site config round-trips and, with the store's holders, drives the same decisions.</summary>
    [TestClass]
    public class SiteCacheTests
    {
        private static byte[] SiteConfig(PatentSite s)
        {
            SiteCacheWriter w = new SiteCacheWriter();
            object[] areas = s.Site.AreaList();
            for (int i = 0; i < areas.Length; i++) w.AddArea((Area)areas[i]);
            object[] doors = s.Site.Doors();
            for (int i = 0; i < doors.Length; i++) w.AddDoor((DoorInfo)doors[i]);
            object[] readers = s.Site.Readers();
            for (int i = 0; i < readers.Length; i++) w.AddReader((Reader)readers[i]);
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
            return w.ToBytes();
        }

        private static FileCredentialDirectory OpenStore(StoreImage image)
        {
            MemoryStream file = new MemoryStream();
            image.WriteTo(file, 3);
            return new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 64);
        }

        /// <summary>Writes the patent site as a controller's store and builds an offline pipeline over the file alone.</summary>
        private static AccessPipeline OfflinePipeline(PatentSite s, out FileCredentialDirectory store, out SiteCache cache)
        {
            store = OpenStore(s.Store(SiteConfig(s)));
            Assert.AreEqual((int)ReasonCode.Granted, (int)SiteCacheReader.Load(store, out cache));
            AccessSources sources = new AccessSources();
            AccessOptions options = new AccessOptions();
            sources.Credentials = store;
            sources.Presence = new RecentPresence(8);
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
            Assert.AreEqual(s.EmployeeP1.Id, d.Route.Id);
            Assert.AreEqual(s.EmployeeP1.Targets, d.RouteTargetBits);
            Assert.IsTrue(Decide(p, s, PatentSite.G5, CredentialMethod.Qr, "qr:A1", 60, DecisionMode.Online, Direction.Unknown).Allowed, "QR exit at another gate");

            Assert.IsTrue(Decide(p, s, PatentSite.G1, CredentialMethod.Nfc, "04GUARD1", 0, DecisionMode.Online, Direction.Unknown).Allowed);
            Assert.IsTrue(Decide(p, s, PatentSite.G1, CredentialMethod.Nfc, "04GUARD1", 1, DecisionMode.Online, Direction.Unknown).Allowed, "guard policy survived the cache");
            Assert.IsTrue(Decide(p, s, PatentSite.G3, CredentialMethod.Qr, "qr:guest", 2, DecisionMode.Online, Direction.Exit).Allowed, "guest G3 policy survived the cache");
            Assert.AreEqual(PatentSite.Employee, Decide(p, s, PatentSite.G3, CredentialMethod.Qr, "qr:guest", 3, DecisionMode.Online, Direction.Entry).InviterId,
                "the guest's inviter came with the holder");

            d = Decide(p, s, PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", 10, DecisionMode.Offline, Direction.Unknown);
            Assert.IsTrue(d.Allowed);
            Assert.IsTrue(d.PendingRetroCheck);
        }

        [TestMethod]
        public void Group_Permissions_Are_Flattened_Into_Each_Holders_Set()
        {
            PatentSite s = new PatentSite();
            FileCredentialDirectory store;
            SiteCache cache;
            AccessPipeline p = OfflinePipeline(s, out store, out cache);
            Assert.IsTrue(Decide(p, s, PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", 0, DecisionMode.Offline, Direction.Unknown).Allowed,
                "the employee's staff-group permission reached the controller without groups");
            Permission[] held = cache.Holder.ForUser(PatentSite.Employee);
            Assert.AreEqual((int)PermissionTarget.Area, (int)held[0].Target);
            Assert.AreEqual(PatentSite.Building, held[0].TargetId);
            Assert.AreEqual(0, cache.Holder.Find(PatentSite.Employee).GroupIds.Length);
        }

        [TestMethod]
        public void Cached_Readers_Doors_Areas_Time_Zone_And_Holidays_Round_Trip()
        {
            PatentSite s = new PatentSite();
            FileCredentialDirectory store;
            SiteCache cache;
            OfflinePipeline(s, out store, out cache);
            Reader g1 = cache.Site.FindReader(PatentSite.G1);
            Assert.IsNull(g1.Name, "names stay on the server");
            Assert.AreEqual(s.Site.FindReader(PatentSite.G1).MethodMask, g1.MethodMask);
            Assert.IsTrue(g1.HasGeoPosition);
            Assert.AreEqual(35.68120, g1.Latitude);
            Assert.AreEqual((int)ReaderUsage.Ask, (int)cache.Site.FindReader(PatentSite.G3).Usage);
            Assert.AreEqual(PatentSite.Office, cache.Site.FindArea(PatentSite.RoomX7).ParentId);
            Assert.IsTrue(cache.Site.FindDoor(4).HasDoorContact);
            Assert.AreEqual(4000, cache.Site.FindDoor(4).UnlockMilliseconds);
            Assert.AreEqual(540, cache.TimeZone.OffsetMinutes);
            Assert.IsTrue(cache.Holidays.IsHoliday(CivilDate.DaysFromCivil(2026, 11, 23)));
            Assert.IsNotNull(cache.DefaultPolicy);
            Assert.AreEqual(s.GuestP3.Targets, cache.Routes.Find(UserAttribute.Guest, PatentSite.G3).Targets);
        }

        [TestMethod]
        public void A_Config_Over_The_Ram_Caps_Is_Neither_Written_Nor_Loaded()
        {
            SiteCacheWriter w = new SiteCacheWriter();
            for (int i = 0; i <= SiteCacheFormat.MaxReaders; i++)
            {
                w.AddReader(new Reader { Id = i + 1, Name = "r" + i });
            }
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => { w.ToBytes(); });

            // A forged config (the server never writes one) is refused by the controller too.
            ByteWriter forged = new ByteWriter();
            for (int i = 0; i <= SiteCacheFormat.MaxHolidays; i++)
            {
                forged.Byte(SiteCacheFormat.TagHoliday);
                forged.UInt16(4);
                forged.Int32(20000 + i);
            }
            SiteCache cache;
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)SiteCacheReader.Load(OpenStore(new PatentSite().Store(forged.ToArray())), out cache));
            Assert.IsNull(cache);
        }

        [TestMethod]
        public void Damaged_Site_Config_Is_Rejected_As_Corrupt()
        {
            SiteCacheWriter w = new SiteCacheWriter();
            w.AddArea(new Area(1, 0, "building"));
            byte[] config = w.ToBytes();
            config[0] = SiteCacheFormat.TagArea;
            config[1] = 0xFF; // an entry longer than the config
            SiteCache cache;
            FileCredentialDirectory store = OpenStore(new PatentSite().Store(config));
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Status, "the file itself is intact");
            Assert.AreEqual((int)ReasonCode.CredentialStoreCorrupt, (int)SiteCacheReader.Load(store, out cache));
            Assert.IsNull(cache);
        }

        [TestMethod]
        public void Store_Without_Site_Config_Has_No_Cache()
        {
            SiteCache cache;
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)SiteCacheReader.Load(OpenStore(new PatentSite().Store(null)), out cache));
            Assert.AreEqual((int)ReasonCode.CredentialStoreUnavailable, (int)SiteCacheReader.Load(null, out cache));
        }

        [TestMethod]
        public void Long_Names_Are_Cut_At_A_Character_Boundary()
        {
            ByteWriter w = new ByteWriter();
            string longName = new string('\u3042', 100); // 300 UTF-8 bytes
            w.String(longName, 32);
            byte[] bytes = w.ToArray();
            Assert.AreEqual(30, (int)bytes[0], "32 bytes would split the 11th character");
            ByteReader r = new ByteReader(bytes, 0, bytes.Length);
            Assert.AreEqual(10, r.String().Length);
            Assert.IsFalse(r.Failed);
        }
    }
}
