using DoorController.Hal;

namespace DoorController.Controller
{
    /// <summary>What an entry point (the ESP32 Program or a host virtual controller) hands to the boot sequence.</summary>
    public sealed class ControllerPlatform
    {
        public IClock Clock;
        public IFileStore Files;
        public IBoard Board;

        /// <summary>May be null: no network on this platform (the controller then runs offline only).</summary>
        public INetworkLink Network;

        /// <summary>May be null: no technician console on this platform.</summary>
        public ISerialLine ConsoleLine;

        public IDeviceControl Device;

        /// <summary>Seed for reconnect jitter; different per device so controllers do not reconnect in step.</summary>
        public int RandomSeed;

        public string FirmwareVersion = "1.0.0";
    }
}
