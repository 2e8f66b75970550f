using DoorController.Access;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Access
{
    /// <summary>
    /// The key-use ledger, read from flash on demand, under LittleFS's rules (<see cref="SimulatedFlashStore"/>: durable
    /// only once closed): a cut at any point of a save keeps every use saved before it and leaves the new use either
    /// recorded whole or not at all, never a damaged file that would forget them all; a use whose save failed still
    /// counts until the next save takes it to flash.
    /// </summary>
    [TestClass]
    public class KeyUseFilePowerCutTests
    {
        private const long T = 1794967600;

        private static byte[] Key(int n)
        {
            byte[] hash = new byte[CredentialHasher.HashLength];
            hash[0] = (byte)n;
            hash[15] = (byte)(255 - n);
            return hash;
        }

        [TestMethod]
        public void A_Cut_While_A_New_Key_Is_Added_Keeps_The_Saved_Keys()
        {
            CutEverywhere(4, 4, T + 10, new long[] { T + 1, T + 2, T + 3, T + 10 });
        }

        [TestMethod]
        public void A_Cut_While_The_Oldest_Key_Is_Replaced_Keeps_The_Old_Or_The_New_File()
        {
            // Capacity 3: key 4 takes the place of key 1 (the oldest first use).
            CutEverywhere(3, 4, T + 10, new long[] { 0, T + 2, T + 3, T + 10 });
        }

        [TestMethod]
        public void A_Cut_While_An_Earlier_First_Use_Is_Recorded_Keeps_One_Of_The_Two_Times()
        {
            CutEverywhere(4, 2, T - 50, new long[] { T + 1, T - 50, T + 3, 0 });
        }

        /// <summary>Keys 1-3 saved at T+1..T+3, then key <paramref name="key"/> recorded at <paramref name="at"/> with
        /// the supply cut after every possible number of bytes; after the restart each key has its old first use or
        /// the one <paramref name="after"/> gives, and once the save completes, exactly those of <paramref name="after"/>.</summary>
        private static void CutEverywhere(int capacity, int key, long at, long[] after)
        {
            int points = 0;
            for (int cut = 1; ; cut++)
            {
                bool completed = false;
                for (int fate = 0; fate < 3; fate++)
                {
                    SimulatedFlashStore flash = new SimulatedFlashStore(cut * 3 + fate);
                    KeyUseFile ledger = KeyUseFile.Open(flash, KeyUseFile.DefaultName, capacity);
                    for (int k = 1; k <= 3; k++)
                    {
                        ledger.RecordUse(Key(k), 0, T + k);
                    }
                    Assert.IsFalse(ledger.SaveFailed);
                    flash.CutAfterBytes = cut;
                    ledger.RecordUse(Key(key), 0, at);
                    completed = !flash.PoweredOff;
                    Assert.AreEqual(!completed, ledger.SaveFailed);
                    flash.PoweredOff = true;
                    flash.PowerCycle();

                    KeyUseFile reopened = KeyUseFile.Open(flash, KeyUseFile.DefaultName, capacity);
                    bool sawNew = reopened.FirstUse(Key(key), 0) == after[key - 1];
                    for (int k = 1; k <= 4; k++)
                    {
                        long before = k <= 3 ? T + k : 0;
                        long now = reopened.FirstUse(Key(k), 0);
                        string where = "cut after " + cut + " bytes, fate " + fate + ", key " + k + ": " + now;
                        if (completed)
                        {
                            Assert.AreEqual(after[k - 1], now, where);
                        }
                        else
                        {
                            Assert.IsTrue(now == (sawNew ? after[k - 1] : before), where);
                        }
                    }
                }
                points++;
                if (completed)
                {
                    break;
                }
            }
            Assert.IsTrue(points > 20, "cut points tried: " + points);
        }

        [TestMethod]
        public void A_Use_Whose_Save_Failed_Still_Counts_And_Reaches_Flash_With_The_Next_Save()
        {
            SimulatedFlashStore flash = new SimulatedFlashStore(7);
            KeyUseFile ledger = KeyUseFile.Open(flash, KeyUseFile.DefaultName, 4);
            ledger.RecordUse(Key(1), 0, T + 1);
            flash.CutAfterBytes = 1;
            ledger.RecordUse(Key(2), 0, T + 2);
            Assert.IsTrue(ledger.SaveFailed);
            flash.PoweredOff = true;
            flash.PowerCycle(); // the flash is back; this ledger object (the controller) never restarted
            Assert.AreEqual(T + 2, ledger.FirstUse(Key(2), 0), "kept in RAM while unsaved");
            Assert.AreEqual(2, ledger.Count);

            ledger.RecordUse(Key(3), 0, T + 3);
            Assert.IsFalse(ledger.SaveFailed);
            KeyUseFile reopened = KeyUseFile.Open(flash, KeyUseFile.DefaultName, 4);
            Assert.AreEqual(3, reopened.Count);
            Assert.AreEqual(T + 1, reopened.FirstUse(Key(1), 0));
            Assert.AreEqual(T + 2, reopened.FirstUse(Key(2), 0));
            Assert.AreEqual(T + 3, reopened.FirstUse(Key(3), 0));
        }
    }
}
