using System;
using System.Diagnostics;
using DoorController.Contract;
using DoorController.Server.Decisions;

namespace DoorController.Bench
{
    /// <summary>tools/bench online's fixed costs per decision, each measured alone on one thread in CPU time (so
    /// independent of the machine's load): the message MACs, and what the stage breakdown itself adds.</summary>
    internal static class OnlineCosts
    {
        /// <summary>The four MACs one online decision costs (controller seals, server verifies; server seals, controller
        /// verifies), on one thread while the rest of the bench is idle, in CPU time: independent of the machine's load.</summary>
        internal static double MacMicrosecondsPerDecision(SiteLayout site)
        {
            var keys = site.Keys[0];
            var request = new DecisionRequest { RequestId = "q-4294967313", Nonce = 4294967313, Reader = site.Readers[0], CredentialKind = "nfc", CredentialHash = site.Hashes[0][0], At = 1763700000 };
            var response = new DecisionResponse { RequestId = "q-4294967313", Nonce = 4294967313, Granted = true, Reason = "granted", UnlockMilliseconds = 5000 };
            byte[] requestJson = request.ToJson(), responseJson = response.ToJson();
            void Once()
            {
                if (!keys.Verify(keys.Topics.DecisionRequest, keys.Seal(keys.Topics.DecisionRequest, requestJson), out _)
                    || !keys.Verify(keys.Topics.DecisionResponse, keys.Seal(keys.Topics.DecisionResponse, responseJson), out _)) throw new InvalidOperationException("MAC round trip failed");
            }
            for (int i = 0; i < 2000; i++) Once();
            const int rounds = 50000;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < rounds; i++) Once();
            return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000.0 / rounds;
        }

        /// <summary>What the stage breakdown adds to a decision while recording: the timestamps the decision takes on its
        /// way and the sample kept when its answer is published, on one thread, in CPU time.</summary>
        internal static double StageNanosecondsPerDecision()
        {
            var stages = new DecisionStages();
            var item = new PendingDecision("d-bench0", new DecisionRequest { RequestId = "0-1", Nonce = 1 }, null, (_, _) => { });
            void Once()
            {
                item.Times.Received = Stopwatch.GetTimestamp();
                item.Times.Decided = Stopwatch.GetTimestamp();
                item.Times.BatchStarted = Stopwatch.GetTimestamp();
                item.Times.Written = Stopwatch.GetTimestamp();
                item.Times.Committed = Stopwatch.GetTimestamp();
                stages.Published(item);
            }
            stages.Recording = true;
            for (int i = 0; i < 10000; i++) Once();
            const int rounds = 200000;
            stages.Recording = true; // clears the warm-up's samples
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < rounds; i++) Once();
            double nanos = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1e6 / rounds;
            stages.Recording = false;
            stages.Clear();
            return nanos;
        }
    }
}
