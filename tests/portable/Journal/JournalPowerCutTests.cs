using System;
using System.Collections;
using DoorController.Journal;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Journal
{
    /// <summary>
    /// The durability proof: 10,000 power cuts at random byte offsets (seeded, reproducible) over a long-lived
    /// simulated flash with LittleFS's rules (<see cref="SimulatedFlashStore"/>: a write is durable only once its file is
    /// closed; a cut drops, tears or lands whatever was written since the last close). After every recovery each event
    /// whose append returned (or whose batch commit returned) must be replayed exactly once, in id order,
    /// byte-identical; nothing else may be handed out except the in-flight appends and the journal's own overflow records.
    /// </summary>
    [TestClass]
    public class JournalPowerCutTests
    {
        private const int Seed = 20261121;
        private const int Cuts = 10000;

        [TestMethod]
        public void Ten_Thousand_Random_Power_Cuts_Lose_No_Returned_Append_And_Hand_Out_Nothing_Corrupt()
        {
            PowerCutRun run = new PowerCutRun(Seed);
            run.Execute(Cuts);
            OutputHelper.WriteLine("journal power-cut test: seed=" + Seed + " cuts=" + run.CutsDone
                + " events_checked=" + run.EventsChecked + " lost=" + run.Lost + " corrupt_accepted=" + run.CorruptAccepted
                + " duplicates=" + run.Duplicates + " appends_returned=" + run.AppendsReturned + " dropped_full=" + run.DroppedFull
                + " commits=" + run.Store.Commits + " uncommitted_lost=" + run.Store.LostFiles
                + " uncommitted_torn=" + run.Store.TornFiles + " uncommitted_landed=" + run.Store.LandedFiles
                + " cut_during_recovery=" + run.CutsDuringRecovery + " overflow_records=" + run.OverflowRecords);
            Assert.AreEqual(Cuts, run.CutsDone, "power cuts performed");
            Assert.AreEqual(0, run.Lost, "events whose append returned but were not replayed");
            Assert.AreEqual(0, run.CorruptAccepted, "records handed out that were never appended or differ");
            Assert.AreEqual(0, run.Duplicates, "records handed out twice or out of order");
            Assert.AreEqual(0, run.CursorErrors, "recovered cursor outside [last returned ack, in-flight ack]");
            Assert.AreEqual(0, run.IdErrors, "ids not strictly increasing across reboots");
            Assert.AreEqual(0, run.DepthErrors, "Depth differs from the records replayed");
            Assert.AreEqual(0, run.OpenFailures, "recoveries that failed without a power cut");
            Assert.IsTrue(run.EventsChecked > Cuts * 5, "events checked: " + run.EventsChecked);
            Assert.IsTrue(run.AppendsAfterFinalRecovery > 0, "appends continue after the last recovery");
            Assert.IsTrue(run.Store.TornFiles > 1000 && run.Store.LostFiles > 1000 && run.Store.LandedFiles > 1000,
                "fault injection actually dropped, tore and landed uncommitted writes");
            Assert.IsTrue(run.DroppedFull > 0 && run.OverflowRecords > 0, "the overflow path was exercised");
        }
    }
}
