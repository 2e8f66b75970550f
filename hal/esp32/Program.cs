using System.Threading;
using DoorController.Controller;
using DoorController.Esp32.Board;
using DoorController.Hal.Esp32;

namespace DoorController.Esp32
{
    /// <summary>
    /// The device entry point: the same boot sequence as the host's virtual controllers (firmware/Controller),
    /// on the ESP32 bindings, then the main loop. SNTP keeps the site clock anchored once Wi-Fi is up.
    /// </summary>
    public static class Program
    {
        private const int TickMilliseconds = 10;

        public static void Main()
        {
            Esp32Clock clock = new Esp32Clock();
            ControllerPlatform platform = new ControllerPlatform();
            platform.Clock = clock;
            platform.Files = new LittleFsFileStore();
            platform.Board = new Esp32Board(clock);
            platform.Network = new WifiNetworkLink();
            platform.ConsoleLine = new Uart0SerialLine();
            platform.Device = new Esp32DeviceControl();
            platform.RandomSeed = (int)clock.UptimeMilliseconds;

            ControllerApp app = new ControllerApp(platform);
            app.Boot();
            SntpTimeSource sntp = new SntpTimeSource(app.SiteClock, clock, null, null);
            sntp.Start();
            while (true)
            {
                app.Tick();
                sntp.Tick();
                Thread.Sleep(TickMilliseconds);
            }
        }
    }
}
