using DoorController.Core;
using DoorController.Readers;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Readers
{
    [TestClass]
    public class BleTokenTests
    {
        // Computed independently (Python hmac/hashlib) from the layout in docs/credentials.md.
        private const string GoldenHex = "d10000041203911c400044d77e0168a794989dbd734d";

        // The same token with the phone's signed hint "entry".
        private const string GoldenEntryHex = "d10000041203911c4001e0d91515b06202da7f8d123d";

        private static ReadOutcome Verify(BleTokenVerifier verifier, byte[] data, int rssi)
        {
            uint user;
            return verifier.Verify(BleToken.DefaultCompanyId, data, rssi, out user);
        }

        [TestMethod]
        public void Issued_Token_Matches_The_Golden_Bytes()
        {
            Assert.AreEqual(GoldenHex, Hex.Encode(TokenFixture.Ble(TokenFixture.User, TokenFixture.NowStep)));
        }

        [TestMethod]
        public void The_Phones_Direction_Hint_Is_Signed_And_Returned()
        {
            byte[] userKey = TokenKeys.DeriveUserKey(TokenFixture.SiteKey(), TokenKeys.BlePurpose, TokenFixture.User);
            byte[] data = BleToken.Create(userKey, TokenFixture.User, TokenFixture.NowStep, DoorController.Access.Direction.Entry);
            Assert.AreEqual(GoldenEntryHex, Hex.Encode(data));
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            uint user;
            DoorController.Access.Direction hint;
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)verifier.Verify(0xFFFF, data, -40, out user, out hint));
            Assert.AreEqual((int)DoorController.Access.Direction.Entry, (int)hint);
        }

        [TestMethod]
        public void A_Flipped_Or_Unknown_Hint_Does_Not_Verify()
        {
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            byte[] flipped;
            Hex.TryDecode(GoldenEntryHex, out flipped);
            flipped[9] = 2; // entry -> exit, MAC unchanged
            Assert.AreEqual((int)ReadOutcome.BadSignature, (int)Verify(verifier, flipped, -40));
            flipped[9] = 3; // no such direction
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)Verify(verifier, flipped, -40));
        }

        [TestMethod]
        public void A_Current_Token_Close_By_Is_Accepted()
        {
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            byte[] data;
            Assert.IsTrue(Hex.TryDecode(GoldenHex, out data));
            uint user;
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)verifier.Verify(0xFFFF, data, -50, out user));
            Assert.AreEqual(TokenFixture.User, user);
        }

        [TestMethod]
        [DataRow(-50, 0)]
        [DataRow(-65, 0)]
        [DataRow(-66, 11)]
        [DataRow(-90, 11)]
        public void Weak_Signal_Is_Refused(int rssi, int expected)
        {
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual(expected, (int)Verify(verifier, TokenFixture.Ble(TokenFixture.User, TokenFixture.NowStep), rssi));
        }

        [TestMethod]
        public void A_Repeated_Or_Older_Advertisement_Is_A_Replay()
        {
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual((int)ReadOutcome.Accepted, (int)Verify(verifier, TokenFixture.Ble(7, TokenFixture.NowStep), -40));
            Assert.AreEqual((int)ReadOutcome.Replayed, (int)Verify(verifier, TokenFixture.Ble(7, TokenFixture.NowStep), -40));
            Assert.AreEqual((int)ReadOutcome.Replayed, (int)Verify(verifier, TokenFixture.Ble(7, TokenFixture.NowStep - 1), -40));
        }

        [TestMethod]
        [DataRow(-2, 8)]
        [DataRow(-1, 0)]
        [DataRow(1, 0)]
        [DataRow(2, 9)]
        public void Clock_Skew_Of_One_Step_Is_Tolerated(int offset, int expected)
        {
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            Assert.AreEqual(expected, (int)Verify(verifier, TokenFixture.Ble(TokenFixture.User, TokenFixture.NowStep + offset), -40));
        }

        [TestMethod]
        public void Altered_Or_Foreign_Tokens_Fail()
        {
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            byte[] data = TokenFixture.Ble(TokenFixture.User, TokenFixture.NowStep);
            for (int i = 1; i < data.Length; i++)
            {
                byte[] altered = new byte[data.Length];
                System.Array.Copy(data, altered, data.Length);
                altered[i] ^= 0x01;
                ReadOutcome outcome = Verify(verifier, altered, -40);
                Assert.IsTrue(outcome == ReadOutcome.BadSignature, "byte " + i.ToString());
            }
            byte[] wrongVersion = new byte[data.Length];
            System.Array.Copy(data, wrongVersion, data.Length);
            wrongVersion[0] = 0xD2;
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)Verify(verifier, wrongVersion, -40));
            uint user;
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)verifier.Verify(0x004C, data, -40, out user), "another company's data");
        }

        [TestMethod]
        public void A_Bare_Address_Or_Uuid_Advertisement_Is_Not_A_Credential()
        {
            BleTokenVerifier verifier = new BleTokenVerifier(TokenFixture.SiteKey(), TokenFixture.Clock());
            // iBeacon-style payload (type, length, proximity UUID, major, minor, power) padded to the token length.
            byte[] uuidLike = new byte[] { 0x02, 0x15, 0xE2, 0xC5, 0x6D, 0xB5, 0xDF, 0xFB, 0x48, 0xD2, 0xB0, 0x60, 0xD0, 0xF5, 0xA7, 0x10, 0x96, 0xE0, 0x00, 0x01, 0x00, 0xC5 };
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)Verify(verifier, new byte[0], -30));
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)Verify(verifier, null, -30));
            Assert.AreEqual((int)ReadOutcome.Malformed, (int)Verify(verifier, uuidLike, -30));
        }

        [TestMethod]
        public void The_Normaliser_Queues_One_Entry_For_A_Burst_Of_Advertisements_And_Ignores_Far_Phones()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            DirectionMap directions = new DirectionMap();
            directions.SetForMethod(DoorController.Access.CredentialMethod.Ble, DoorController.Access.Direction.Entry);
            CredentialNormaliser normaliser = new CredentialNormaliser(clock, queue, directions);
            normaliser.Ble = new BleTokenVerifier(TokenFixture.SiteKey(), clock);
            byte[] data = TokenFixture.Ble(TokenFixture.User, TokenFixture.NowStep);
            normaliser.OnAdvertisement(4, 0xFFFF, data, -90);
            for (int i = 0; i < 10; i++)
            {
                normaliser.OnAdvertisement(4, 0xFFFF, data, -45);
            }
            Assert.AreEqual(1, queue.Count);
            Assert.AreEqual(10, normaliser.BleIgnored);
            CredentialInput input;
            queue.TryDequeue(out input);
            Assert.IsTrue(input.IsAccepted);
            Assert.AreEqual("00000412", Hex.Encode(input.Value));
            Assert.AreEqual((int)DoorController.Access.Direction.Entry, (int)input.Direction);
        }

        [TestMethod]
        public void The_Signed_Hint_Sets_The_Direction_Unless_The_Channel_Is_Configured()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            DirectionMap directions = new DirectionMap();
            CredentialNormaliser normaliser = new CredentialNormaliser(clock, queue, directions);
            normaliser.Ble = new BleTokenVerifier(TokenFixture.SiteKey(), clock);
            byte[] key = TokenKeys.DeriveUserKey(TokenFixture.SiteKey(), TokenKeys.BlePurpose, 1);
            normaliser.OnAdvertisement(4, 0xFFFF, BleToken.Create(key, 1, TokenFixture.NowStep, DoorController.Access.Direction.Exit), -40);
            directions.SetForReader(4, DoorController.Access.Direction.Entry);
            normaliser.OnAdvertisement(4, 0xFFFF, BleToken.Create(key, 1, TokenFixture.NowStep + 1, DoorController.Access.Direction.Exit), -40);
            CredentialInput input;
            queue.TryDequeue(out input);
            Assert.AreEqual((int)DoorController.Access.Direction.Exit, (int)input.Direction, "the phone's hint");
            queue.TryDequeue(out input);
            Assert.AreEqual((int)DoorController.Access.Direction.Entry, (int)input.Direction, "the installer's setting wins");
        }

        [TestMethod]
        public void A_Forged_Token_Is_Queued_As_Rejected_Once_Per_Quiet_Period()
        {
            ManualClock clock = TokenFixture.Clock();
            CredentialQueue queue = new CredentialQueue();
            CredentialNormaliser normaliser = new CredentialNormaliser(clock, queue, null);
            normaliser.Ble = new BleTokenVerifier(TokenFixture.SiteKey(), clock);
            byte[] forged = BleToken.Create(new byte[] { 9, 9, 9 }, 5, TokenFixture.NowStep);
            for (int i = 0; i < 5; i++)
            {
                normaliser.OnAdvertisement(4, 0xFFFF, forged, -40);
            }
            Assert.AreEqual(1, queue.Count);
            clock.Advance(CredentialNormaliser.BleRejectionQuietMilliseconds);
            normaliser.OnAdvertisement(4, 0xFFFF, forged, -40);
            Assert.AreEqual(2, queue.Count);
            CredentialInput input;
            queue.TryDequeue(out input);
            Assert.AreEqual((int)ReadOutcome.BadSignature, (int)input.Outcome);
            Assert.IsNull(input.Value);
        }
    }
}
