using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>The patent's own scenarios (Fig 5 conditions 1 and 2, Fig 9A, Fig 9B), online.</summary>
    [TestClass]
    public class PatentScenarioTests
    {
        private static long At(int minutes)
        {
            return PatentSite.FridayTenJst + minutes * 60L;
        }

        [TestMethod]
        public void Condition1_Entry_Is_Allowed_When_The_Last_Record_Is_An_Exit()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G1X, CredentialMethod.Nfc, "04A1B2C3", At(60)).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(120));
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual((int)ReasonCode.Granted, (int)d.Reason);
            Assert.AreEqual((int)Direction.Entry, (int)d.Direction);
            Assert.IsFalse(d.Fraud);
            Assert.AreEqual(3000, d.UnlockMilliseconds);
        }

        [TestMethod]
        public void Condition2_Exit_Is_Allowed_Only_After_An_Entry()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G1X, CredentialMethod.Nfc, "04A1B2C3", At(0));
            Assert.IsFalse(d.Allowed, "exit without entry");
            Assert.AreEqual((int)ReasonCode.ApbExitWithoutEntry, (int)d.Reason);
            Assert.IsTrue(d.Fraud);

            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(1)).Allowed);
            d = s.Present(PatentSite.G1X, CredentialMethod.Nfc, "04A1B2C3", At(2));
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual((int)Direction.Exit, (int)d.Direction);
            Assert.IsFalse(s.IsInside(PatentSite.Employee, PatentSite.Building));
        }

        [TestMethod]
        public void Enter_By_Face_At_G1_And_Leave_By_Qr_At_Another_Gate_Is_Allowed_Because_Presence_Is_Per_User()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.ExternalFace, "face:A1", At(0));
            Assert.IsTrue(d.Allowed);
            Assert.AreEqual(PatentSite.Employee, d.UserId);
            Assert.IsTrue(s.IsInside(PatentSite.Employee, PatentSite.Building));

            d = s.Present(PatentSite.G5, CredentialMethod.Qr, "qr:A1", At(240));
            Assert.IsTrue(d.Allowed, "QR exit after face entry");
            Assert.AreEqual((int)Direction.Exit, (int)d.Direction);
            Assert.IsFalse(s.IsInside(PatentSite.Employee, PatentSite.Building));
        }

        [TestMethod]
        public void Enter_By_Nfc_And_Leave_By_Qr_Is_Allowed()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0)).Allowed);
            Assert.IsTrue(s.Present(PatentSite.G5, CredentialMethod.Qr, "qr:A1", At(300)).Allowed);
        }

        [TestMethod]
        public void Second_Entry_Without_Exit_Is_Denied_For_Employees_And_Routed_P1_To_Guard_Terminal_And_Gate_Display()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.ExternalFace, "face:A1", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(5));
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.ApbEntryWithoutExit, (int)d.Reason);
            Assert.IsTrue(d.Fraud);
            Assert.AreEqual((int)ReasonCode.ApbEntryWithoutExit, (int)d.FraudRule);
            Assert.AreSame(s.EmployeeP1, d.Route);
            Assert.IsTrue(RouteTargets.Has(d.RouteTargetBits, RouteTargets.GuardTerminal));
            Assert.IsTrue(RouteTargets.Has(d.RouteTargetBits, RouteTargets.DoorDisplay));
            Assert.IsTrue(RouteTargets.Has(d.RouteTargetBits, RouteTargets.Sound));
            Assert.IsTrue(RouteTargets.Has(d.RouteTargetBits, RouteTargets.LockSignal));
            Assert.IsFalse(RouteTargets.Has(d.RouteTargetBits, RouteTargets.Manager));
            Assert.AreEqual(0, d.UnlockMilliseconds);
        }

        [TestMethod]
        public void Second_Entry_Without_Exit_Is_Allowed_For_Guards_And_Not_Fraud()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G1, CredentialMethod.Nfc, "04GUARD1", At(0)).Allowed);
            AccessDecision d = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04GUARD1", At(1));
            Assert.IsTrue(d.Allowed);
            Assert.IsFalse(d.Fraud);
            Assert.AreEqual((int)ReasonCode.ApbEntryWithoutExit, (int)d.ExcusedRule);
            Assert.IsNull(d.Route);
        }

        [TestMethod]
        public void Guest_Leaving_Conference_Room_G3_Without_Entry_Record_Is_Allowed_Per_Fig9A()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G3, CredentialMethod.Qr, "qr:guest", At(0), DecisionMode.Online, Direction.Exit);
            Assert.IsTrue(d.Allowed);
            Assert.IsFalse(d.Fraud);
            Assert.AreEqual((int)ReasonCode.ApbExitWithoutEntry, (int)d.ExcusedRule);
            Assert.AreEqual(PatentSite.RoomX7, d.AreaId);
        }

        [TestMethod]
        public void Guest_Entering_G3_Twice_Is_Fraud_Routed_P3_To_The_Inviting_Employee()
        {
            PatentSite s = new PatentSite();
            Assert.IsTrue(s.Present(PatentSite.G3, CredentialMethod.Qr, "qr:guest", At(0), DecisionMode.Online, Direction.Entry).Allowed);
            AccessDecision d = s.Present(PatentSite.G3, CredentialMethod.Qr, "qr:guest", At(1), DecisionMode.Online, Direction.Entry);
            Assert.IsFalse(d.Allowed);
            Assert.IsTrue(d.Fraud);
            Assert.AreSame(s.GuestP3, d.Route);
            Assert.IsTrue(d.Route.Has(RouteTargets.InvitingEmployee));
            Assert.AreEqual(PatentSite.Employee, d.InviterId);
        }

        [TestMethod]
        public void Employee_Leaving_G3_Without_Entry_Is_Fraud_Because_Employees_Are_Judged_Both_Ways()
        {
            PatentSite s = new PatentSite();
            AccessDecision d = s.Present(PatentSite.G3, CredentialMethod.Qr, "qr:A1", At(0), DecisionMode.Online, Direction.Exit);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.ApbExitWithoutEntry, (int)d.Reason);
            Assert.AreSame(s.EmployeeP3, d.Route);
        }

        /// <summary>Fig 9B: for each reader and attribute, a second entry routes to that reader's P-route.</summary>
        [DataRow(PatentSite.G1, 100, "04A1B2C3", 1, "P1", 0x27)]
        [DataRow(PatentSite.G2, 100, "04A1B2C3", 2, "P2", 0x2D)]
        [DataRow(PatentSite.G3, 100, "qr:A1", 3, "P3", 0x21)]
        [DataRow(PatentSite.G1, 300, "qr:guest", 11, "P1", 0x27)]
        [DataRow(PatentSite.G2, 300, "qr:guest", 12, "P2", 0x35)]
        [DataRow(PatentSite.G3, 300, "qr:guest", 13, "P3", 0x31)]
        [TestMethod]
        public void Fraud_Routes_Follow_Fig9B_Per_Attribute_And_Reader(int readerId, int userId, string raw, int routeId, string routeName, int targets)
        {
            PatentSite s = new PatentSite();
            CredentialMethod method = raw.IndexOf("qr:") == 0 ? CredentialMethod.Qr : CredentialMethod.Nfc;
            s.Site.FindReader(readerId).MethodMask = 0; // let the guest's QR work at G1 for this table
            // Stand in the area the reader controls (and those around it), then enter again.
            int area;
            int outer;
            DirectionCheck.AreasOf(s.Site, s.Site.FindReader(readerId), out area, out outer);
            DoorController.Access.Presence.Commit(s.Presence, s.Site, userId, Direction.Entry, area, outer, At(0));
            AccessDecision d = s.Present(readerId, method, raw, At(1), DecisionMode.Online, Direction.Entry);
            Assert.IsFalse(d.Allowed);
            Assert.IsTrue(d.Fraud);
            Assert.IsNotNull(d.Route);
            Assert.AreEqual(routeId, d.Route.Id);
            Assert.AreEqual(routeName, d.Route.Name);
            Assert.AreEqual(targets, d.RouteTargetBits);
        }

        [TestMethod]
        public void Guard_Fraud_Is_Never_Routed()
        {
            PatentSite s = new PatentSite();
            DoorController.Access.Presence.Commit(s.Presence, s.Site, PatentSite.Guard, Direction.Entry, PatentSite.Office, PatentSite.Building, At(0));
            // G2 has no guard policy: default hard APB judges the guard, but no route exists for guards.
            AccessDecision d = s.Present(PatentSite.G2, CredentialMethod.Nfc, "04GUARD1", At(1));
            Assert.IsFalse(d.Allowed);
            Assert.IsTrue(d.Fraud);
            Assert.IsNull(d.Route);
            Assert.AreEqual(0, d.RouteTargetBits);
        }
    }
}
