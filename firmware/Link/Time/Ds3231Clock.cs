using DoorController.Access;
using DoorController.Hal;

namespace DoorController.Link.Time
{
    /// <summary>
    /// A DS3231 battery-backed clock on I2C (address 0x68), read and set through its registers: seconds to year at
    /// 0x00-0x06 (BCD, 24-hour, century bit in the month register: 2000-2199 here), the status register at 0x0F whose
    /// bit 7 (OSF) says the oscillator stopped at some point (battery flat or removed, first power-up): the time it
    /// holds is then meaningless. The nanoFramework binding (Iot.Device.Rtc Ds3231) does not expose that flag, and
    /// taking its assembly (with UnitsNet) for seven registers would cost heap and an assembly budget, so the same
    /// registers are read here over the board's I2C device; the host simulation answers the same transactions.
    /// Fixed buffers: nothing is allocated per read or write.
    /// </summary>
    public sealed class Ds3231Clock
    {
        public const int Address = 0x68;
        private const int StatusRegister = 0x0F;
        private const int OscillatorStopped = 0x80;
        private const int CenturyBit = 0x80;

        private readonly II2cDevice _device;
        private readonly byte[] _pointer = new byte[1];
        private readonly byte[] _registers = new byte[7];
        private readonly byte[] _status = new byte[1];
        private readonly byte[] _write = new byte[8];
        private readonly byte[] _statusWrite = new byte[2];

        public Ds3231Clock(II2cDevice device)
        {
            _device = device;
        }

        /// <summary>
        /// Reads the time (Unix seconds) and the oscillator-stop flag. False when the chip does not answer or holds
        /// an impossible date.
        /// </summary>
        public bool TryRead(out long unixSeconds, out bool oscillatorStopped)
        {
            unixSeconds = 0;
            oscillatorStopped = false;
            _pointer[0] = StatusRegister;
            if (_device == null || !_device.WriteRead(_pointer, _status))
            {
                return false;
            }
            oscillatorStopped = (_status[0] & OscillatorStopped) != 0;
            _pointer[0] = 0;
            if (!_device.WriteRead(_pointer, _registers))
            {
                return false;
            }
            return TryDecode(_registers, out unixSeconds);
        }

        /// <summary>Sets the time (whole seconds) and clears the oscillator-stop flag: from here the chip is trusted.</summary>
        public bool TryWrite(long unixSeconds)
        {
            if (_device == null)
            {
                return false;
            }
            _write[0] = 0;
            Encode(unixSeconds, _write, 1);
            if (!_device.Write(_write))
            {
                return false;
            }
            _statusWrite[0] = StatusRegister;
            _statusWrite[1] = 0; // OSF cleared; the 32 kHz output and alarm flags are not used
            return _device.Write(_statusWrite);
        }

        /// <summary>Seven time registers (from 0x00) to Unix seconds; false for an impossible value.</summary>
        public static bool TryDecode(byte[] r, out long unixSeconds)
        {
            unixSeconds = 0;
            int second = Bcd(r[0] & 0x7F), minute = Bcd(r[1] & 0x7F), hour;
            if ((r[2] & 0x40) != 0)
            {
                hour = Bcd(r[2] & 0x1F) % 12 + ((r[2] & 0x20) != 0 ? 12 : 0); // 12-hour mode, if someone set it
            }
            else
            {
                hour = Bcd(r[2] & 0x3F);
            }
            int day = Bcd(r[4] & 0x3F), month = Bcd(r[5] & 0x1F);
            int year = 2000 + Bcd(r[6]) + ((r[5] & CenturyBit) != 0 ? 100 : 0);
            if (second > 59 || minute > 59 || hour > 23 || day < 1 || day > 31 || month < 1 || month > 12 || Bcd(r[6]) > 99)
            {
                return false;
            }
            unixSeconds = CivilDate.DaysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
            return true;
        }

        /// <summary>Unix seconds to the seven time registers at <paramref name="offset"/> (24-hour mode).</summary>
        public static void Encode(long unixSeconds, byte[] into, int offset)
        {
            int days = (int)(unixSeconds / 86400);
            int secondOfDay = (int)(unixSeconds % 86400);
            int year, month, day;
            CivilDate.CivilFromDays(days, out year, out month, out day);
            into[offset] = ToBcd(secondOfDay % 60);
            into[offset + 1] = ToBcd(secondOfDay / 60 % 60);
            into[offset + 2] = ToBcd(secondOfDay / 3600);
            into[offset + 3] = (byte)(CivilDate.DayOfWeek(days) + 1);
            into[offset + 4] = ToBcd(day);
            into[offset + 5] = (byte)(ToBcd(month) | (year >= 2100 ? CenturyBit : 0));
            into[offset + 6] = ToBcd(year % 100);
        }

        private static int Bcd(int value)
        {
            return (value >> 4) * 10 + (value & 0x0F);
        }

        private static byte ToBcd(int value)
        {
            return (byte)(((value / 10) << 4) | (value % 10));
        }
    }
}
