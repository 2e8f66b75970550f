using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>Fig 7 schedule check and Fig 8 impossible-travel check.</summary>
    [TestClass]
    public class BehaviourCheckTests
    {
        private const double OkinawaHotelLat = 26.2124;
        private const double OkinawaHotelLon = 127.6792;

        private static long At(int seconds)
        {
            return PatentSite.FridayTenJst + seconds;
        }

        private static PatentSite WithSchedulePolicy(CheckMode mode)
        {
            PatentSite s = new PatentSite();
            AccessPolicy p = new AccessPolicy();
            p.Schedule = mode;
            s.Policies.Set(PatentSite.G2, UserAttribute.Employee, p);
            return s;
        }

        // G2 is at site position (30, 0). Events at (30 + dx, 0).
        [DataRow(0, true)]
        [DataRow(100, true)]
        [DataRow(101, false)]
        [DataRow(5000, false)]
        [TestMethod]
        public void Schedule_Event_More_Than_100_Metres_Away_Is_Denied(int metresAway, bool allowed)
        {
            PatentSite s = WithSchedulePolicy(CheckMode.Deny);
            s.Schedule.Add(PatentSite.Employee, ScheduleEntry.AtLocal(At(-600), At(3000), 30 + metresAway, 0, "meeting"));
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(0));
            Assert.AreEqual(allowed, d.Allowed);
            if (!allowed)
            {
                Assert.AreEqual((int)ReasonCode.ScheduleElsewhere, (int)d.Reason);
                Assert.IsTrue(d.Fraud);
                Assert.AreSame(s.EmployeeP2, d.Route);
            }
        }

        [TestMethod]
        public void Schedule_Uses_Geographic_Positions_When_Both_Have_Them()
        {
            PatentSite s = WithSchedulePolicy(CheckMode.Deny);
            s.Schedule.Add(PatentSite.Employee, ScheduleEntry.AtGeo(At(0), At(3600), 34.7025, 135.4959, "Osaka customer visit"));
            Assert.AreEqual((int)ReasonCode.ScheduleElsewhere, (int)s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(60)).Reason);
        }

        [DataRow(-31, true)]
        [DataRow(-29, false)]
        [DataRow(60 + 29, false)]
        [DataRow(60 + 31, true)]
        [TestMethod]
        public void Schedule_Window_Is_Configurable_Minutes_Around_The_Event(int minutesFromEventStart, bool allowed)
        {
            PatentSite s = WithSchedulePolicy(CheckMode.Deny);
            s.Schedule.Add(PatentSite.Employee, ScheduleEntry.AtLocal(At(0), At(3600), 5000, 0, "site visit"));
            Assert.AreEqual(allowed, s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(minutesFromEventStart * 60)).Allowed);
        }

        [TestMethod]
        public void Schedule_Near_Event_Among_Far_Ones_Is_Allowed()
        {
            PatentSite s = WithSchedulePolicy(CheckMode.Deny);
            s.Schedule.Add(PatentSite.Employee, ScheduleEntry.AtLocal(At(0), At(3600), 5000, 0, "far"));
            s.Schedule.Add(PatentSite.Employee, ScheduleEntry.AtLocal(At(0), At(3600), 40, 0, "near"));
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(60)).Allowed);
        }

        [TestMethod]
        public void Schedule_Flag_Mode_Allows_But_Flags()
        {
            PatentSite s = WithSchedulePolicy(CheckMode.Flag);
            s.Schedule.Add(PatentSite.Employee, ScheduleEntry.AtLocal(At(0), At(3600), 5000, 0, "far"));
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(60));
            Assert.IsTrue(d.Allowed);
            Assert.IsTrue(d.Fraud);
            Assert.AreEqual((int)ReasonCode.ScheduleElsewhere, (int)d.FraudRule);
        }

        private static PatentSite WithTravelPolicy(int readerId, CheckMode mode)
        {
            PatentSite s = new PatentSite();
            AccessPolicy p = new AccessPolicy();
            p.Travel = mode;
            s.Policies.Set(readerId, UserAttribute.Employee, p);
            return s;
        }

        [TestMethod]
        public void Okinawa_Hotel_Then_Tokyo_Building_An_Hour_Later_Is_Flagged()
        {
            PatentSite s = WithTravelPolicy(PatentSite.G1, CheckMode.Flag);
            s.LastSeen.RecordExternal(PatentSite.Employee, At(-3600), OkinawaHotelLat, OkinawaHotelLon);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0));
            Assert.IsTrue(d.Allowed, "flag mode");
            Assert.IsTrue(d.Fraud);
            Assert.AreEqual((int)ReasonCode.ImpossibleTravel, (int)d.FraudRule);
            Assert.AreSame(s.EmployeeP1, d.Route);
        }

        [TestMethod]
        public void Okinawa_Hotel_Two_Days_Earlier_Is_Plausible()
        {
            PatentSite s = WithTravelPolicy(PatentSite.G1, CheckMode.Flag);
            s.LastSeen.RecordExternal(PatentSite.Employee, At(-2 * 86400), OkinawaHotelLat, OkinawaHotelLon);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0));
            Assert.IsTrue(d.Allowed);
            Assert.IsFalse(d.Fraud);
        }

        // G1 (0,0) to G3 (60,10): ~60.8 m, minus 20 m tolerance = ~40.8 m at 1.5 m/s needs ~27 s.
        [DataRow(10, true)]
        [DataRow(26, true)]
        [DataRow(28, false)]
        [DataRow(120, false)]
        [TestMethod]
        public void Travel_Faster_Than_Walking_Between_Readers_Is_Denied_In_Deny_Mode(int secondsLater, bool fraud)
        {
            PatentSite s = WithTravelPolicy(PatentSite.G3, CheckMode.Deny);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G3, CredentialMethod.Nfc, "04A1B2C3", At(secondsLater), DecisionMode.Online, Direction.Entry);
            Assert.AreEqual(fraud, d.Fraud);
            Assert.AreEqual(!fraud, d.Allowed);
            if (fraud)
            {
                Assert.AreEqual((int)ReasonCode.ImpossibleTravel, (int)d.Reason);
            }
        }

        [TestMethod]
        public void Travel_Check_Is_Skipped_Offline()
        {
            PatentSite s = WithTravelPolicy(PatentSite.G1, CheckMode.Deny);
            s.LastSeen.RecordExternal(PatentSite.Employee, At(-60), OkinawaHotelLat, OkinawaHotelLon);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0), DecisionMode.Offline, Direction.Unknown);
            Assert.IsTrue(d.Allowed);
            Assert.IsTrue(d.PendingRetroCheck);
        }

        [TestMethod]
        public void Haversine_Tokyo_To_Naha_Is_About_1550_Km()
        {
            double d = GeoDistance.Haversine(35.6812, 139.7671, OkinawaHotelLat, OkinawaHotelLon);
            Assert.IsTrue(d > 1500000 && d < 1600000, "distance " + d);
        }
    }
}
