using DoorController.Config;
using DoorController.Controller;
using DoorController.Journal;
using DoorController.Tests.Support;
using DoorController.Contract;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Controller
{
    /// <summary>Boots the whole controller on a test board, runs its main loop on the manual clock and reads its journal.</summary>
    public static class ControllerRun
    {
        /// <summary>Saves <paramref name="config"/> to <paramref name="files"/> (it must be valid) and boots on <paramref name="board"/>.</summary>
        public static ControllerApp Boot(IBoard board, MemoryFileStore files, ManualClock clock, ControllerConfig config)
        {
            string error;
            Assert.IsTrue(new ConfigStore(files).TrySave(config, out error), error);
            ControllerPlatform platform = new ControllerPlatform();
            platform.Clock = clock;
            platform.Files = files;
            platform.Board = board;
            platform.Network = board as DoorController.Hal.INetworkLink;
            ControllerApp app = new ControllerApp(platform);
            app.Boot();
            return app;
        }

        /// <summary>Main-loop passes every 10 ms for <paramref name="milliseconds"/>.</summary>
        public static void Run(ControllerApp app, ManualClock clock, int milliseconds)
        {
            for (int t = 0; t < milliseconds; t += 10)
            {
                clock.Advance(10);
                app.Tick();
            }
        }

        /// <summary>The journal's records (up to 64), oldest first.</summary>
        public static JournalRecord[] Records(EventJournal journal, out int count)
        {
            JournalRecord[] records = new JournalRecord[64];
            for (int i = 0; i < records.Length; i++)
            {
                records[i] = new JournalRecord();
            }
            count = journal.Read(0, records, 1 << 16);
            return records;
        }

        public static int CountOf(EventJournal journal, EventType type)
        {
            int n;
            JournalRecord[] records = Records(journal, out n);
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                if (records[i].Type == type) count++;
            }
            return count;
        }

        public static JournalRecord LastOf(EventJournal journal, EventType type)
        {
            int n;
            JournalRecord[] records = Records(journal, out n);
            JournalRecord last = null;
            for (int i = 0; i < n; i++)
            {
                if (records[i].Type == type) last = records[i];
            }
            return last;
        }
    }
}
