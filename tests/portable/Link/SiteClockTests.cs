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
        public void Sntp_Makes_Time_Certain_And_It_Runs_On_Uptime()
        {
            SiteClock c = Fresh();
            Assert.IsTrue(c.SetFromSntp(DateTime.UnixEpoch.AddSeconds(T0)));
            _clock.Advance(90000);
            Assert.IsTrue(c.IsCertain);
            Assert.AreEqual(T0 + 90, c.UnixSeconds);
            Assert.AreEqual("sntp", c.StateText);
        }

        [TestMethod]
        public void Implausible_Sntp_Reading_Is_Ignored()
        {
            SiteClock c = Fresh();
            Assert.IsFalse(c.SetFromSntp(new DateTime(1970, 1, 1, 0, 0, 5)));
            Assert.IsFalse(c.IsCertain);
        }

        [TestMethod]
        public void Reboot_Without_Network_Restores_Last_Known_Time_As_Uncertain_Lower_Bound()
        {
            SiteClock c = Fresh();
            c.SetFromSntp(DateTime.UnixEpoch.AddSeconds(T0));
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
            c.SetFromSntp(DateTime.UnixEpoch.AddSeconds(T0));
            c.Tick();
            byte[] raw = _files.ReadAll(SiteClock.FileName);
            raw[2] ^= 0x40;
            _files.WriteAll(SiteClock.FileName, raw);
            SiteClock rebooted = new SiteClock(new ManualClock(), _files);
            rebooted.Load();
            Assert.AreEqual((int)TimeQuality.Unknown, (int)rebooted.Quality);
        }

        [TestMethod]
        public void Server_Time_Is_The_Fallback_When_Sntp_Is_Missing()
        {
            SiteClock c = Fresh();
            Assert.IsTrue(c.ObserveServerTime(T0));
            Assert.IsTrue(c.IsCertain);
            Assert.AreEqual("server", c.StateText);
            Assert.IsFalse(c.ObserveServerTime(12), "implausible server time");
        }

        [TestMethod]
        public void Fresh_Sntp_Outranks_The_Server_Clock()
        {
            SiteClock c = Fresh();
            c.SetFromSntp(DateTime.UnixEpoch.AddSeconds(T0));
            Assert.IsFalse(c.ObserveServerTime(T0 + 500));
            Assert.AreEqual(T0, c.UnixSeconds);
            _clock.Advance(SiteClock.SntpFreshMilliseconds);
            Assert.IsTrue(c.ObserveServerTime(T0 + 86400 + 3), "stale SNTP yields to the server");
        }

        [TestMethod]
        public void Server_Cannot_Turn_The_Clock_Back_More_Than_An_Hour()
        {
            SiteClock c = Fresh();
            c.ObserveServerTime(T0);
            Assert.IsFalse(c.ObserveServerTime(T0 - 7200));
            Assert.AreEqual(T0, c.UnixSeconds);
            Assert.IsTrue(c.ObserveServerTime(T0 - 60), "small corrections are fine");
        }
    }
}
