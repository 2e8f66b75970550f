using System.Threading;
using DoorController.Controller;
using DoorController.Esp32.Board;
using DoorController.Hal.Esp32;

namespace DoorController.Esp32
{
    /// <summary>
    /// The device boot shared by both executables (hal/esp32/Images): the same boot sequence as the host's virtual
    /// controllers (firmware/Controller), on the ESP32 bindings, then the main loop. SNTP keeps the site clock anchored
    /// once Wi-Fi is up. The only difference between the images is whether a BLE reader can be opened.
    /// </summary>
    public static class Esp32Boot
    {
        private const int TickMilliseconds = 10;

        /// <summary>Boots and runs forever. <paramref name="ble"/> is null on a firmware image without Bluetooth.</summary>
        public static void Run(IBleReaderFactory ble)
        {
            Esp32Clock clock = new Esp32Clock();
            ControllerPlatform platform = new ControllerPlatform();
            platform.Clock = clock;
            platform.Files = new LittleFsFileStore();
            platform.Board = new Esp32Board(clock, ble);
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
