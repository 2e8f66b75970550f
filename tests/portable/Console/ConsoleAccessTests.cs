using DoorController.Provisioning;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Provisioning
{
    [TestClass]
    public class ConsoleAccessTests
    {
        [TestMethod]
        public void Passcode_Is_Required_After_A_Restart()
        {
            ConsoleHarness h = new ConsoleHarness();
            ConsoleAsserts.Ok(h.Send("set passcode 7391-open"));
            ConsoleAsserts.Ok(h.Send("status"));
            h.Restart();
            Assert.IsTrue(h.Banner.EndsWith(ConsoleSession.PasscodePrompt));
            string refused = h.Send("status");
            Assert.Contains("error: wrong passcode", refused);
            h.Clock.Advance(1000);
            string accepted = h.Send("7391-open");
            Assert.DoesNotContains("7391-open", accepted);
            Assert.Contains("*********", accepted);
            ConsoleAsserts.Ok(accepted);
            ConsoleAsserts.Ok(h.Send("status"));
        }

        [TestMethod]
        public void Wrong_Passcodes_Lock_Out_With_Doubling_Back_Off()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set passcode 7391-open");
            h.Restart();
            Assert.Contains("next attempt in 1 s", h.Send("guess-1"));
            Assert.Contains("locked out after 1 wrong passcode(s); retry in 1 s", h.Send("7391-open"));
            h.Clock.Advance(1000);
            Assert.Contains("next attempt in 2 s", h.Send("guess-2"));
            h.Clock.Advance(1999);
            Assert.Contains("locked out", h.Send("7391-open"));
            h.Clock.Advance(1);
            Assert.Contains("next attempt in 4 s", h.Send("guess-3"));
            Assert.AreEqual(3, h.Session.Guard.Failures);
            h.Clock.Advance(4000);
            ConsoleAsserts.Ok(h.Send("7391-open"));
            Assert.AreEqual(0, h.Session.Guard.Failures);
        }

        [TestMethod]
        public void Back_Off_Is_Capped()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set passcode 7391-open");
            h.Restart();
            for (int i = 0; i < 20; i++)
            {
                h.Send("wrong");
                h.Clock.Advance(ConsoleAccessGuard.MaxBackoffMilliseconds);
            }
            Assert.Contains("next attempt in 900 s", h.Send("wrong"));
        }

        [TestMethod]
        public void Idle_Session_Locks_Itself()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set passcode 7391-open");
            h.Clock.Advance(ConsoleAccessGuard.IdleTimeoutMilliseconds - 1);
            h.Session.Poll();
            Assert.AreEqual("", h.Line.Take());
            h.Clock.Advance(1);
            h.Session.Poll();
            string notice = h.Line.Take();
            Assert.Contains("session locked after 5 min idle", notice);
            Assert.IsTrue(notice.EndsWith(ConsoleSession.PasscodePrompt));
            Assert.AreEqual((int)ConsoleInputMode.Passcode, (int)h.Session.Mode);
        }

        [TestMethod]
        public void Lock_Command_Ends_The_Session()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set passcode 7391-open");
            string reply = h.Send("lock");
            Assert.IsTrue(reply.EndsWith("ok\r\n" + ConsoleSession.PasscodePrompt), reply);
        }

        [TestMethod]
        public void Sign_Ins_And_Saved_Changes_Are_Audited_Without_Secrets()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set passcode 7391-open");
            h.Send("set wifi Office sup3r-secret-psk");
            h.Send("set pin relay 35");
            h.Restart();
            h.Send("guess");
            h.Clock.Advance(1000);
            h.Send("7391-open");
            Assert.AreEqual(4, h.Device.Audit.Count, "a refused change is not audited");
            Assert.AreEqual("changed set passcode", (string)h.Device.Audit[0]);
            Assert.AreEqual("changed set wifi", (string)h.Device.Audit[1]);
            Assert.AreEqual("login refused 1", (string)h.Device.Audit[2]);
            Assert.AreEqual("login ok 0", (string)h.Device.Audit[3]);
        }

        [TestMethod]
        public void A_Reboot_Does_Not_Clear_The_Back_Off()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set passcode 7391-open");
            h.Restart();
            h.Send("guess-1");
            h.Clock.Advance(1000);
            h.Send("guess-2");
            h.Clock.Advance(2000);
            h.Send("guess-3");
            h.Restart();
            Assert.AreEqual(3, h.Session.Guard.Failures);
            Assert.Contains("locked out after 3 wrong passcode(s); retry in 4 s", h.Send("7391-open"));
            h.Clock.Advance(4000);
            ConsoleAsserts.Ok(h.Send("7391-open"));
            h.Restart();
            Assert.AreEqual(0, h.Session.Guard.Failures);
            Assert.IsFalse(h.Files.Exists(ConsoleLockoutRecord.FileName));
        }

        [TestMethod]
        public void A_Damaged_Lockout_Record_Counts_As_None()
        {
            ConsoleHarness h = new ConsoleHarness();
            h.Send("set passcode 7391-open");
            h.Files.WriteAll(ConsoleLockoutRecord.FileName, new byte[] { 9, 0, 0, 0, 1, 2, 3, 4 });
            h.Restart();
            Assert.AreEqual(0, h.Session.Guard.Failures);
            ConsoleAsserts.Ok(h.Send("7391-open"));
        }
    }
}
