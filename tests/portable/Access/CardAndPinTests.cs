using System.IO;
using DoorController.Access;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>
    /// Credential rule per reader and time window: card alone in office hours, card + PIN (either order, within the
    /// reader's seconds, same person, same reader) at night; online and offline; through the site cache.
    /// </summary>
    [TestClass]
    public class CardAndPinTests
    {
        // 2026-11-20 22:00 JST (a Friday night), in unix seconds.
        private static readonly long FridayNightJst = PatentSite.FridayTenJst + 12 * 3600;

        private static PatentSite NightRule()
        {
            PatentSite s = new PatentSite();
            s.Policies.Set(PatentSite.G2, UserAttribute.Unknown, new AccessPolicy().WithApb(ApbMode.Off, false, false));
            s.AddCredential(PatentSite.Employee, CredentialMethod.Pin, "2468", 0, 0, CredentialFlags.None, 0);
            s.AddCredential(PatentSite.Guard, CredentialMethod.Pin, "1357", 0, 0, CredentialFlags.None, 0);
            Reader g2 = s.Site.FindReader(PatentSite.G2);
            g2.CardAndPinWindows = new TimeWindow[] { TimeWindow.Hours(0x7F, 20, 0, 7, 0) };
            g2.CardAndPinSeconds = 10;
            return s;
        }

        private static AccessDecision At(PatentSite s, CredentialMethod method, string raw, long at, DecisionMode mode)
        {
            return s.Present(PatentSite.G2, method, raw, at, mode, Direction.Unknown);
        }

        [DataRow(1)]
        [DataRow(2)]
        [TestMethod]
        public void Card_Alone_In_Office_Hours_Card_And_Pin_At_Night_Either_Order(int mode)
        {
            DecisionMode m = (DecisionMode)mode;
            PatentSite s = NightRule();
            Assert.IsTrue(At(s, CredentialMethod.Nfc, "04A1B2C3", PatentSite.FridayTenJst, m).Allowed);
            Assert.IsTrue(At(s, CredentialMethod.Pin, "2468", PatentSite.FridayTenJst + 5, m).Allowed);

            AccessDecision card = At(s, CredentialMethod.Nfc, "04A1B2C3", FridayNightJst, m);
            Assert.IsFalse(card.Allowed);
            Assert.AreEqual((int)ReasonCode.SecondFactorRequired, (int)card.Reason);
            Assert.AreEqual("second-factor-required", ReasonCodes.Name(card.Reason));
            Assert.IsTrue(At(s, CredentialMethod.Pin, "2468", FridayNightJst + 10, m).Allowed);

            Assert.AreEqual((int)ReasonCode.SecondFactorRequired, (int)At(s, CredentialMethod.Pin, "2468", FridayNightJst + 60, m).Reason);
            AccessDecision pinThenCard = At(s, CredentialMethod.Nfc, "04A1B2C3", FridayNightJst + 63, m);
            Assert.IsTrue(pinThenCard.Allowed);
            Assert.AreNotEqual(0, pinThenCard.ChecksRun & CheckBits.CredentialRule);
        }

        [TestMethod]
        public void Pair_Must_Be_Within_The_Seconds_Of_The_Same_Person_And_Of_Two_Kinds()
        {
            PatentSite s = NightRule();
            At(s, CredentialMethod.Nfc, "04A1B2C3", FridayNightJst, DecisionMode.Online);
            Assert.AreEqual((int)ReasonCode.SecondFactorRequired, (int)At(s, CredentialMethod.Pin, "2468", FridayNightJst + 11, DecisionMode.Online).Reason);

            // Someone else's PIN does not complete Alice's card.
            At(s, CredentialMethod.Nfc, "04A1B2C3", FridayNightJst + 100, DecisionMode.Online);
            Assert.AreEqual((int)ReasonCode.SecondFactorRequired, (int)At(s, CredentialMethod.Pin, "1357", FridayNightJst + 101, DecisionMode.Online).Reason);
            // Two cards are not card + PIN.
            At(s, CredentialMethod.Nfc, "04A1B2C3", FridayNightJst + 200, DecisionMode.Online);
            Assert.AreEqual((int)ReasonCode.SecondFactorRequired, (int)At(s, CredentialMethod.Nfc, "04A1B2C3", FridayNightJst + 201, DecisionMode.Online).Reason);
            // The pair is used up: the PIN after a granted pair starts a new one.
            Assert.IsTrue(At(s, CredentialMethod.Pin, "2468", FridayNightJst + 202, DecisionMode.Online).Allowed);
            Assert.AreEqual((int)ReasonCode.SecondFactorRequired, (int)At(s, CredentialMethod.Pin, "2468", FridayNightJst + 203, DecisionMode.Online).Reason);
        }

        [TestMethod]
        public void An_Unknown_Card_Is_Not_A_First_Factor_And_Without_Memory_The_Rule_Refuses()
        {
            PatentSite s = NightRule();
            Assert.AreEqual((int)ReasonCode.UnknownCredential, (int)At(s, CredentialMethod.Nfc, "04DEAD00", FridayNightJst, DecisionMode.Online).Reason);
            s.Sources.PendingFactors = null;
            At(s, CredentialMethod.Nfc, "04A1B2C3", FridayNightJst, DecisionMode.Online);
            Assert.AreEqual((int)ReasonCode.SecondFactorRequired, (int)At(s, CredentialMethod.Pin, "2468", FridayNightJst + 1, DecisionMode.Online).Reason);
        }

        [TestMethod]
        public void Rule_Travels_In_The_Site_Cache()
        {
            PatentSite s = NightRule();
            SiteCacheWriter w = new SiteCacheWriter();
            w.AddReader(s.Site.FindReader(PatentSite.G2));
            w.AddReader(s.Site.FindReader(PatentSite.G1));
            MemoryStream file = new MemoryStream();
            s.Store(w.ToBytes()).WriteTo(file, 1);
            FileCredentialDirectory store = new FileCredentialDirectory(new MemoryStream(file.ToArray()), 0, 64);
            SiteCache cache;
            Assert.AreEqual((int)ReasonCode.Granted, (int)SiteCacheReader.Load(store, out cache));
            Reader g2 = cache.Site.FindReader(PatentSite.G2);
            Assert.AreEqual(10, g2.CardAndPinSeconds);
            Assert.AreEqual(1, g2.CardAndPinWindows.Length);
            Assert.AreEqual(20 * 60, g2.CardAndPinWindows[0].StartMinute);
            Assert.AreEqual(7 * 60, g2.CardAndPinWindows[0].EndMinute);
            Assert.AreEqual(0x7F, g2.CardAndPinWindows[0].DaysMask);
            Assert.IsNull(cache.Site.FindReader(PatentSite.G1).CardAndPinWindows, "no window: no array kept");
        }
    }
}
