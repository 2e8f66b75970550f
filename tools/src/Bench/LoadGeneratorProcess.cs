using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using DoorController.LocalBroker;

namespace DoorController.Bench
{
    /// <summary>The bench's side of <see cref="LoadGenerator"/>: creates the simulated controllers' broker identities,
    /// starts the generator process (this executable again), and runs its phases.</summary>
    internal sealed class LoadGeneratorProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _scratch;

        /// <param name="loops">Threads the generator's connections are spread over (<see cref="ConnectionLoop"/>).</param>
        public LoadGeneratorProcess(MosquittoBroker broker, SiteLayout site, string scratch, int loops)
        {
            _scratch = scratch;
            var spec = new LoadGenerator.Spec
            {
                Host = broker.Host, Port = broker.Port, CaFile = broker.CaFile, Devices = site.Devices, Readers = site.Readers, Hashes = site.Hashes, Loops = loops,
                Usernames = new string[OnlineBench.Connections], Passwords = new string[OnlineBench.Connections],
            };
            for (int c = 0; c < OnlineBench.Connections; c++)
            {
                spec.Usernames[c] = BenchClient.IdentityName(c);
                var endpoint = BenchConnection.Identity(broker, spec.Usernames[c], BenchClient.Acls(c, site), "bench simulated controllers " + c);
                spec.Passwords[c] = endpoint.Password;
            }
            string specPath = Path.Combine(scratch, "load-generator.json");
            // It holds the identities' passwords: created readable by this user only (the generator deletes it once read).
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            using (var file = new StreamWriter(specPath, new System.Text.UTF8Encoding(false), create)) file.Write(JsonSerializer.Serialize(spec));
            var start = new ProcessStartInfo { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            string self = Environment.ProcessPath;
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(LoadGenerator).Assembly.Location);
            start.FileName = self;
            start.ArgumentList.Add(LoadGenerator.Role);
            start.ArgumentList.Add(specPath);
            _process = Process.Start(start);
            if (ReadLine() != "ready") throw new InvalidOperationException("the load generator did not start");
        }

        public int ProcessId => _process.Id;

        public (double Rate, double P50, double P99) ClosedLoop(int seconds, bool echo)
        {
            double[] r = Ask("closed " + seconds + " " + (echo ? "echo" : "decide"));
            return (r[0], r[1], r[2]);
        }

        public (double Rate, double P50, double P99, long Answered) FixedRate(int perSecond, int seconds, bool echo)
        {
            double[] r = Ask("fixed " + perSecond + " " + seconds + " " + (echo ? "echo" : "decide"));
            return (r[0], r[1], r[2], (long)r[3]);
        }

        /// <summary>Answers (verified), granted, requests sent and answers refused by verification, since the start.</summary>
        public (long Answered, long Granted, long Sent, long Rejected) Counts()
        {
            double[] r = Ask("counts");
            return ((long)r[0], (long)r[1], (long)r[2], (long)r[3]);
        }

        /// <summary>The last phase's round trips by request id.</summary>
        public Dictionary<string, double> RoundTrips()
        {
            string path = Path.Combine(_scratch, "round-trips.txt");
            Command("round-trips " + path);
            var trips = new Dictionary<string, double>();
            foreach (string line in File.ReadLines(path))
            {
                int space = line.IndexOf(' ');
                trips[line.Substring(0, space)] = double.Parse(line.AsSpan(space + 1), CultureInfo.InvariantCulture);
            }
            File.Delete(path);
            return trips;
        }

        /// <summary>The generator's own garbage collections from now to <see cref="GcSince"/>.</summary>
        public void GcStart() => Command("gc-start");

        public string GcSince(long units) => Command("gc " + units);

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                if (!_process.WaitForExit(10000)) _process.Kill();
            }
            _process.Dispose();
        }

        private double[] Ask(string command) => Command(command).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        private string Command(string command)
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
            return ReadLine();
        }

        private string ReadLine()
        {
            string line = _process.StandardOutput.ReadLine();
            if (line == null) throw new InvalidOperationException("the load generator ended" + (_process.WaitForExit(5000) ? " with status " + _process.ExitCode : ""));
            return line;
        }
    }
}
