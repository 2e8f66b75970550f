using DoorController.Door;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Door
{
    [TestClass]
    public class IndicatorTests
    {
        /// <summary>Counts separate buzzer sounds in the first pass of a pattern, sampling every 10 ms.</summary>
        private static int BeepsIn(IndicatorPattern pattern)
        {
            int beeps = 0;
            bool was = false;
            int length = IndicatorPatterns.LengthMillisecondsOf(pattern);
            for (int t = 0; t < length; t += 10)
            {
                bool on = (IndicatorPatterns.OutputsAt(pattern, t) & IndicatorPatterns.Buzzer) != 0;
                if (on && !was) beeps++;
                was = on;
            }
            return beeps;
        }

        [TestMethod]
        [DataRow(1, 1)] // granted: one beep
        [DataRow(2, 3)] // denied: three beeps
        [DataRow(3, 1)] // error: one long beep
        [DataRow(4, 0)] // offline: silent
        public void Feedback_Patterns_Are_Told_Apart_By_Ear(int pattern, int beeps)
        {
            Assert.AreEqual(beeps, BeepsIn((IndicatorPattern)pattern));
        }

        [TestMethod]
        public void One_Shot_Patterns_End_And_States_Repeat()
        {
            Assert.AreEqual(0, IndicatorPatterns.OutputsAt(IndicatorPattern.Denied, 100000));
            Assert.AreEqual(IndicatorPatterns.Led, IndicatorPatterns.OutputsAt(IndicatorPattern.Offline, 2000 * 50 + 10));
            Assert.IsTrue(IndicatorPatterns.LengthMillisecondsOf(IndicatorPattern.Error) > 0);
        }

        [TestMethod]
        public void Grant_Beeps_Then_Holds_The_Led_And_Returns_To_Offline()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.SetOffline(true);
            rig.Machine.Grant(1, 0, false);
            rig.Run(50);
            Assert.IsTrue(rig.Machine.BuzzerOn);
            Assert.IsTrue(rig.Machine.LedOn);
            Assert.AreEqual(false, rig.Buzzer.Level, "active-low buzzer wire is pulled low to sound");
            rig.Run(500);
            Assert.IsFalse(rig.Machine.BuzzerOn);
            Assert.IsTrue(rig.Machine.LedOn);
            rig.Run(3000);
            Assert.AreEqual((int)IndicatorPattern.Offline, (int)rig.Machine.Pattern);
        }

        [TestMethod]
        public void Two_Denials_In_A_Row_Restart_The_Pattern()
        {
            DoorRig rig = new DoorRig();
            rig.Machine.Deny();
            rig.Run(700);
            Assert.IsFalse(rig.Machine.BuzzerOn, "first denial has finished beeping");
            rig.Machine.Deny();
            rig.Run(20);
            Assert.IsTrue(rig.Machine.BuzzerOn, "second denial beeps again from the start");
        }
    }
}
