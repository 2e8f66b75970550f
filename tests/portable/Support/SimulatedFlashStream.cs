using System;
using System.IO;

namespace DoorController.Tests.Support
{
    /// <summary>Stream over a file's view (MemoryStream base only to avoid the device's SpanByte overload).</summary>
    internal sealed class SimulatedFlashStream : MemoryStream
    {
        private readonly SimulatedFlashStore _store;
        private readonly SimulatedFlashFile _file;
        private readonly int _boot;
        private long _position;
        private bool _closed;

        public SimulatedFlashStream(SimulatedFlashStore store, SimulatedFlashFile file)
        {
            _store = store;
            _file = file;
            _boot = store.Boot;
            file.OpenStreams++;
        }

        public override bool CanRead { get { return true; } }
        public override bool CanSeek { get { return true; } }
        public override bool CanWrite { get { return true; } }

        public override long Length
        {
            get
            {
                Usable();
                return _file.ViewLength;
            }
        }

        public override long Position
        {
            get { return _position; }
            set { Seek(value, SeekOrigin.Begin); }
        }

        /// <summary>fflush: the bytes leave the stdio buffer but are not on flash; only <see cref="Close"/> commits.</summary>
        public override void Flush()
        {
            Usable();
        }

        /// <summary>fclose: commits the file's changes; a closed stream is never used again.</summary>
        public override void Close()
        {
            if (!_closed)
            {
                _closed = true;
                if (_boot != _store.Boot)
                {
                    base.Close();
                    return; // opened before a power cycle: the handle is gone, nothing to commit
                }
                _file.OpenStreams--;
                _store.Commit(_file);
            }
            base.Close();
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Usable();
            long basePosition = origin == SeekOrigin.Begin ? 0 : origin == SeekOrigin.Current ? _position : _file.ViewLength;
            long target = basePosition + offset;
            if (target < 0 || target > _file.ViewLength)
            {
                // nanoFramework's FileStream refuses positions beyond the end of the file.
                throw new ArgumentException("seek beyond end of file");
            }
            _position = target;
            return _position;
        }

        public override void SetLength(long value)
        {
            Usable();
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("value");
            }
            _file.SetViewLength((int)value);
            if (_position > value)
            {
                _position = value;
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Usable();
            int available = _file.ViewLength - (int)_position;
            if (available <= 0)
            {
                return 0;
            }
            int n = count < available ? count : available;
            Array.Copy(_file.View, (int)_position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Usable();
            int allowed = _store.Charge(count);
            if (allowed > 0)
            {
                _file.WriteView((int)_position, buffer, offset, allowed);
                _position += allowed;
            }
            if (allowed < count)
            {
                _store.PoweredOff = true;
                throw new PowerCutException();
            }
        }

        private void Usable()
        {
            _store.CheckPower();
            if (_closed)
            {
                throw new ObjectDisposedException("stream is closed");
            }
        }
    }
}
