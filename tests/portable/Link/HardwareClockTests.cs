using System;
using DoorController.Access;
using DoorController.Contract;
using DoorController.Link.Time;
using DoorController.Tests.Link.Fakes;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    /// <summary>
    /// The DS3231 in the time-source order (docs/time.md): authenticated server clock (SNTP within its bound) → DS3231
    /// whose oscillator never stopped → the flash-saved last time as an uncertain lower bound.
    /// </summary>
    [TestClass]
    public class HardwareClockTests
    {
        // Friday 2026-11-20 10:00 JST.
        private static readonly long FridayTenJst = PatentSite.FridayTenJst;
        private static MemoryFileStore _files;
        private static ManualClock _clock;

        private static SiteClock Boot(FakeDs3231 chip)
        {
            SiteClock c = new SiteClock(_clock, _files);
            c.AttachHardwareClock(chip == null ? null : new Ds3231Clock(chip));
            c.Load();
            return c;
        }

        private static void PowerOn()
        {
            _files = new MemoryFileStore();
            _clock = new ManualClock();
        }

        /// <summary>An office-hours permission decided offline at the clock's time, with its certainty.</summary>
        private static AccessDecision DecideOfficeHours(SiteClock c)
        {
            PatentSite s = new PatentSite();
            const int clerk = 500;
            s.Users.Add(clerk, UserAttribute.Employee);
            s.AddCredential(clerk, CredentialMethod.Nfc, "04C1E4C0", 0, 0, CredentialFlags.None, 0);
            s.Permissions.Add(Permission.ForUser(clerk, PermissionTarget.Reader, PatentSite.G1)
                .During(new TimeWindow[] { TimeWindow.Hours(TimeWindow.Weekdays, 9, 0, 18, 0) }));
            s.Request.Set(PatentSite.G1, CredentialMethod.Nfc, c.UnixSeconds, DecisionMode.Offline, Direction.Unknown);
            s.Request.TimeUncertain = !c.IsCertain;
            byte[] raw = System.Text.Encoding.UTF8.GetBytes("04C1E4C0");
            return s.Pipeline.DecideRaw(s.Request, s.Hasher, raw, 0, raw.Length);
        }

        [TestMethod]
        public void Boot_With_A_Good_Rtc_And_No_Network_Has_Trusted_Time_And_Decides_In_The_Right_Window()
        {
            PowerOn();
            FakeDs3231 chip = new FakeDs3231(_clock, FridayTenJst, false);
            SiteClock c = Boot(chip);
            Assert.AreEqual((int)TimeQuality.Rtc, (int)c.Quality);
            Assert.IsTrue(c.IsCertain);
            Assert.AreEqual("rtc", c.StateText);
            Assert.AreEqual("ok", c.RtcState);
            Assert.AreEqual(FridayTenJst, c.UnixSeconds);
            Assert.IsTrue(DecideOfficeHours(c).Allowed, "10:00 on a Friday is in office hours");

            _clock.Advance(9 * 3600 * 1000L); // 19:00: the same clock now says outside the window
            AccessDecision evening = DecideOfficeHours(c);
            Assert.IsFalse(evening.Allowed);
            Assert.AreEqual((int)ReasonCode.OutsideTimeWindow, (int)evening.Reason);
        }

        [TestMethod]
        public void An_Rtc_Whose_Oscillator_Stopped_Is_Not_Trusted_And_The_Clock_Falls_Back_And_Says_So()
        {
            PowerOn();
            SiteClock first = Boot(null);
            first.SetAuthenticated((FridayTenJst - 3600) * 1000);
            first.Tick(); // time.last written
            FakeDs3231 chip = new FakeDs3231(_clock, FridayTenJst, true);
            SiteClock c = Boot(chip);
            Assert.AreEqual((int)TimeQuality.LastKnown, (int)c.Quality);
            Assert.IsFalse(c.IsCertain);
            Assert.AreEqual("oscillator-stopped", c.RtcState);
            AccessDecision d = DecideOfficeHours(c);
            Assert.IsFalse(d.Allowed);
            Assert.AreEqual((int)ReasonCode.ClockNotSet, (int)d.Reason);

            PowerOn();
            Assert.AreEqual((int)TimeQuality.Unknown, (int)Boot(new FakeDs3231(_clock, FridayTenJst, true)).Quality, "no time.last either: unknown");
        }

        [TestMethod]
        public void An_Rtc_Behind_The_Saved_Time_Or_Not_Answering_Is_Not_Trusted()
        {
            PowerOn();
            SiteClock first = Boot(null);
            first.SetAuthenticated(FridayTenJst * 1000);
            first.Tick();
            SiteClock behind = Boot(new FakeDs3231(_clock, FridayTenJst - 86400, false));
            Assert.IsFalse(behind.IsCertain);
            Assert.AreEqual("behind-last-known", behind.RtcState);

            FakeDs3231 silent = new FakeDs3231(_clock, FridayTenJst, false);
            silent.Answering = false;
            SiteClock c = Boot(silent);
            Assert.IsFalse(c.IsCertain);
            Assert.AreEqual("not-answering", c.RtcState);
        }

        [TestMethod]
        public void The_Server_Clock_Sets_The_Rtc_And_Clears_Its_Stop_Flag_So_The_Next_Boot_Trusts_It()
        {
            PowerOn();
            FakeDs3231 chip = new FakeDs3231(_clock, 0, true); // new chip: 2000-01-01, oscillator-stop set
            SiteClock c = Boot(chip);
            Assert.IsFalse(c.IsCertain);
            ClockSync sync = new ClockSync(c);
            Assert.IsTrue(Answer(sync, FridayTenJst * 1000, 100));
            Assert.AreEqual("set", c.RtcState);
            Assert.IsFalse(chip.OscillatorStopped);
            Assert.AreEqual(FridayTenJst, chip.UnixSeconds);

            // Power and network lost: the next boot has trusted time from the chip alone.
            _clock.Advance(3600 * 1000L);
            SiteClock rebooted = Boot(chip);
            Assert.AreEqual((int)TimeQuality.Rtc, (int)rebooted.Quality);
            Assert.AreEqual(FridayTenJst + 3600, rebooted.UnixSeconds);
        }

        [TestMethod]
        public void A_Forged_Or_Held_Back_Clock_Answer_Changes_Neither_The_Clock_Nor_The_Rtc()
        {
            PowerOn();
            FakeDs3231 chip = new FakeDs3231(_clock, FridayTenJst, false);
            SiteClock c = Boot(chip);
            ClockSync sync = new ClockSync(c);
            string error;
            ClockMessage forged = new ClockMessage();
            forged.Nonce = 12345; // no request of ours
            forged.UtcMilliseconds = (FridayTenJst + 365L * 86400) * 1000;
            Assert.IsFalse(sync.OnClock(forged, _clock.UptimeMilliseconds, out error));
            Assert.IsFalse(Answer(sync, (FridayTenJst - 3600) * 1000, ClockSync.MaxRoundTripMilliseconds + 1), "held back past the round-trip bound");
            Assert.AreEqual(0, chip.TimeWrites);
            Assert.AreEqual(FridayTenJst + 2, c.UnixSeconds);
            Assert.AreEqual((int)TimeQuality.Rtc, (int)c.Quality);

            // Unauthenticated SNTP: within 5 s of the chip's reading it refines (and sets the chip); beyond, nothing.
            Assert.IsFalse(c.CorrectFromSntp(DateTime.UnixEpoch.AddSeconds(FridayTenJst + 3600)));
            Assert.AreEqual(0, chip.TimeWrites);
            Assert.IsTrue(c.CorrectFromSntp(DateTime.UnixEpoch.AddSeconds(FridayTenJst + 4)));
            Assert.AreEqual(1, chip.TimeWrites);
            Assert.AreEqual(FridayTenJst + 4, chip.UnixSeconds);
        }

        [TestMethod]
        public void Registers_Round_Trip_And_Impossible_Values_Are_Refused()
        {
            byte[] r = new byte[7];
            long[] times = { FridayTenJst, 946684800L, 4102444800L + 86399 }; // 2000-01-01, 2100-01-01 23:59:59
            for (int i = 0; i < times.Length; i++)
            {
                Ds3231Clock.Encode(times[i], r, 0);
                long back;
                Assert.IsTrue(Ds3231Clock.TryDecode(r, out back));
                Assert.AreEqual(times[i], back);
            }
            r[0] = 0x61; // 61 seconds
            long ignored;
            Assert.IsFalse(Ds3231Clock.TryDecode(r, out ignored));
        }

        /// <summary>Asks like the link does and answers after <paramref name="roundTrip"/> ms with the server's time.</summary>
        private static bool Answer(ClockSync sync, long serverMs, int roundTrip)
        {
            RecordingTransport transport = new RecordingTransport();
            transport.Connected = true;
            LinkTopics topics = new LinkTopics("door-1");
            DoorController.Link.LinkWire wire = new DoorController.Link.LinkWire(transport, new WireKeys(LinkHarness.Utf8("device-key"), topics), 1);
            sync.Tick(wire, topics.ClockRequest, _clock.UptimeMilliseconds);
            ClockRequest request;
            string error;
            Assert.IsTrue(ClockRequest.TryParse(((PublishedMessage)transport.Published[transport.Published.Count - 1]).Payload, out request, out error));
            _clock.Advance(roundTrip);
            ClockMessage answer = new ClockMessage();
            answer.Nonce = request.Nonce;
            answer.UtcMilliseconds = serverMs;
            return sync.OnClock(answer, _clock.UptimeMilliseconds, out error);
        }
    }
}
