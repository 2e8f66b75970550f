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
    /// tools/bench heap [people]: the controller's managed heap as nanoCLR would hold it (<see cref="NanoHeapModel"/>,
    /// priced by <see cref="HeapWalker"/>): what the booted controller retains with the reference site's cache, what it
    /// retains after <c>people</c> distinct people passed (default 10,000), and its transient peaks.
    /// </summary>
    public static class HeapBench
    {
        public static string Run(BenchContext ctx)
        {
            int people = ctx.Args.Length > 0 ? int.Parse(ctx.Args[0]) : 10000;
            ctx.Progress("building the reference site (" + people + " people) and its controller bundle");
            var site = new ReferenceSite(people);
            var options = new AccessOptions();
            StoreImage store = ControllerBundleBuilder.Collect(site.Snapshot, options, ReferenceSite.DeviceId);
            byte[] body = ControllerBundleBuilder.BuildFull(store, BenchController.DeviceKey, ReferenceSite.SiteKey, 1);
            ctx.Progress("bundle body " + body.Length + " bytes, " + store.Count + " credentials, " + store.Layout.Profiles + " profiles, " + store.Layout.Sets + " permission sets");

            using var controller = new BenchController(Path.Combine(ctx.ScratchDirectory, "flash"), body);
            var boot = Measure(controller.App);
            ctx.Progress("retained after boot: " + boot.Total + " bytes");
            foreach (var (part, bytes) in boot.Parts) ctx.Progress("  " + part + ": " + bytes);
            foreach (var (part, _) in boot.Parts)
            {
                ctx.Progress("  in " + part + ":");
                foreach (var (type, count, bytes) in boot.Walker.TopOfPart(part, 30)) ctx.Progress("    " + type + " x" + count + ": " + bytes);
            }
            ctx.Progress("boundary: " + string.Join(", ", boot.Walker.BoundaryTypes));
            ctx.Progress("library objects priced by fields: " + string.Join(", ", boot.Walker.OpaqueLibraryTypes));

            for (int p = 0; p < people; p++) controller.Pass(p);
            ctx.Progress(controller.App.Flow.Decisions + " decisions, " + controller.App.Flow.Granted + " granted, last: " + controller.App.Flow.LastOutcome);
            var after = Measure(controller.App);
            ctx.Progress("retained after " + people + " people: " + after.Total + " bytes");
            foreach (var (part, bytes) in after.Parts)
            {
                ctx.Progress("  " + part + ": " + bytes);
                foreach (var (type, count, b) in after.Walker.TopOfPart(part, 40)) ctx.Progress("    " + type + " x" + count + ": " + b);
            }

            return "bench heap: retained_bytes=" + boot.Total + " retained_after_" + people + "_people_bytes=" + after.Total;
        }

        private sealed class Measurement
        {
            public HeapWalker Walker = new HeapWalker();
            public List<(string Part, long Bytes)> Parts = new List<(string, long)>();
            public long Total => Walker.Total;
        }

        private static Measurement Measure(ControllerApp app)
        {
            var m = new Measurement();
            Part(m, "cache (access)", () => m.Walker.Measure(app.Cache));
            Part(m, "journal", () => m.Walker.Measure(app.Journal));
            Part(m, "door", () => m.Walker.Measure(app.Door));
            Part(m, "readers", () => m.Walker.Measure(app.Normaliser));
            Part(m, "link", () => m.Walker.Measure(app.Link));
            Part(m, "console", () => m.Walker.Measure(Field(app, "_console")));
            Part(m, "controller (flow, log, config, report)", () => m.Walker.Measure(app));
            Part(m, "static fields", () => m.Walker.MeasureStatics(FirmwareTypes()));
            return m;
        }

        private static void Part(Measurement m, string name, Func<long> measure)
        {
            m.Walker.Part = name;
            m.Parts.Add((name, measure()));
        }

        private static object Field(object o, string name)
        {
            return o.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic).GetValue(o);
        }

        /// <summary>Types compiled from firmware/ and hal/abstractions (the device assemblies) into the host build.</summary>
        private static IEnumerable<Type> FirmwareTypes()
        {
            return new[] { typeof(AccessPipeline).Assembly, typeof(ControllerApp).Assembly }
                .SelectMany(a => a.GetTypes())
                .Where(t => t.Namespace != null && t.Namespace.StartsWith("DoorController.", StringComparison.Ordinal)
                    && !t.Namespace.StartsWith("DoorController.Hal.Host", StringComparison.Ordinal));
        }
    }
}
