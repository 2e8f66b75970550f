using System;
using System.Diagnostics;
using System.IO;
using DoorController.Config;
using DoorController.Contract;
using DoorController.Controller;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Hal.Host;
using DoorController.Hal.Host.Virtual;
using DoorController.Access;
using DoorController.Journal;
using DoorController.Link.Bundles;

namespace DoorController.Bench.Heap
{
    /// <summary>
    /// The controller of <see cref="ReferenceSite"/> booted on the host exactly as the ESP32 boots it
    /// (<see cref="ControllerApp.Boot"/>), with its cache installed on a flash directory, the simulated board of the
    /// virtual controllers (no MQTT client: the link runs, deciding offline), an idle console line and a clock the
    /// bench moves. Files go through <see cref="RecordingFileStore"/>, which notes the largest single read or write: on
    /// the device each FileStream call allocates a buffer of that size.
    /// </summary>
    public sealed class BenchController : IDisposable
    {
        public static readonly byte[] DeviceKey = Hex("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90");

        private readonly IdleSerialLine _console = new IdleSerialLine();

        /// <param name="twoDoors">also a second door (docs/wiring.md, "Second door": GPIO 21, contact 36, exit 39),
        /// interlocked with the first</param>
        public BenchController(string directory, byte[] cacheBody, bool twoDoors = false)
        {
            Clock = new BenchClock(ReferenceSite.Now);
            Files = new RecordingFileStore(new DirectoryFileStore(directory));
            Provision(Files, cacheBody, twoDoors);
            Board = new HostBoard(pin => true, Clock, System.IO.Path.Combine(directory, "tls"));
            var platform = new ControllerPlatform
            {
                Clock = Clock,
                Files = Files,
                Board = new NoMqttBoard(Board),
                ConsoleLine = _console,
                RandomSeed = 7,
            };
            App = new ControllerApp(platform);
            App.Boot();
            App.SiteClock.SetAuthenticated((Clock.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond); // as an authenticated clock answer would
            Tick(5);
        }

        public BenchClock Clock { get; }
        public RecordingFileStore Files { get; }
        public HostBoard Board { get; }
        public ControllerApp App { get; }

        public void Tick(int times)
        {
            for (int i = 0; i < times; i++)
            {
                App.Tick();
                Clock.Advance(20);
            }
        }

        /// <summary>Presents person <paramref name="person"/>'s card at the NFC reader and runs the loop until it is decided.</summary>
        public void Pass(int person)
        {
            int before = App.Flow.Decisions;
            Board.Nfc.PresentCard(ReferenceSite.CardUid(person));
            for (int i = 0; i < 50 && App.Flow.Decisions == before; i++)
            {
                Tick(1);
            }
            Clock.Advance(1500); // the door (1 s unlock) relocks before the next person
            Tick(2);
        }

        public static void Provision(IFileStore files, byte[] cacheBody, bool twoDoors = false)
        {
            var config = new ControllerConfig
            {
                DeviceId = ReferenceSite.DeviceId,
                DeviceKeyHex = DoorController.Core.Hex.Encode(DeviceKey),
                DoorId = ReferenceSite.DoorId,
                NfcReaderId = ReferenceSite.FirstReader,
                WiegandReaderId = ReferenceSite.FirstReader + 2,
                QrReaderId = ReferenceSite.FirstReader + 3,
                BleReaderId = ReferenceSite.FirstReader + 4,
                BleEnabled = true,
                FlashMegabytes = 16, // the board with the largest cache and journal (docs/hardware.md)
            };
            if (twoDoors)
            {
                config.Door2Id = ReferenceSite.DoorId + 1;
                config.Door2RelayPin = 21;
                config.Door2ContactPin = 36;
                config.Door2RexPin = 39;
                config.Interlock = true;
            }
            if (!new ConfigStore(files).TrySave(config, out string error)) throw new InvalidOperationException("config: " + error);
            var info = new BundleInfo
            {
                Kind = BundleKind.Full,
                ContentType = 1,
                Version = 1,
                IssuedAt = ReferenceSite.Now - 60,
                MaxOfflineSeconds = 7 * 24 * 3600,
            };
            // Installed as the controller installs it: through the link, in place, into the board plan's shards.
            var cache = new OfflineCache(files, DeviceKey, new AccessOptions(), new BenchClock(ReferenceSite.Now));
            cache.ShardBits = JournalBudget.Plan(config.FlashMegabytes)!.CacheShardBits;
            var link = new BundleAssembler(files, DeviceKey, cache);
            link.Load();
            BundleStatus status = BundleStatus.Malformed;
            foreach (byte[] chunk in BundleChunk.Split(DeviceKey, info, cacheBody)) status = link.Accept(chunk);
            if (status != BundleStatus.Installed || !cache.Complete) throw new InvalidOperationException("cache install: " + status + " " + link.LastError);
            cache.ReleaseStore();
        }

        public void Dispose()
        {
            App.Stop();
        }

        private static byte[] Hex(string hex)
        {
            DoorController.Core.Hex.TryDecode(hex, out byte[] bytes);
            return bytes;
        }

        public sealed class BenchClock : IClock
        {
            private readonly DateTime _start;
            private long _elapsedMs;

            public BenchClock(long unixSeconds)
            {
                _start = DateTime.UnixEpoch.AddSeconds(unixSeconds);
            }

            public DateTime UtcNow => _start.AddMilliseconds(_elapsedMs);
            public long UptimeMilliseconds => _elapsedMs;
            public void Advance(long ms) => _elapsedMs += ms;
        }

        /// <summary>A console line nobody types on: reads wait a little and return nothing.</summary>
        private sealed class IdleSerialLine : ISerialLine
        {
            public int Read(byte[] buffer, int offset, int count)
            {
                System.Threading.Thread.Sleep(20);
                return 0;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }

        /// <summary>The virtual board's pins and readers, without an MQTT client.</summary>
        private sealed class NoMqttBoard : IBoard
        {
            private readonly HostBoard _board;

            public NoMqttBoard(HostBoard board)
            {
                _board = board;
            }

            public IDigitalOutput OpenOutput(int pin, bool initialLevel) => _board.OpenOutput(pin, initialLevel);
            public IDigitalInput OpenInput(int pin) => _board.OpenInput(pin);
            public ICredentialReader[] OpenReaders(ControllerConfig config) => _board.OpenReaders(config);
            public IMqttTransport OpenMqtt(ControllerConfig config) => null;
            public II2cDevice OpenI2c(int sdaPin, int sclPin, int address) => null;
        }
    }
}
