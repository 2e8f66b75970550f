using System.IO;
using DoorController.Access;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>
    /// First-person-in (office mode) in the decision core: a designated person's entry during the door's window asks
    /// the door to stay unlocked to the window's end; nobody else's, no exit, no denied request, no uncertain clock.
    /// Online and offline alike; through the site cache.
    /// </summary>
    [TestClass]
    public class OfficeModeTests
    {
        private const long Hour = 3600;

        /// <summary>Office door G2 with office hours on weekdays 08:00-18:00 (JST); the employee is designated.</summary>
        private static PatentSite OfficeHours()
        {
            PatentSite s = new PatentSite();
            s.Policies.Set(PatentSite.G2, UserAttribute.Unknown, new AccessPolicy().WithApb(ApbMode.Off, false, false));
            s.Policies.Set(PatentSite.G2X, UserAttribute.Unknown, new AccessPolicy().WithApb(ApbMode.Off, false, false));
            s.Site.FindDoor(2).OfficeModeWindows = new TimeWindow[] { TimeWindow.Hours(TimeWindow.Weekdays, 8, 0, 18, 0) };
            s.Users.Find(PatentSite.Employee).OfficeModeHolder = true;
            return s;
        }

        [DataRow(1)]
        [DataRow(2)]
        [TestMethod]
        public void A_Designated_Entry_In_The_Window_Holds_The_Door_To_The_Windows_End(int mode)
        {
            PatentSite s = OfficeHours();
            // Friday 10:00:30 JST: 7 h 59 min 30 s to 18:00.
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst + 30, (DecisionMode)mode, Direction.Unknown);
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual((int)ReasonCode.Granted, (int)d.Reason);
            Assert.AreEqual((int)Direction.Entry, (int)d.Direction);
            Assert.AreEqual((8 * Hour - 30) * 1000, d.OfficeModeMilliseconds);
        }

        [TestMethod]
        public void Nobody_Else_No_Exit_And_Nothing_Outside_The_Window_Starts_It()
        {
            PatentSite s = OfficeHours();
            AccessDecision guard = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04GUARD1", PatentSite.FridayTenJst);
            Assert.IsTrue(guard.Allowed);
            Assert.AreEqual(0L, guard.OfficeModeMilliseconds, "the guard is not designated");

            AccessDecision exit = s.Present(PatentSite.G2X, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst + 60);
            Assert.IsTrue(exit.Allowed);
            Assert.AreEqual((int)Direction.Exit, (int)exit.Direction);
            Assert.AreEqual(0L, exit.OfficeModeMilliseconds, "leaving never opens the office");

            AccessDecision early = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst - 3 * Hour);
            Assert.IsTrue(early.Allowed);
            Assert.AreEqual(0L, early.OfficeModeMilliseconds, "07:00 is before the window");

            AccessDecision saturday = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst + 24 * Hour);
            Assert.IsTrue(saturday.Allowed);
            Assert.AreEqual(0L, saturday.OfficeModeMilliseconds, "weekdays only");

            AccessDecision otherDoor = OfficeHours().Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsTrue(otherDoor.Allowed);
            Assert.AreEqual(0L, otherDoor.OfficeModeMilliseconds, "the gate has no office-mode window");
        }

        [TestMethod]
        public void A_Denied_Designated_Person_Starts_Nothing()
        {
            PatentSite s = OfficeHours();
            s.Users.Find(PatentSite.Employee).Enabled = false;
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.UserDisabled, (int)d.Reason);
            Assert.AreEqual(0L, d.OfficeModeMilliseconds);
        }

        [TestMethod]
        public void Without_Trusted_Time_An_Always_Valid_Holder_Enters_But_Office_Mode_Does_Not_Start()
        {
            PatentSite s = OfficeHours();
            s.AddCredential(PatentSite.Employee, CredentialMethod.Pin, "424242", 0, 0, CredentialFlags.AlwaysValid, 0);
            s.Request.Set(PatentSite.G2, CredentialMethod.Pin, PatentSite.FridayTenJst, DecisionMode.Offline, Direction.Unknown);
            s.Request.TimeUncertain = true;
            byte[] raw = System.Text.Encoding.UTF8.GetBytes("424242");
            AccessDecision d = s.Pipeline.DecideRaw(s.Request, s.Hasher, raw, 0, raw.Length);
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual(0L, d.OfficeModeMilliseconds, "the window cannot be judged without the time");
        }

        [TestMethod]
        public void A_Window_Across_Midnight_Runs_To_The_Next_Morning_And_Overlaps_Take_The_Latest_End()
        {
            TimeWindow[] windows = { TimeWindow.Hours(TimeWindow.EveryDay, 22, 0, 6, 0), TimeWindow.Hours(TimeWindow.EveryDay, 23, 0, 2, 0) };
            int friday = 1 << 5;
            int saturday = 1 << 6;
            Assert.AreEqual(8 * 60, OfficeModeCheck.MinutesLeft(windows, friday, 1 << 4, 22 * 60));
            Assert.AreEqual(7 * 60, OfficeModeCheck.MinutesLeft(windows, friday, 1 << 4, 23 * 60), "the later end wins");
            Assert.AreEqual(60, OfficeModeCheck.MinutesLeft(windows, saturday, friday, 5 * 60));
            Assert.AreEqual(0, OfficeModeCheck.MinutesLeft(windows, saturday, friday, 6 * 60));
            Assert.AreEqual(0, OfficeModeCheck.MinutesLeft(null, saturday, friday, 6 * 60));
        }

        [TestMethod]
        public void Windows_And_Designation_Travel_In_The_Controllers_Cache()
        {
            PatentSite s = OfficeHours();
            SiteCacheWriter w = new SiteCacheWriter();
            w.AddDoor(s.Site.FindDoor(2));
            w.AddDoor(s.Site.FindDoor(1));
            MemoryStream file = new MemoryStream();
            s.Store(w.ToBytes()).WriteTo(file, 1);
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 64);
            SiteCache cache;
            Assert.AreEqual((int)ReasonCode.Granted, (int)SiteCacheReader.Load(store, out cache));
            TimeWindow[] windows = cache.Site.FindDoor(2).OfficeModeWindows;
            Assert.AreEqual(1, windows.Length);
            Assert.AreEqual(TimeWindow.Weekdays, windows[0].DaysMask);
            Assert.AreEqual(8 * 60, windows[0].StartMinute);
            Assert.AreEqual(18 * 60, windows[0].EndMinute);
            Assert.IsNull(cache.Site.FindDoor(1).OfficeModeWindows);

            CredentialInfo info = new CredentialInfo();
            byte[] hash = s.Hasher.Hash(CredentialMethod.Nfc, System.Text.Encoding.UTF8.GetBytes("04A1B2C3"));
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(hash, 0, info));
            Assert.IsTrue(store.Holder.Find(info.UserId).OfficeModeHolder);
            byte[] guard = s.Hasher.Hash(CredentialMethod.Nfc, System.Text.Encoding.UTF8.GetBytes("04GUARD1"));
            Assert.AreEqual((int)ReasonCode.Granted, (int)store.Find(guard, 0, info));
            Assert.IsFalse(store.Holder.Find(info.UserId).OfficeModeHolder);
        }
    }
}
