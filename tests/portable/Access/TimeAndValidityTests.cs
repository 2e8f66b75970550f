using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>S113: weekly windows in site time (incl. crossing midnight and holidays), validity to the second.</summary>
    [TestClass]
    public class TimeAndValidityTests
    {
        /// <summary>Unix time of a JST wall-clock moment.</summary>
        private static long Jst(int year, int month, int day, int hour, int minute, int second)
        {
            return CivilDate.DaysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second - 9 * 3600L;
        }

        private static PatentSite NightShiftSite()
        {
            PatentSite s = new PatentSite();
            s.AddCredential(500, CredentialMethod.Nfc, "night", 0, 0, CredentialFlags.None, 0);
            s.Users.Add(500, UserAttribute.Contractor);
            // Friday 22:00 to Saturday 06:00 only.
            s.Permissions.Add(Permission.ForUser(500, PermissionTarget.Reader, PatentSite.G1)
                .During(new TimeWindow[] { TimeWindow.Hours(1 << 5, 22, 0, 6, 0) }));
            return s;
        }

        // 2026-11-20 is a Friday, 2026-11-21 a Saturday.
        [DataRow(20, 21, 59, 59, false)]
        [DataRow(20, 22, 0, 0, true)]
        [DataRow(20, 23, 59, 59, true)]
        [DataRow(21, 0, 0, 0, true)]
        [DataRow(21, 5, 59, 59, true)]
        [DataRow(21, 6, 0, 0, false)]
        [DataRow(21, 22, 30, 0, false)]
        [DataRow(20, 5, 0, 0, false)]
        [TestMethod]
        public void Window_Crossing_Midnight_Covers_The_Early_Morning_Of_The_Next_Day_Only(int day, int hour, int minute, int second, bool allowed)
        {
            PatentSite s = NightShiftSite();
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "night", Jst(2026, 11, day, hour, minute, second));
            Assert.AreEqual(allowed, d.Allowed);
            if (!allowed)
            {
                Assert.AreEqual((int)ReasonCode.OutsideTimeWindow, (int)d.Reason);
            }
        }

        [DataRow(9, 0, 0, true)]
        [DataRow(8, 59, 59, false)]
        [DataRow(21, 59, 59, true)]
        [DataRow(22, 0, 0, false)]
        [TestMethod]
        public void Weekday_Window_Nine_To_Twentytwo_Is_Evaluated_In_Japan_Time(int hour, int minute, int second, bool allowed)
        {
            PatentSite s = new PatentSite();
            s.AddCredential(501, CredentialMethod.Nfc, "day", 0, 0, CredentialFlags.None, 0);
            s.Users.Add(501, UserAttribute.Employee);
            s.Permissions.Add(Permission.ForUser(501, PermissionTarget.Door, 1).During(new TimeWindow[] { TimeWindow.Hours(TimeWindow.Weekdays, 9, 0, 22, 0) }));
            Assert.AreEqual(allowed, s.Present(PatentSite.G1, CredentialMethod.Nfc, "day", Jst(2026, 11, 20, hour, minute, second)).Allowed);
        }

        [TestMethod]
        public void Holiday_Replaces_The_Weekday_Unless_The_Window_Includes_Holidays()
        {
            PatentSite s = new PatentSite();
            s.AddCredential(502, CredentialMethod.Nfc, "weekday", 0, 0, CredentialFlags.None, 0);
            s.Users.Add(502, UserAttribute.Employee);
            s.Permissions.Add(Permission.ForUser(502, PermissionTarget.Reader, PatentSite.G1).During(new TimeWindow[] { TimeWindow.Hours(TimeWindow.Weekdays, 9, 0, 18, 0) }));
            s.AddCredential(503, CredentialMethod.Nfc, "always", 0, 0, CredentialFlags.None, 0);
            s.Users.Add(503, UserAttribute.Employee);
            s.Permissions.Add(Permission.ForUser(503, PermissionTarget.Reader, PatentSite.G1).During(new TimeWindow[] { TimeWindow.Hours(TimeWindow.Weekdays | TimeWindow.HolidayBit, 9, 0, 18, 0) }));
            s.Holidays.Add(2026, 11, 23); // Labour Thanksgiving Day, a Monday

            long holidayNoon = Jst(2026, 11, 23, 12, 0, 0);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "weekday", holidayNoon);
            Assert.AreEqual((int)ReasonCode.OutsideTimeWindow, (int)d.Reason);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "always", holidayNoon).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "weekday", Jst(2026, 11, 24, 12, 0, 0)).Allowed);
        }

        [DataRow(-1, (int)ReasonCode.CredentialNotYetValid)]
        [DataRow(0, (int)ReasonCode.Granted)]
        [DataRow(3600, (int)ReasonCode.Granted)]
        [DataRow(3601, (int)ReasonCode.CredentialExpired)]
        [TestMethod]
        public void Credential_Validity_Is_Inclusive_To_The_Second(int offsetSeconds, int expected)
        {
            PatentSite s = new PatentSite();
            long from = PatentSite.FridayTenJst;
            s.AddCredential(PatentSite.Guest, CredentialMethod.Pin, "123456", from, from + 3600, CredentialFlags.None, 0);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Pin, "123456", from + offsetSeconds);
            s.Site.FindReader(PatentSite.G1).MethodMask = 0;
            d = s.Present(PatentSite.G1, CredentialMethod.Pin, "123456", from + offsetSeconds);
            Assert.AreEqual(expected, (int)d.Reason);
        }

        [DataRow(-1, (int)ReasonCode.PermissionNotYetValid)]
        [DataRow(0, (int)ReasonCode.Granted)]
        [DataRow(86400, (int)ReasonCode.Granted)]
        [DataRow(86401, (int)ReasonCode.PermissionExpired)]
        [TestMethod]
        public void Permission_Validity_Is_Inclusive_To_The_Second(int offsetSeconds, int expected)
        {
            PatentSite s = new PatentSite();
            long from = PatentSite.FridayTenJst;
            s.AddCredential(600, CredentialMethod.Nfc, "visitor", 0, 0, CredentialFlags.None, 0);
            s.Users.Add(600, UserAttribute.Guest);
            s.Permissions.Add(Permission.ForUser(600, PermissionTarget.Area, PatentSite.Building).Between(from, from + 86400));
            Assert.AreEqual(expected, (int)s.Present(PatentSite.G1, CredentialMethod.Nfc, "visitor", from + offsetSeconds).Reason);
        }

        [TestMethod]
        public void Always_Valid_Flag_Ignores_Validity_Dates()
        {
            PatentSite s = new PatentSite();
            s.AddCredential(PatentSite.Guard, CredentialMethod.Nfc, "master", 1, 2, CredentialFlags.AlwaysValid, 0);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "master", PatentSite.FridayTenJst).Allowed);
        }

        [TestMethod]
        public void One_Time_Code_Works_Once_Then_Is_Exhausted()
        {
            PatentSite s = new PatentSite();
            s.Site.FindReader(PatentSite.G1).MethodMask = 0;
            s.AddCredential(PatentSite.Guest, CredentialMethod.Qr, "otp:1", 0, 0, CredentialFlags.OneTime, 0);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Qr, "otp:1", PatentSite.FridayTenJst).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G1X, CredentialMethod.Qr, "qr:guest", PatentSite.FridayTenJst + 60).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Qr, "otp:1", PatentSite.FridayTenJst + 120);
            Assert.AreEqual((int)ReasonCode.UsesExhausted, (int)d.Reason);
        }

        [TestMethod]
        public void Use_Count_Allows_Exactly_N_Uses()
        {
            PatentSite s = new PatentSite();
            s.Policies.Set(PatentSite.G2, UserAttribute.Unknown, new AccessPolicy().WithApb(ApbMode.Off, false, false));
            s.AddCredential(PatentSite.Guest, CredentialMethod.Pin, "4711", 0, 0, CredentialFlags.UseCount, 3);
            int granted = 0;
            for (int i = 0; i < 5; i++)
            {
                if (s.Present(PatentSite.G2, CredentialMethod.Pin, "4711", PatentSite.FridayTenJst + i).Allowed)
                {
                    granted++;
                }
            }
            Assert.AreEqual(3, granted);
        }

        [TestMethod]
        public void Group_Permission_Denies_A_User_Without_Group_Or_Own_Permission()
        {
            PatentSite s = new PatentSite();
            s.AddCredential(700, CredentialMethod.Nfc, "stranger", 0, 0, CredentialFlags.None, 0);
            s.Users.Add(700, UserAttribute.Employee);
            Assert.AreEqual((int)ReasonCode.NoPermission, (int)s.Present(PatentSite.G1, CredentialMethod.Nfc, "stranger", PatentSite.FridayTenJst).Reason);
        }

        [TestMethod]
        public void Clock_Before_2024_Is_Denied_As_Not_Set()
        {
            PatentSite s = new PatentSite();
            Assert.AreEqual((int)ReasonCode.ClockNotSet, (int)s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", 1000).Reason);
        }

        [DataRow(2026, 3, 29, 0, 59, 60)]
        [DataRow(2026, 3, 29, 1, 0, 120)]
        [DataRow(2026, 10, 25, 0, 59, 120)]
        [DataRow(2026, 10, 25, 1, 0, 60)]
        [DataRow(2026, 7, 1, 12, 0, 120)]
        [DataRow(2026, 1, 15, 12, 0, 60)]
        [TestMethod]
        public void Dst_Rule_Switches_At_The_Configured_Utc_Moment(int year, int month, int day, int utcHour, int utcMinute, int expectedOffsetMinutes)
        {
            // Central European: UTC+1, summer time from the last Sunday of March 02:00 local standard time
            // to the last Sunday of October 03:00 local summer time (both 01:00 UTC).
            DstRule eu = new DstRule();
            eu.StartMonth = 3; eu.StartWeek = 5; eu.StartDayOfWeek = 0; eu.StartMinute = 120;
            eu.EndMonth = 10; eu.EndWeek = 5; eu.EndDayOfWeek = 0; eu.EndMinute = 180;
            SiteTimeZone zone = new SiteTimeZone(60, eu);
            long utc = CivilDate.DaysFromCivil(year, month, day) * 86400L + utcHour * 3600L + utcMinute * 60L;
            Assert.AreEqual((long)expectedOffsetMinutes * 60, zone.ToLocalSeconds(utc) - utc);
        }

        [TestMethod]
        public void Default_Zone_Is_Japan_Plus_Nine_Hours_Without_Dst()
        {
            SiteTimeZone zone = new SiteTimeZone();
            long summer = CivilDate.DaysFromCivil(2026, 7, 1) * 86400L;
            Assert.AreEqual(9 * 3600L, zone.ToLocalSeconds(summer) - summer);
        }

        [DataRow(1970, 1, 1, 0, 4)]
        [DataRow(2000, 2, 29, 11016, 2)]
        [DataRow(2026, 11, 20, 20777, 5)]
        [DataRow(1969, 12, 31, -1, 3)]
        [TestMethod]
        public void Civil_Date_Arithmetic_Round_Trips(int year, int month, int day, int dayNumber, int dayOfWeek)
        {
            Assert.AreEqual(dayNumber, CivilDate.DaysFromCivil(year, month, day));
            Assert.AreEqual(dayOfWeek, CivilDate.DayOfWeek(dayNumber));
            int y;
            int m;
            int dd;
            CivilDate.CivilFromDays(dayNumber, out y, out m, out dd);
            Assert.AreEqual(year, y);
            Assert.AreEqual(month, m);
            Assert.AreEqual(day, dd);
        }
    }
}
