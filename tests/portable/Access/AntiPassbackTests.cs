using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>S115-S116 modes: soft, timed, nested areas, offline, amnesty, door-contact commit, toggle and channel readers.</summary>
    [TestClass]
    public class AntiPassbackTests
    {
        private static long At(int seconds)
        {
            return PatentSite.FridayTenJst + seconds;
        }

        [TestMethod]
        public void Soft_Apb_Allows_A_Second_Entry_But_Flags_It_As_Fraud_And_Routes_It()
        {
            PatentSite s = new PatentSite();
            s.Policies.Set(PatentSite.G1, UserAttribute.Employee, new AccessPolicy().WithApb(ApbMode.Soft, true, true));
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(10));
            Assert.IsTrue(d.Allowed);
            Assert.IsTrue(d.Fraud);
            Assert.AreEqual((int)ReasonCode.ApbEntryWithoutExit, (int)d.FraudRule);
            Assert.AreSame(s.EmployeeP1, d.Route);
        }

        [DataRow(299, false)]
        [DataRow(300, true)]
        [DataRow(3600, true)]
        [TestMethod]
        public void Timed_Apb_Blocks_Reentry_Until_The_Period_Expires(int secondsLater, bool allowed)
        {
            PatentSite s = new PatentSite();
            AccessPolicy timed = new AccessPolicy().WithApb(ApbMode.Timed, true, true);
            timed.TimedApbSeconds = 300;
            s.Policies.Set(PatentSite.G1, UserAttribute.Employee, timed);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(secondsLater));
            Assert.AreEqual(allowed, d.Allowed);
            Assert.AreEqual(!allowed, d.Fraud);
        }

        [TestMethod]
        public void Apb_Off_Never_Judges()
        {
            PatentSite s = new PatentSite();
            s.Policies.Set(PatentSite.G1, UserAttribute.Employee, new AccessPolicy().WithApb(ApbMode.Off, true, true));
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(1));
            Assert.IsTrue(d.Allowed);
            Assert.IsFalse(d.Fraud);
        }

        [TestMethod]
        public void Nested_Areas_Entering_The_Office_Puts_The_User_In_The_Building_Too()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed, "no record of the building: not judged");
            Assert.IsTrue(s.IsInside(PatentSite.Employee, PatentSite.Office));
            Assert.IsTrue(s.IsInside(PatentSite.Employee, PatentSite.Building));
            Assert.IsTrue(s.Present(PatentSite.G1X, CredentialMethod.Nfc, "04A1B2C3", At(60)).Allowed, "may leave the building");
        }

        [TestMethod]
        public void Nested_Areas_Leaving_The_Building_Makes_The_Office_Record_Stale()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(30)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G1X, CredentialMethod.Nfc, "04A1B2C3", At(60)).Allowed, "left through a path with no office reader");
            Assert.IsFalse(s.IsInside(PatentSite.Employee, PatentSite.Office));
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(90)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(120)).Allowed, "the old office record no longer blocks");
        }

        [TestMethod]
        public void Nested_Areas_Entering_The_Office_While_Recorded_Outside_The_Building_Is_Fraud()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G1X, CredentialMethod.Nfc, "04A1B2C3", At(60)).Allowed);
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(90));
            Assert.IsFalse(d.Allowed, "tailgated into the building");
            Assert.AreEqual((int)ReasonCode.ApbOuterAreaNotEntered, (int)d.Reason);
            Assert.AreSame(s.EmployeeP2, d.Route);
        }

        [TestMethod]
        public void Leaving_The_Office_Puts_The_User_Back_In_The_Building()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G2, CredentialMethod.Nfc, "04A1B2C3", At(30)).Allowed);
            AccessDecision d = s.Present(PatentSite.G2X, CredentialMethod.Nfc, "04A1B2C3", At(60));
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual((int)Direction.Exit, (int)d.Direction);
            Assert.IsFalse(s.IsInside(PatentSite.Employee, PatentSite.Office));
            Assert.IsTrue(s.IsInside(PatentSite.Employee, PatentSite.Building));
        }

        [TestMethod]
        public void Offline_Mode_Skips_Apb_And_Marks_Pending_Retro_Check()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(5), DecisionMode.Offline, Direction.Unknown);
            Assert.IsTrue(d.Allowed, "offline cannot know other devices' events, so APB is skipped");
            Assert.IsFalse(d.Fraud);
            Assert.IsTrue(d.PendingRetroCheck);
            Assert.AreEqual((int)DecisionMode.Offline, (int)d.Mode);
            Assert.IsTrue((d.ChecksSkipped & CheckBits.AntiPassback) != 0);
            Assert.IsTrue((d.ChecksSkipped & CheckBits.Travel) != 0);
            Assert.IsTrue((d.ChecksRun & CheckBits.Validity) != 0);
        }

        [TestMethod]
        public void Offline_Mode_Still_Denies_Unknown_Credentials_And_Windows()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "DEADBEEF", At(0), DecisionMode.Offline, Direction.Unknown);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)d.Reason);
        }

        [TestMethod]
        public void Online_Decision_Is_Not_Pending_Retro_Check()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0));
            Assert.IsFalse(d.PendingRetroCheck);
            Assert.AreEqual(0, d.ChecksSkipped);
        }

        [TestMethod]
        public void Amnesty_Forgets_Presence_So_A_Trapped_User_Can_Enter()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            Assert.IsFalse(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(10)).Allowed);
            s.Pipeline.Amnesty(PatentSite.Employee);
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(20)).Allowed);
        }

        [TestMethod]
        public void Amnesty_For_Everyone_Clears_All_Users()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            s.Pipeline.Amnesty(0);
            Assert.AreEqual(0, s.Presence.Count);
        }

        [TestMethod]
        public void Door_With_Contact_Commits_Presence_Only_When_Opened()
        {
            PatentSite s = new PatentSite();
            AwaitedPassage passage = new AwaitedPassage();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G4, CredentialMethod.Nfc, "04A1B2C3", At(10));
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual(4000, d.UnlockMilliseconds);
            Assert.IsTrue(d.CommitPending);
            passage.Await(d);
            Assert.IsFalse(s.IsInside(PatentSite.Employee, PatentSite.RoomX3), "granted but the door never opened");
            passage.Clear(); // the door relocked unused

            // Toggle reader: still outside, so the next read is again an entry and is allowed.
            d = s.Present(PatentSite.G4, CredentialMethod.Nfc, "04A1B2C3", At(20));
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual((int)Direction.Entry, (int)d.Direction);
            passage.Await(d);
            // A later decision reuses the decision object; the awaited passage is a copy and survives it.
            s.Present(PatentSite.G4, CredentialMethod.Nfc, "unknown", At(21));
            Assert.IsTrue(s.Pipeline.DoorOpened(passage));
            Assert.IsTrue(s.IsInside(PatentSite.Employee, PatentSite.RoomX3));
            Assert.IsFalse(s.Pipeline.DoorOpened(passage), "a second open event commits nothing");

            d = s.Present(PatentSite.G4, CredentialMethod.Nfc, "04A1B2C3", At(30));
            Assert.AreEqual((int)Direction.Exit, (int)d.Direction, "toggle: inside now, so this is an exit");
        }

        [TestMethod]
        public void Door_Without_Contact_Commits_On_Grant_And_Awaits_Nothing()
        {
            PatentSite s = new PatentSite();
            AwaitedPassage passage = new AwaitedPassage();
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0));
            Assert.IsTrue(d.Allowed);
            Assert.IsFalse(d.CommitPending);
            Assert.IsTrue(d.PresenceCommitted);
            passage.Await(d);
            Assert.IsFalse(passage.Awaiting);
            Assert.IsFalse(s.Pipeline.DoorOpened(passage));
        }

        [TestMethod]
        public void Door_Opened_For_A_Denied_Decision_Commits_Nothing()
        {
            PatentSite s = new PatentSite();
            AwaitedPassage passage = new AwaitedPassage();
            AccessDecision d = s.Present(PatentSite.G4, CredentialMethod.Nfc, "unknown", At(0));
            passage.Await(d);
            Assert.IsFalse(s.Pipeline.DoorOpened(passage));
            Assert.IsFalse(s.Pipeline.DoorOpened(null));
        }

        [DataRow((int)CredentialMethod.Nfc, (int)Direction.Exit)]
        [DataRow((int)CredentialMethod.Ble, (int)Direction.Entry)]
        [TestMethod]
        public void Channel_Reader_Nfc_Tap_Is_Exit_And_Ble_Proximity_Is_Entry(int method, int expected)
        {
            PatentSite s = new PatentSite();
            Reader r = s.Site.AddReader(20, "X2-door", 2, ReaderUsage.Channel, PatentSite.Building, PatentSite.Office);
            r.ExitMethodMask = Reader.MethodBit(CredentialMethod.Nfc);
            s.AddCredential(PatentSite.Guard, CredentialMethod.Ble, "ble:guard", 0, 0, CredentialFlags.None, 0);
            s.Policies.Set(20, UserAttribute.Guard, new AccessPolicy().WithApb(ApbMode.Off, false, false));
            string raw = method == (int)CredentialMethod.Nfc ? "04GUARD1" : "ble:guard";
            AccessDecision d = s.Present(20, (CredentialMethod)method, raw, At(0));
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual(expected, (int)d.Direction);
        }

        [TestMethod]
        public void Ask_Reader_Without_A_Direction_In_The_Request_Is_Denied()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G3, CredentialMethod.Qr, "qr:A1", At(0));
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.DirectionUnknown, (int)d.Reason);
        }
    }
}
