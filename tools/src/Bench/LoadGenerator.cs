using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DoorController.Bench
{
    /// <summary>
    /// The simulated controllers in a process of their own (<c>bench --load-generator SPEC</c>), as controllers are
    /// boards of their own in a deployment: the server's process then holds only the server, and its garbage
    /// collections, allocation and CPU are the server's alone. The bench (<see cref="LoadGeneratorProcess"/>) writes the
    /// site and the broker identities to SPEC, then drives the phases one command per line on standard input; each
    /// answer is one line on standard output.
    /// </summary>
    internal static class LoadGenerator
    {
        /// <summary>What the generator process needs: where the broker is, the identities it connects as (created by
        /// the bench, which holds the broker's admin), and each controller's device id, reader and people.</summary>
        internal sealed class Spec
        {
            public string Host { get; set; }
            public int Port { get; set; }
            public string CaFile { get; set; }
            public string[] Usernames { get; set; }
            public string[] Passwords { get; set; }
            public string[] Devices { get; set; }
            public int[] Readers { get; set; }
            public string[][] Hashes { get; set; }
            /// <summary>Connection loops (threads) the connections are spread over.</summary>
            public int Loops { get; set; }
        }

        public const string Role = "--load-generator";

        public static int Serve(string specPath)
        {
            var spec = JsonSerializer.Deserialize<Spec>(File.ReadAllText(specPath));
            File.Delete(specPath); // it holds broker passwords
            var site = new SiteLayout { Devices = spec.Devices, Readers = spec.Readers, Hashes = spec.Hashes, Keys = spec.Devices.Select(SiteLayout.KeysOf).ToArray() };
            var endpoint = new Hal.Host.Mqtt.BrokerEndpoint { Host = spec.Host, Port = spec.Port, Tls = spec.CaFile != null, CaFile = spec.CaFile };
            var loops = Enumerable.Range(0, spec.Loops).Select(_ => new ConnectionLoop()).ToArray();
            var clients = new List<BenchClient>();
            for (int c = 0; c < spec.Usernames.Length; c++)
            {
                clients.Add(new BenchClient(loops[c % loops.Length].Transport(endpoint.As(spec.Usernames[c], spec.Passwords[c])), spec.Usernames[c], c, site));
            }
            GcFigures gc = GcFigures.Start();
            Console.WriteLine("ready");
            string line;
            while ((line = Console.ReadLine()) != null)
            {
                string[] a = line.Split(' ');
                switch (a[0])
                {
                    case "closed":
                        var (rate, p50, p99) = LoadPhases.ClosedLoop(clients, int.Parse(a[1], CultureInfo.InvariantCulture), a[2] == "echo");
                        Reply(rate, p50, p99);
                        break;
                    case "fixed":
                        var f = LoadPhases.FixedRate(clients, int.Parse(a[1], CultureInfo.InvariantCulture), int.Parse(a[2], CultureInfo.InvariantCulture), a[3] == "echo", loops);
                        Reply(f.Rate, f.P50, f.P99, f.Answered);
                        break;
                    case "counts":
                        Reply(clients.Sum(c => c.Answered), clients.Sum(c => c.Granted), clients.Sum(c => c.Sent), clients.Sum(c => c.Rejected));
                        break;
                    case "round-trips":
                        File.WriteAllLines(a[1], clients.SelectMany(c => c.RoundTrips()).Select(t => t.Id + " " + t.Ms.ToString("R", CultureInfo.InvariantCulture)));
                        Console.WriteLine("ok");
                        break;
                    case "gc-start":
                        gc = GcFigures.Start();
                        Console.WriteLine("ok");
                        break;
                    case "gc":
                        Console.WriteLine(gc.Since(long.Parse(a[1], CultureInfo.InvariantCulture)));
                        break;
                    case "quit":
                        foreach (var c in clients) c.Dispose();
                        foreach (var l in loops) l.Dispose();
                        return 0;
                    default:
                        Console.Error.WriteLine("load generator: unknown command " + line);
                        return 2;
                }
            }
            return 1;
        }

        private static void Reply(params double[] values) => Console.WriteLine(string.Join(" ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }
}
