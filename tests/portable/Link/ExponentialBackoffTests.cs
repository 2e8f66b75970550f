using System;
using DoorController.Link;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Link
{
    [TestClass]
    public class ExponentialBackoffTests
    {
        [TestMethod]
        public void Delays_Double_Up_To_The_Cap_And_Stay_Within_Half_To_Full()
        {
            ExponentialBackoff b = new ExponentialBackoff(1000, 60000, new Random(42));
            int[] nominal = new int[] { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
            for (int i = 0; i < nominal.Length; i++)
            {
                Assert.AreEqual(nominal[i], b.NominalMilliseconds());
                int d = b.NextDelayMilliseconds();
                Assert.IsTrue(d >= nominal[i] / 2 && d <= nominal[i], "attempt " + i + ": " + d + " outside [" + nominal[i] / 2 + ", " + nominal[i] + "]");
            }
        }

        [TestMethod]
        public void Jitter_Spreads_Controllers_That_Fail_Together()
        {
            int distinct = 0;
            int previous = -1;
            for (int seed = 0; seed < 20; seed++)
            {
                ExponentialBackoff b = new ExponentialBackoff(1000, 60000, new Random(seed));
                b.NextDelayMilliseconds();
                b.NextDelayMilliseconds();
                int third = b.NextDelayMilliseconds();
                if (third != previous) distinct++;
                previous = third;
            }
            Assert.IsTrue(distinct >= 15, "only " + distinct + " distinct delays out of 20");
        }

        [TestMethod]
        public void Reset_Starts_Over_After_A_Successful_Connect()
        {
            ExponentialBackoff b = new ExponentialBackoff(500, 8000, new Random(1));
            for (int i = 0; i < 10; i++) b.NextDelayMilliseconds();
            Assert.AreEqual(8000, b.NominalMilliseconds());
            b.Reset();
            Assert.AreEqual(500, b.NominalMilliseconds());
            Assert.IsTrue(b.NextDelayMilliseconds() <= 500);
        }

        [TestMethod]
        public void Many_Failures_Do_Not_Overflow()
        {
            ExponentialBackoff b = new ExponentialBackoff(1000, int.MaxValue, new Random(3));
            for (int i = 0; i < 1000; i++)
            {
                Assert.IsTrue(b.NextDelayMilliseconds() >= 0);
            }
        }
    }
}
