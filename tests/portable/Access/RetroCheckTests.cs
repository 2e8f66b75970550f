using System.Collections;
using DoorController.Access;
using nanoFramework.TestFramework;
using DoorController.Tests.Support;

namespace DoorController.Tests.Access
{
    /// <summary>After-the-fact findings for events decided offline.</summary>
    [TestClass]
    public class RetroCheckTests
    {
        private static long At(int seconds)
        {
            return PatentSite.FridayTenJst + seconds;
        }

        [TestMethod]
        public void Second_Entry_Allowed_Offline_Is_Reported_Afterwards_With_Route_P1()
        {
            PatentSite s = new PatentSite();
            AccessDecision first = s.Present(PatentSite.G1, CredentialMethod.Nfc, "04A1B2C3", At(0));
            RetroEvent e0 = RetroEvent.From(first, 1);
            AccessDecision second = s.Present(PatentSite.G1, CredentialMethod.ExternalFace, "face:A1", At(30), DecisionMode.Offline, Direction.Unknown);
            Assert.IsTrue(second.Allowed);
            RetroEvent e1 = RetroEvent.From(second, 2);

            ArrayList findings = new RetroChecker(s.Sources, s.Options).Check(new RetroEvent[] { e0, e1 });
            Assert.AreEqual(1, findings.Count);
            RetroFinding f = (RetroFinding)findings[0];
            Assert.AreEqual(1, f.EventIndex);
            Assert.AreEqual(2L, f.Sequence);
            Assert.AreEqual((int)ReasonCode.ApbEntryWithoutExit, (int)f.Rule);
            Assert.AreSame(s.EmployeeP1, f.Route);
            Assert.AreEqual(PatentSite.Employee, f.UserId);
        }

        [TestMethod]
        public void Online_Events_Are_Never_Reported_Only_Replayed()
        {
            PatentSite s = new PatentSite();
            RetroEvent[] events = new RetroEvent[]
            {
                RetroEvent.Of(1, PatentSite.Employee, PatentSite.G1, At(0), Direction.Entry, true, false),
                RetroEvent.Of(2, PatentSite.Employee, PatentSite.G1, At(10), Direction.Entry, true, false),
            };
            Assert.AreEqual(0, new RetroChecker(s.Sources, s.Options).Check(events).Count);
        }

        // Table: user, reader, direction of the offline event after an online entry at G1; expected findings.
        [DataRow(PatentSite.Employee, PatentSite.G1, (int)Direction.Entry, 1)]   // entry without exit
        [DataRow(PatentSite.Employee, PatentSite.G1X, (int)Direction.Exit, 0)]   // proper exit
        [DataRow(PatentSite.Guard, PatentSite.G1, (int)Direction.Entry, 0)]      // guards are not judged at G1
        [TestMethod]
        public void Offline_Events_Are_Judged_Per_Attribute_Policy(int userId, int readerId, int direction, int expected)
        {
            PatentSite s = new PatentSite();
            RetroEvent[] events = new RetroEvent[]
            {
                RetroEvent.Of(1, userId, PatentSite.G1, At(0), Direction.Entry, true, false),
                RetroEvent.Of(2, userId, readerId, At(600), (Direction)direction, true, true),
            };
            Assert.AreEqual(expected, new RetroChecker(s.Sources, s.Options).Check(events).Count);
        }

        [TestMethod]
        public void Guest_Leaving_G3_Offline_Without_Entry_Is_Not_Reported()
        {
            PatentSite s = new PatentSite();
            RetroEvent[] events = new RetroEvent[] { RetroEvent.Of(1, PatentSite.Guest, PatentSite.G3, At(0), Direction.Exit, true, true) };
            Assert.AreEqual(0, new RetroChecker(s.Sources, s.Options).Check(events).Count);
        }

        [TestMethod]
        public void Exit_Offline_At_Another_Controller_Without_Entry_Is_Reported_With_Its_Rule()
        {
            PatentSite s = new PatentSite();
            RetroEvent[] events = new RetroEvent[] { RetroEvent.Of(9, PatentSite.Employee, PatentSite.G5, At(0), Direction.Exit, true, true) };
            ArrayList findings = new RetroChecker(s.Sources, s.Options).Check(events);
            Assert.AreEqual(1, findings.Count);
            Assert.AreEqual((int)ReasonCode.ApbExitWithoutEntry, (int)((RetroFinding)findings[0]).Rule);
        }

        [TestMethod]
        public void Impossible_Travel_Between_Two_Offline_Controllers_Is_Reported()
        {
            PatentSite s = new PatentSite();
            AccessPolicy p = new AccessPolicy();
            p.Travel = CheckMode.Flag;
            s.Policies.Set(PatentSite.G3, UserAttribute.Employee, p);
            RetroEvent[] events = new RetroEvent[]
            {
                RetroEvent.Of(1, PatentSite.Employee, PatentSite.G1, At(0), Direction.Entry, true, true),
                RetroEvent.Of(2, PatentSite.Employee, PatentSite.G3, At(3), Direction.Entry, true, true),
            };
            ArrayList findings = new RetroChecker(s.Sources, s.Options).Check(events);
            Assert.AreEqual(1, findings.Count);
            RetroFinding f = (RetroFinding)findings[0];
            Assert.AreEqual((int)ReasonCode.ImpossibleTravel, (int)f.Rule);
            Assert.AreSame(s.EmployeeP3, f.Route);
        }

        [TestMethod]
        public void Denied_Events_And_Unknown_Readers_Are_Skipped()
        {
            PatentSite s = new PatentSite();
            RetroEvent[] events = new RetroEvent[]
            {
                RetroEvent.Of(1, PatentSite.Employee, PatentSite.G1, At(0), Direction.Entry, false, true),
                RetroEvent.Of(2, PatentSite.Employee, 777, At(1), Direction.Entry, true, true),
                null,
                RetroEvent.Of(3, PatentSite.Employee, PatentSite.G1, At(2), Direction.Entry, true, true),
            };
            Assert.AreEqual(0, new RetroChecker(s.Sources, s.Options).Check(events).Count, "the denied first entry did not put the user inside");
        }
    }
}
