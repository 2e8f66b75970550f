using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using DoorController.Access;
using DoorController.Bench.Heap;
using DoorController.Controller;
using DoorController.Server.Sync;

namespace DoorController.Bench
{
    /// <summary>
    /// tools/bench heap [people]: the controller's managed heap as nanoCLR holds it (<see cref="NanoHeapModel"/>, priced
    /// by <see cref="HeapWalker"/>, checked against nanoCLR by <see cref="HeapCalibration"/>). Boots the reference site's
    /// controller (<see cref="ReferenceSite"/>, cache built by the server's bundle builder) and reports what it retains
    /// after boot, after 1,000 and after <c>people</c> (default 10,000) distinct people passed, the growth between those
    /// two, the transient peaks (<see cref="HeapPeaks"/>) and, separately, a controller whose site config is at the
    /// format's caps, with one door and with two (interlocked).
    /// </summary>
    public static class HeapBench
    {
        public const long RetainedBudget = 36 * 1000;
        public const long PeakBudget = 44 * 1000;
        public const long GrowthTolerance = 120;

        public static string Run(BenchContext ctx)
        {
            int people = ctx.Args.Length > 0 ? int.Parse(ctx.Args[0]) : 10000;
            var calibration = HeapCalibration.NanoClrPoints();
            var issue = HeapCalibration.IssuePoints();

            ctx.Progress("building the reference site (" + people + " people) and its controller bundle");
            var site = new ReferenceSite(people);
            StoreImage store = ControllerBundleBuilder.Collect(site.Snapshot, new AccessOptions(), ReferenceSite.DeviceId);
            byte[] body = ControllerBundleBuilder.BuildFull(store, BenchController.DeviceKey, ReferenceSite.SiteKey, 1);
            ctx.Progress("bundle body " + body.Length + " bytes: " + store.Count + " credentials, " + store.Layout.Profiles + " profiles, " + store.Layout.Sets + " permission sets");

            using var controller = new BenchController(Path.Combine(ctx.ScratchDirectory, "flash"), body);
            var boot = Measure(controller.App);
            int first = Math.Min(1000, people);
            for (int p = 0; p < first; p++) controller.Pass(p);
            var afterFirst = Measure(controller.App);
            for (int p = first; p < people; p++) controller.Pass(p);
            var steady = Measure(controller.App);
            ctx.Progress(controller.App.Flow.Decisions + " decisions, " + controller.App.Flow.Granted + " granted");
            var peaks = HeapPeaks.Measure(controller);
            HeapPeaks.Operation worst = peaks.OrderByDescending(o => o.Bytes).First();
            long retained = Math.Max(boot.Total, Math.Max(afterFirst.Total, steady.Total));
            long peak = retained + worst.Bytes;
            long growth = steady.Total - afterFirst.Total;

            long caps = CapsRetained(ctx, false);
            long capsTwoDoors = CapsRetained(ctx, true);

            Report(ctx, people, store, body.Length, boot, afterFirst, steady, peaks, caps, capsTwoDoors, calibration, issue);
            double calibrationError = calibration.Max(p => Math.Abs(p.ErrorPercent));
            string line = "bench heap: retained_bytes=" + retained + " peak_bytes=" + peak + " retained_after_" + people + "_people_bytes=" + steady.Total
                + " growth_" + first + "_to_" + people + "_people_bytes=" + growth + " retained_at_config_caps_bytes=" + caps
                + " retained_at_config_caps_two_doors_bytes=" + capsTwoDoors + " calibration_max_error_pct=" + calibrationError.ToString("F1");
            // Fixed rings (the console log's last 16 lines) hold texts of varying length: a few bytes either way are not growth.
            if (retained > RetainedBudget || peak > PeakBudget || growth > GrowthTolerance || caps > RetainedBudget || capsTwoDoors > RetainedBudget)
            {
                foreach (string l in ctx.ReportLines) ctx.Progress(l);
                throw new InvalidOperationException("over budget (retained <= " + RetainedBudget + ", peak <= " + PeakBudget + ", no growth): " + line);
            }
            return line;
        }

        private sealed class Measurement
        {
            public readonly HeapWalker Walker = new HeapWalker();
            public readonly List<(string Part, long Bytes)> Parts = new List<(string, long)>();
            public long Total => Walker.Total;
        }

        private static Measurement Measure(ControllerApp app)
        {
            var m = new Measurement();
            Part(m, "access (cache, pipeline, presence, token checks)", () => m.Walker.Measure(app.Cache));
            Part(m, "journal", () => m.Walker.Measure(app.Journal));
            Part(m, "door", () => m.Walker.Measure(app.Door));
            Part(m, "readers", () => m.Walker.Measure(app.Normaliser));
            Part(m, "link", () => m.Walker.Measure(app.Link));
            Part(m, "console, controller loop, log, configuration", () => m.Walker.Measure(Field(app, "_console")) + m.Walker.Measure(app));
            Part(m, "static fields of the device assemblies", () => m.Walker.MeasureStatics(HeapWalker.DeviceTypes()));
            return m;
        }

