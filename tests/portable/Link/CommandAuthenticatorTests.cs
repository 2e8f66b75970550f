using System;
using System.Text;
using DoorController.Link.Commands;
using DoorController.Contract;
using DoorController.Link.Time;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    [TestClass]
    public class CommandAuthenticatorTests
    {
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("device-key-0001");
        private const long Now = 1763700000;
        private static MemoryFileStore _files;
        private static ManualClock _clock;
        private static SiteClock _site;

        private static CommandAuthenticator Fresh(bool timeKnown)
        {
            _files = new MemoryFileStore();
            _clock = new ManualClock();
            _site = new SiteClock(_clock, _files);
            if (timeKnown)
            {
                _site.SetAuthenticated(Now * 1000);
            }
            CommandAuthenticator auth = new CommandAuthenticator(_files, Key, "door-12", _site);
            auth.Load();
            return auth;
        }

        private static CommandMessage Signed(long counter, long issuedAt, string deviceId)
        {
            CommandMessage c = new CommandMessage();
            c.RequestId = "c-" + counter;
            c.Command = "unlock";
            c.Door = 1;
            c.DurationMilliseconds = 5000;
            c.Counter = counter;
            c.IssuedAt = issuedAt;
            c.Sign(Key, deviceId);
            return c;
        }

        [TestMethod]
        public void Correctly_Signed_Fresh_Command_Is_Accepted()
        {
            CommandAuthenticator auth = Fresh(true);
            string error;
            Assert.IsTrue(auth.Verify(Signed(1, Now, "door-12"), out error), error);
            Assert.AreEqual(1L, auth.LastCounter);
        }

        [TestMethod]
        public void Tampered_Field_Or_Other_Device_Fails_The_Mac()
        {
            CommandAuthenticator auth = Fresh(true);
            string error;
            CommandMessage c = Signed(1, Now, "door-12");
            c.Door = 2;
            Assert.IsFalse(auth.Verify(c, out error));
            Assert.AreEqual("bad-mac", error);
            Assert.IsFalse(auth.Verify(Signed(2, Now, "door-13"), out error), "signed for another controller");
            Assert.AreEqual("bad-mac", error);
            CommandMessage junk = Signed(3, Now, "door-12");
            junk.Mac = "zz";
            Assert.IsFalse(auth.Verify(junk, out error));
            Assert.AreEqual(0L, auth.LastCounter);
        }

        [TestMethod]
        public void Replayed_Or_Older_Counter_Is_Refused()
        {
            CommandAuthenticator auth = Fresh(true);
            string error;
            CommandMessage first = Signed(10, Now, "door-12");
            Assert.IsTrue(auth.Verify(first, out error));
            Assert.IsFalse(auth.Verify(first, out error));
            Assert.AreEqual("replayed", error);
            Assert.IsFalse(auth.Verify(Signed(9, Now, "door-12"), out error));
            Assert.AreEqual("replayed", error);
        }

        [TestMethod]
        public void Counter_Survives_A_Reboot()
        {
            CommandAuthenticator auth = Fresh(true);
            string error;
            CommandMessage c = Signed(77, Now, "door-12");
            Assert.IsTrue(auth.Verify(c, out error));
            CommandAuthenticator rebooted = new CommandAuthenticator(_files, Key, "door-12", _site);
            rebooted.Load();
            Assert.AreEqual(77L, rebooted.LastCounter);
            Assert.IsFalse(rebooted.Verify(c, out error));
            Assert.AreEqual("replayed", error);
        }

        [DataRow(301)]
        [DataRow(-301)]
        public void Command_Outside_The_Time_Window_Is_Stale(int skewSeconds)
        {
            CommandAuthenticator auth = Fresh(true);
            string error;
            Assert.IsFalse(auth.Verify(Signed(1, Now + skewSeconds, "door-12"), out error));
            Assert.AreEqual("stale", error);
            Assert.IsTrue(auth.Verify(Signed(2, Now + skewSeconds / 2, "door-12"), out error), "inside the window");
        }

        [TestMethod]
        public void With_An_Uncertain_Clock_Only_The_Counter_Guards()
        {
            CommandAuthenticator auth = Fresh(false);
            string error;
            Assert.IsTrue(auth.Verify(Signed(1, Now + 86400, "door-12"), out error), error);
            Assert.IsFalse(auth.Verify(Signed(1, Now, "door-12"), out error));
            Assert.AreEqual("replayed", error);
        }
    }
}
