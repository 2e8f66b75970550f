using System;
using DoorController.Link.Time;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    [TestClass]
    public class SiteClockTests
    {
        private const long T0 = 1763700000;
        private static MemoryFileStore _files;
        private static ManualClock _clock;

        private static SiteClock Fresh()
        {
            _files = new MemoryFileStore();
            _clock = new ManualClock();
            return new SiteClock(_clock, _files);
        }

        [TestMethod]
        public void Without_Any_Source_Time_Is_Unknown_And_Uncertain()
        {
            SiteClock c = Fresh();
            c.Load();
            Assert.AreEqual((int)TimeQuality.Unknown, (int)c.Quality);
            Assert.IsFalse(c.IsCertain);
            Assert.IsFalse(c.HasEstimate);
            Assert.AreEqual(0L, c.UnixSeconds);
            Assert.AreEqual("unknown", c.StateText);
        }

        [TestMethod]
        public void Authenticated_Server_Time_Makes_Time_Certain_And_It_Runs_On_Uptime()
        {
            SiteClock c = Fresh();
            Assert.IsTrue(c.SetAuthenticated(T0 * 1000));
            _clock.Advance(90000);
            Assert.IsTrue(c.IsCertain);
            Assert.AreEqual(T0 + 90, c.UnixSeconds);
            Assert.AreEqual("server", c.StateText);
        }

        [TestMethod]
        public void Implausible_Server_Time_Is_Ignored()
        {
            SiteClock c = Fresh();
            Assert.IsFalse(c.SetAuthenticated(5000));
            Assert.IsFalse(c.IsCertain);
        }

        [TestMethod]
        public void Reboot_Without_Network_Restores_Last_Known_Time_As_Uncertain_Lower_Bound()
        {
            SiteClock c = Fresh();
            c.SetAuthenticated(T0 * 1000);
            c.Tick();
            _clock.Advance(SiteClock.PersistIntervalMilliseconds);
            c.Tick();
            ManualClock afterReboot = new ManualClock();
            SiteClock rebooted = new SiteClock(afterReboot, _files);
            rebooted.Load();
            Assert.AreEqual((int)TimeQuality.LastKnown, (int)rebooted.Quality);
            Assert.IsFalse(rebooted.IsCertain, "a restored time is only a lower bound");
            Assert.AreEqual(T0 + SiteClock.PersistIntervalMilliseconds / 1000, rebooted.UnixSeconds);
            afterReboot.Advance(5000);
            Assert.AreEqual(T0 + SiteClock.PersistIntervalMilliseconds / 1000 + 5, rebooted.UnixSeconds);
            Assert.AreEqual("last-known", rebooted.StateText);
        }

        [TestMethod]
        public void Uncertain_Time_Is_Never_Persisted()
        {
            SiteClock c = Fresh();
            c.Tick();
            Assert.IsFalse(_files.Exists(SiteClock.FileName));
        }

        [TestMethod]
        public void Corrupt_Persisted_Time_Is_Ignored()
        {
            SiteClock c = Fresh();
            c.SetAuthenticated(T0 * 1000);
            c.Tick();
            byte[] raw = _files.ReadAll(SiteClock.FileName);
            raw[2] ^= 0x40;
            _files.WriteAll(SiteClock.FileName, raw);
            SiteClock rebooted = new SiteClock(new ManualClock(), _files);
            rebooted.Load();
            Assert.AreEqual((int)TimeQuality.Unknown, (int)rebooted.Quality);
        }

        [TestMethod]
        public void Sntp_Alone_Never_Makes_The_Time_Certain()
        {
            SiteClock c = Fresh();
            Assert.IsFalse(c.CorrectFromSntp(DateTime.UnixEpoch.AddSeconds(T0)));
            Assert.IsFalse(c.IsCertain);
            Assert.IsFalse(c.HasEstimate);
            Assert.AreEqual(1, c.SntpRefused);
        }

        [TestMethod]
        public void Sntp_Refines_Within_The_Tolerance_Of_The_Authenticated_Time()
        {
            SiteClock c = Fresh();
            c.SetAuthenticated(T0 * 1000);
            _clock.Advance(60000);
            Assert.IsTrue(c.CorrectFromSntp(DateTime.UnixEpoch.AddMilliseconds(T0 * 1000 + 60000 + 1500)));
            Assert.AreEqual(T0 * 1000 + 60000 + 1500, c.UnixMilliseconds);
            Assert.IsTrue(c.IsCertain);
        }

        [TestMethod]
        public void Forged_Sntp_Cannot_Step_Or_Walk_The_Clock()
        {
            SiteClock c = Fresh();
            c.SetAuthenticated(T0 * 1000);
            Assert.IsFalse(c.CorrectFromSntp(DateTime.UnixEpoch.AddSeconds(T0 + 365L * 24 * 3600)), "a year ahead");
            Assert.IsFalse(c.CorrectFromSntp(DateTime.UnixEpoch.AddSeconds(T0 - 3600)), "an hour back");
            // Many small forged steps in one direction: each is measured against the authenticated time, not the last step.
            for (int i = 0; i < 100; i++)
            {
                c.CorrectFromSntp(DateTime.UnixEpoch.AddMilliseconds(c.UnixMilliseconds - 4000));
            }
            long drift = T0 * 1000 - c.UnixMilliseconds;
            Assert.IsTrue(drift <= SiteClock.SntpToleranceMilliseconds, "walked " + drift + " ms");
            Assert.IsTrue(c.SntpRefused >= 2);
        }

        [TestMethod]
        public void The_Server_Sets_The_Time_In_Either_Direction()
        {
            SiteClock c = Fresh();
            c.SetAuthenticated(T0 * 1000);
            Assert.IsTrue(c.SetAuthenticated((T0 - 7200) * 1000), "the site's reference may correct a wrong clock back");
            Assert.AreEqual(T0 - 7200, c.UnixSeconds);
        }
    }
}