        private static void Part(Measurement m, string name, Func<long> measure)
        {
            m.Walker.Part = name;
            m.Parts.Add((name, measure()));
        }

        /// <summary>A controller whose site config has every kind of entry at its cap (SiteCacheFormat), after 200 people.</summary>
        /// <param name="twoDoors">the controller drives a second door, interlocked with the first</param>
        private static long CapsRetained(BenchContext ctx, bool twoDoors)
        {
            byte[] body = ControllerBundleBuilder.BuildFull(CapsStore(), BenchController.DeviceKey, ReferenceSite.SiteKey, 1);
            using var controller = new BenchController(Path.Combine(ctx.ScratchDirectory, twoDoors ? "caps2" : "caps"), body, twoDoors);
            for (int p = 0; p < 200; p++) controller.Pass(p);
            Measurement m = Measure(controller.App);
            string label = twoDoors ? "config at the caps, two doors: " : "config at the caps: ";
            foreach (var (part, bytes) in m.Parts) ctx.Progress(label + part + ": " + bytes);
            foreach (var (type, count, bytes) in m.Walker.TopOfPart(m.Parts[0].Part, 12)) ctx.Progress("    " + type + " x" + count + ": " + bytes);
            return m.Total;
        }

        private static StoreImage CapsStore()
        {
            var w = new SiteCacheWriter();
            string name = "a name the server keeps";
            for (int i = 0; i < SiteCacheFormat.MaxAreas; i++) w.AddArea(new Area(10 + i, i == 0 ? 0 : 10 + (i - 1) / 2, name));
            for (int i = 0; i < SiteCacheFormat.MaxDoors; i++) w.AddDoor(new DoorInfo(1 + i, name, i % 2 == 0, 5000));
            for (int i = 0; i < SiteCacheFormat.MaxReaders; i++)
            {
                var reader = new Reader { Id = ReferenceSite.FirstReader + i, Name = name, DoorId = 1 + i, FromArea = 10 + i, ToArea = 20 + i, Usage = ReaderUsage.Toggle };
                reader.SetGeo(35.6, 139.7).SetLocal(i, i);
                w.AddReader(reader);
            }
            for (int i = 0; i < SiteCacheFormat.MaxPolicies; i++)
            {
                var policy = new AccessPolicy { TimedApbSeconds = i % (SiteCacheFormat.MaxDistinctPolicies - 1) }; // the default policy is the last distinct one
                w.AddPolicy(ReferenceSite.FirstReader + i / 8, (UserAttribute)(i % 8 == 0 ? 0 : i % 7), policy);
            }
            for (int i = 0; i < SiteCacheFormat.MaxRoutes; i++)
            {
                w.AddRoute((UserAttribute)(i % 7), ReferenceSite.FirstReader + i / 2, new NotificationRoute(i + 1, name, 7, "Please contact security", 2));
            }
            for (int i = 0; i < SiteCacheFormat.MaxHolidays; i++) w.AddHoliday(20400 + i);
            w.SetTimeZone(new SiteTimeZone { OffsetMinutes = 60, Dst = new DstRule() });
            w.SetDefaultPolicy(new AccessPolicy());
            var site = new ReferenceSite(200);
            var permissions = new InMemoryPermissions();
            foreach (object o in site.Snapshot.Permissions.All()) permissions.Add((Permission)o);
            return CredentialStoreBuilder.Build(site.Snapshot.Credentials, site.Snapshot.Users, permissions, w.ToBytes(), out string error)
                ?? throw new InvalidOperationException(error);
        }

