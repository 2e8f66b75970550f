using DoorController.Hal;
using DoorController.Link.Time;
using DoorController.Tests.Support;

namespace DoorController.Tests.Link
{
    /// <summary>A DS3231 register file on a manual clock, answering the transactions <see cref="Ds3231Clock"/> makes.</summary>
    public sealed class FakeDs3231 : II2cDevice
    {
        private readonly ManualClock _clock;
        private long _unixSeconds;
        private long _setUptime;

        public FakeDs3231(ManualClock clock, long unixSeconds, bool oscillatorStopped)
        {
            _clock = clock;
            _unixSeconds = unixSeconds;
            _setUptime = clock.UptimeMilliseconds;
            OscillatorStopped = oscillatorStopped;
            Answering = true;
        }

        public bool OscillatorStopped;
        public bool Answering;
        public int TimeWrites;

        public long UnixSeconds
        {
            get { return _unixSeconds + (_clock.UptimeMilliseconds - _setUptime) / 1000; }
        }

        public bool WriteRead(byte[] write, byte[] read)
        {
            if (!Answering)
            {
                return false;
            }
            if (write[0] == 0x0F)
            {
                read[0] = (byte)(OscillatorStopped ? 0x80 : 0);
                return true;
            }
            Ds3231Clock.Encode(UnixSeconds, read, 0);
            return true;
        }

        public bool Write(byte[] data)
        {
            if (!Answering)
            {
                return false;
            }
            if (data[0] == 0x0F)
            {
                OscillatorStopped = (data[1] & 0x80) != 0;
                return true;
            }
            byte[] registers = new byte[7];
            System.Array.Copy(data, 1, registers, 0, 7);
            long unix;
            if (!Ds3231Clock.TryDecode(registers, out unix))
            {
                return false;
            }
            _unixSeconds = unix;
            _setUptime = _clock.UptimeMilliseconds;
            TimeWrites++;
            return true;
        }
    }
}
