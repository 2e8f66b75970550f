using DoorController.Hal;
using DoorController.Link.Time;

namespace DoorController.Hal.Host.Sim
{
    /// <summary>
    /// A DS3231 as the I2C bus sees it: a register pointer, the seven time registers (BCD) from 0x00 counting on the
    /// given clock, and the status register 0x0F with the oscillator-stop flag (set on a first power-up or after its
    /// battery failed, cleared only by writing the register). Battery-backed: one instance outlives the board's
    /// reboots. <see cref="Answering"/> false is a chip that does not acknowledge.
    /// </summary>
    public sealed class SimDs3231 : II2cDevice
    {
        public const int Address = Ds3231Clock.Address;
        private readonly IClock _clock;
        private long _setUnixSeconds;
        private long _setUptime;

        /// <param name="unixSeconds">The time the chip holds now.</param>
        /// <param name="oscillatorStopped">OSF as found (a new chip, or a flat battery).</param>
        public SimDs3231(IClock clock, long unixSeconds, bool oscillatorStopped)
        {
            _clock = clock;
            Set(unixSeconds);
            OscillatorStopped = oscillatorStopped;
            Answering = true;
        }

        public bool OscillatorStopped { get; set; }
        public bool Answering { get; set; }
        public int Writes { get; private set; }

        /// <summary>The time the chip reads now (whole seconds, running on the clock since it was set).</summary>
        public long UnixSeconds => _setUnixSeconds + (_clock.UptimeMilliseconds - _setUptime) / 1000;

        public void Set(long unixSeconds)
        {
            _setUnixSeconds = unixSeconds;
            _setUptime = _clock.UptimeMilliseconds;
        }

        public bool WriteRead(byte[] write, byte[] read)
        {
            if (!Answering || write.Length != 1) return false;
            if (write[0] == 0x0F && read.Length == 1)
            {
                read[0] = (byte)(OscillatorStopped ? 0x80 : 0);
                return true;
            }
            if (write[0] != 0 || read.Length != 7) return false;
            Ds3231Clock.Encode(UnixSeconds, read, 0);
            return true;
        }

        public bool Write(byte[] data)
        {
            if (!Answering) return false;
            Writes++;
            if (data.Length == 2 && data[0] == 0x0F)
            {
                OscillatorStopped = (data[1] & 0x80) != 0;
                return true;
            }
            if (data.Length != 8 || data[0] != 0) return false;
            byte[] registers = new byte[7];
            System.Array.Copy(data, 1, registers, 0, 7);
            if (!Ds3231Clock.TryDecode(registers, out long unix)) return false;
            Set(unix);
            return true;
        }
    }
}