        private static void Report(BenchContext ctx, int people, StoreImage store, int bodyBytes, Measurement boot, Measurement afterFirst, Measurement steady,
            List<HeapPeaks.Operation> peaks, long caps, long capsTwoDoors, List<HeapCalibration.Point> calibration, List<HeapCalibration.Point> issue)
        {
            var r = ctx.ReportLines;
            r.Add("The whole controller (access, journal, link, door, readers, console, the main loop and the static fields of the device");
            r.Add("assemblies) booted on the host exactly as on the ESP32 (`ControllerApp.Boot`), its cache built by the server's bundle builder for");
            r.Add("the reference site (`tools/src/Bench/Heap/ReferenceSite.cs`: " + people + " people, " + store.Count + " credentials, 6 readers, "
                + store.Layout.Profiles + " profiles, " + store.Layout.Sets + " permission sets; body " + bodyBytes + " B), people passing at the NFC");
            r.Add("reader one after another, deciding offline. Every object reachable from the controller is priced as nanoCLR's 32-bit heap holds");
            r.Add("it (12-byte blocks; model and its sources in `tools/src/Bench/Heap/NanoHeapModel.cs`); the ESP32 bindings (GPIO, UART, MQTT client,");
            r.Add("FileStream, Wi-Fi, BLE) are outside the model. Budget: " + RetainedBudget + " B retained, " + PeakBudget + " B at the peak.");
            r.Add("");
            r.Add("| retained by | after boot | after " + Math.Min(1000, people).ToString("N0") + " people | after " + people.ToString("N0") + " people |");
            r.Add("|---|---|---|---|");
            for (int i = 0; i < boot.Parts.Count; i++)
            {
                r.Add("| " + boot.Parts[i].Part + " | " + boot.Parts[i].Bytes + " | " + afterFirst.Parts[i].Bytes + " | " + steady.Parts[i].Bytes + " |");
            }
            r.Add("| **total** | **" + boot.Total + "** | **" + afterFirst.Total + "** | **" + steady.Total + "** |");
            r.Add("");
            r.Add("Largest single array: " + steady.Walker.LargestArray + " (" + steady.Walker.LargestArrayBlocks + " of nanoCLR's 65,535 blocks). A site config at");
            r.Add("every cap of `SiteCacheFormat` (" + SiteCacheFormat.MaxReaders + " readers, " + SiteCacheFormat.MaxDoors + " doors, " + SiteCacheFormat.MaxAreas
                + " areas, " + SiteCacheFormat.MaxPolicies + " policies of which " + SiteCacheFormat.MaxDistinctPolicies + " distinct, " + SiteCacheFormat.MaxRoutes
                + " notification routes, " + SiteCacheFormat.MaxHolidays + " holidays) retains **" + caps + " B** after 200 people; the same controller");
            r.Add("driving a second door, interlocked with the first (`door2.*`, `door.interlock on`), **" + capsTwoDoors + " B**.");
            r.Add("");
            r.Add("| transient: operation | holds at once | bytes | peak = retained + bytes |");
            r.Add("|---|---|---|---|");
            long retained = Math.Max(boot.Total, Math.Max(afterFirst.Total, steady.Total));
            foreach (var op in peaks) r.Add("| " + op.Name + " | " + op.Holds + " | " + op.Bytes + " | " + (retained + op.Bytes) + " |");
            r.Add("");
            r.Add("Calibration. nanoCLR built from nf-interpreter for i386 (12-byte heap blocks, as on the ESP32): a scratch program (outside the");
            r.Add("repository) builds each graph below from these sources and prints `nanoFramework.Runtime.Native.GC.Run(true)` before minus after");
            r.Add("(third of three rounds); and issue 14's figures for the old presence store, measured on the same runtime.");
            r.Add("");
            r.Add("| graph | model | real | error |");
            r.Add("|---|---|---|---|");
            foreach (var p in calibration.Concat(issue)) r.Add("| " + p.Name + " | " + p.Model + " | " + p.Real + " | " + p.ErrorPercent.ToString("+0.0;-0.0;0.0") + " % |");

            HeapPeaks.Operation worst = peaks.OrderByDescending(o => o.Bytes).First();
            DocMarkers.Rewrite(Path.Combine(ctx.RepoRoot, "docs", "hardware.md"), "heap",
                "| measured (16 MB board's controller, " + store.Count.ToString("N0") + " credentials) | bytes | budget |\n|---|---|---|\n"
                + "| retained after boot | " + boot.Total.ToString("N0") + " | " + RetainedBudget.ToString("N0") + " |\n"
                + "| retained after " + people.ToString("N0") + " people passed | " + steady.Total.ToString("N0") + " | no growth: "
                + (steady.Total - afterFirst.Total) + " B more than after " + Math.Min(1000, people).ToString("N0") + " |\n"
                + "| retained, site config at every cap | " + caps.ToString("N0") + " | " + RetainedBudget.ToString("N0") + " |\n"
                + "| retained, site config at every cap, two doors and interlock | " + capsTwoDoors.ToString("N0") + " | " + RetainedBudget.ToString("N0") + " |\n"
                + "| peak (" + worst.Name + ") | " + (retained + worst.Bytes).ToString("N0") + " | " + PeakBudget.ToString("N0") + " |\n"
                + "| issue 14's controller after 10,000 people (presence doubling with each person) | 585,000 | |\n");
        }

        private static object Field(object o, string name)
        {
            return o.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic).GetValue(o);
        }

    }
}
