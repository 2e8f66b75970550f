using System;
using DoorController.Readers;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Readers
{
    [TestClass]
    public class QrTokenTests
    {
        // Computed independently (Python hmac/hashlib) from the format in docs/credentials.md.
        private const string Golden = "DC1.1042.59841600.aoqDRj4iT5ostc-S3bIZbg";

        private static ReadOutcome Verify(QrTokenVerifier verifier, string text)
        {
            uint user;
            return verifier.Verify(text, out user);
        }

        [TestMethod]
        public void Issued_Token_Matches_The_Golden_Spelling()
        {
            Assert.AreEqual(Golden, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep));
        }

        [TestMethod]
        public void A_Current_Token_Is_Accepted_And_Names_Its_User()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            uint user;
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)verifier.Verify(Golden, out user));
            Assert.AreEqual(TokenFixture.User, user);
        }

        [TestMethod]
        [DataRow(-3, 8)]
        [DataRow(-2, 8)]
        [DataRow(-1, 0)]
        [DataRow(0, 0)]
        [DataRow(1, 0)]
        [DataRow(2, 9)]
        [DataRow(100, 9)]
        public void Clock_Skew_Of_One_Step_Is_Tolerated_And_No_More(int stepOffset, int expected)
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual(expected, (int)Verify(verifier, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep + stepOffset)));
        }

        [TestMethod]
        public void A_Token_Expires_As_The_Clock_Moves_On()
        {
            ManualClock clock = TokenFixture.Clock();
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), clock);
            string token = TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep);
            clock.Advance(61000);
            Assert.AreEqual((int)ReadOutcome.Expired, (int)Verify(verifier, token));
        }

        [TestMethod]
        public void The_Same_Token_Twice_Is_A_Replay()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Verify(verifier, Golden));
            Assert.AreEqual((int)ReadOutcome.Replayed, (int)Verify(verifier, Golden));
        }

        [TestMethod]
        public void An_Older_Still_Valid_Token_After_A_Newer_One_Is_A_Replay()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Verify(verifier, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep)));
            Assert.AreEqual((int)ReadOutcome.Replayed, (int)Verify(verifier, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep - 1)));
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Verify(verifier, TokenFixture.Qr(TokenFixture.User, TokenFixture.NowStep + 1)));
        }

        [TestMethod]
        public void Replay_Protection_Is_Per_User()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Verify(verifier, TokenFixture.Qr(1, TokenFixture.NowStep)));
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Verify(verifier, TokenFixture.Qr(2, TokenFixture.NowStep)));
        }

        [TestMethod]
        public void A_Full_Replay_Cache_Still_Refuses_Recent_Replays_Of_Live_Users()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock(), 4);
            for (uint user = 1; user <= 4; user++)
            {
                Assert.AreEqual((int)ReadOutcome.Accepted, (int)Verify(verifier, TokenFixture.Qr(user, TokenFixture.NowStep)));
            }
            Assert.AreEqual((int)ReadOutcome.Replayed, (int)Verify(verifier, TokenFixture.Qr(4, TokenFixture.NowStep)));
        }

        [TestMethod]
        public void Forgeries_Fail_The_Signature()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            string otherSite = QrToken.Create(TokenKeys.DeriveUserKey(new byte[] { 1, 2, 3 }, TokenKeys.QrPurpose, 1042), 1042, TokenFixture.NowStep);
            string userSwapped = "DC1.1043" + Golden.Substring(8);
            string stepMoved = "DC1.1042.59841601" + Golden.Substring(17);
            string macChanged = Golden.Substring(0, 18) + "b" + Golden.Substring(19);
            string siteKeyAsUserKey = QrToken.Create(TokenFixture.SiteKey(), 1042, TokenFixture.NowStep);
            string[] forgeries = { otherSite, userSwapped, stepMoved, macChanged, siteKeyAsUserKey };
            foreach (string forged in forgeries)
            {
                Assert.AreEqual((int)ReadOutcome.BadSignature, (int)Verify(verifier, forged), forged);
            }
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("DC1")]
        [DataRow("DC1.")]
        [DataRow("DC1.1042.59841600")]
        [DataRow("dc1.1042.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        [DataRow("DC2.1042.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        [DataRow("DC1.01042.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        [DataRow("DC1.+1042.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        [DataRow("DC1.0.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        [DataRow("DC1.4294967296.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        [DataRow("DC1.1042.59841600.aoqDRj4iT5ostc-S3bIZbg.x")]
        [DataRow("DC1.1042.59841600.aoqDRj4iT5ostc-S3bIZbg==")]
        [DataRow("DC1.1042.59841600.aoqDRj4iT5ostc+S3bIZbg")]
        [DataRow("DC1.1042.59841600.aoqDRj4iT5ostc-S3bIZbh")]
        [DataRow("DC1.1042.59841600.aoqDRj4iT5ostc-S3bIZ")]
        [DataRow(" DC1.1042.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        [DataRow("https://example.com/?DC1.1042.59841600.aoqDRj4iT5ostc-S3bIZbg")]
        public void Anything_Not_Exactly_In_The_Format_Is_Malformed(string text)
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)Verify(verifier, text));
        }

        [TestMethod]
        public void Null_Text_Is_Malformed_Not_An_Exception()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)Verify(verifier, null));
        }

        [TestMethod]
        public void An_Unset_Clock_Cannot_Accept_Time_Limited_Tokens()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(TokenFixture.SiteKey(), new ManualClock(new DateTime(1970, 1, 1, 0, 5, 0)));
            Assert.AreEqual((int)ReadOutcome.ClockNotSet, (int)Verify(verifier, Golden));
        }

        [TestMethod]
        public void No_Site_Key_Means_Not_Configured()
        {
            QrTokenVerifier verifier = new QrTokenVerifier(null, TokenFixture.Clock());
            Assert.AreEqual((int)ReadOutcome.NotConfigured, (int)Verify(verifier, Golden));
        }

        [TestMethod]
        public void Base64Url_Round_Trips_Every_Length_And_Refuses_Other_Spellings()
        {
            for (int length = 0; length < 20; length++)
            {
                byte[] data = new byte[length];
                for (int i = 0; i < length; i++) data[i] = (byte)(i * 37 + 250);
                string text = Base64Url.Encode(data, 0, length);
                byte[] back;
                Assert.IsTrue(Base64Url.TryDecode(text, 0, text.Length, out back));
                Assert.AreEqual(length, back.Length);
                for (int i = 0; i < length; i++) Assert.AreEqual(data[i], back[i]);
            }
            byte[] ignored;
            Assert.IsFalse(Base64Url.TryDecode("AB", 0, 2, out ignored), "non-zero leftover bits");
            Assert.IsFalse(Base64Url.TryDecode("A", 0, 1, out ignored));
            Assert.IsFalse(Base64Url.TryDecode("AA==", 0, 4, out ignored));
        }
    }
}
