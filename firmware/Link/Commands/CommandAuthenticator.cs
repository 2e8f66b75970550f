using System;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Contract;
using DoorController.Link.Time;

namespace DoorController.Link.Commands
{
    /// <summary>
    /// Accepts a remote command only when its HMAC under the device key is right, its counter is above every counter
    /// accepted before (persisted before the command runs, so neither a reboot nor a crash re-opens a replay), and —
    /// when the controller's clock is certain — its issued-at lies within <see cref="WindowSeconds"/> of now. With an
    /// uncertain clock the counter alone guards against replay (docs/protocol.md, "Commands").
    /// </summary>
    public sealed class CommandAuthenticator
    {
        public const string FileName = "cmd.counter";
        public const long DefaultWindowSeconds = 300;

        private readonly IFileStore _store;
        private readonly byte[] _key;
        private readonly string _deviceId;
        private readonly SiteClock _clock;
        private long _lastCounter;

        public CommandAuthenticator(IFileStore store, byte[] deviceKey, string deviceId, SiteClock clock)
        {
            _store = store;
            _key = deviceKey;
            _deviceId = deviceId;
            _clock = clock;
            WindowSeconds = DefaultWindowSeconds;
        }

        public long WindowSeconds { get; set; }

        public long LastCounter
        {
            get { return _lastCounter; }
        }

        public void Load()
        {
            _lastCounter = 0;
            byte[] record = new byte[12];
            try
            {
                if (LinkFiles.ReadPrefix(_store, FileName, record) == record.Length
                    && LittleEndian.ReadUInt32(record, 8) == Crc32.Compute(record, 0, 8))
                {
                    _lastCounter = LittleEndian.ReadInt64(record, 0);
                }
            }
            catch (Exception)
            {
                _lastCounter = 0;
            }
        }

        /// <summary>True when the command may run; otherwise <paramref name="error"/> says why ("bad-mac", "replayed", "stale").</summary>
        public bool Verify(CommandMessage command, out string error)
        {
            byte[] claimed;
            if (command == null || !Hex.TryDecode(command.Mac, out claimed) || claimed.Length != 32)
            {
                error = "bad-mac";
                return false;
            }
            byte[] expected = command.ComputeMac(_key, _deviceId);
            if (!KeyedHash.FixedTimeEquals(expected, claimed))
            {
                error = "bad-mac";
                return false;
            }
            if (command.Counter <= _lastCounter)
            {
                error = "replayed";
                return false;
            }
            if (_clock.IsCertain)
            {
                long skew = command.IssuedAt - _clock.UnixSeconds;
                if (skew > WindowSeconds || skew < -WindowSeconds)
                {
                    error = "stale";
                    return false;
                }
            }
            if (!Persist(command.Counter))
            {
                // Cannot make the counter durable: refuse rather than open a replay window after a reboot.
                error = "storage";
                return false;
            }
            _lastCounter = command.Counter;
            error = null;
            return true;
        }

        private bool Persist(long counter)
        {
            byte[] record = new byte[12];
            LittleEndian.WriteInt64(record, 0, counter);
            LittleEndian.WriteUInt32(record, 8, Crc32.Compute(record, 0, 8));
            try
            {
                LinkFiles.WriteAtomically(_store, FileName, record);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
