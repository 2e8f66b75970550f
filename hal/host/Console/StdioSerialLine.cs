using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// <see cref="ISerialLine"/> over this process's stdin/stdout, for running a controller console in a
    /// terminal or a pipe. A background thread drains stdin so reads can time out; end of input reads as -1.
    /// </summary>
    public sealed class StdioSerialLine : ISerialLine
    {
        public const int ReadTimeoutMilliseconds = 100;

        private readonly BlockingCollection<byte[]> _chunks = new BlockingCollection<byte[]>();
        private readonly Stream _output;
        private byte[] _pending;
        private int _pendingOffset;

        public StdioSerialLine() : this(Console.OpenStandardInput(), Console.OpenStandardOutput())
        {
        }

        public StdioSerialLine(Stream input, Stream output)
        {
            _output = output;
            var reader = new Thread(() => Drain(input)) { IsBackground = true, Name = "console-stdin" };
            reader.Start();
        }

        private void Drain(Stream input)
        {
            var buffer = new byte[256];
            try
            {
                int read;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    var chunk = new byte[read];
                    Array.Copy(buffer, chunk, read);
                    _chunks.Add(chunk);
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
            _chunks.CompleteAdding();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_pending == null)
            {
                if (_chunks.IsCompleted)
                {
                    return -1;
                }
                if (!_chunks.TryTake(out _pending, ReadTimeoutMilliseconds))
                {
                    return 0;
                }
                _pendingOffset = 0;
            }
            int n = Math.Min(count, _pending.Length - _pendingOffset);
            Array.Copy(_pending, _pendingOffset, buffer, offset, n);
            _pendingOffset += n;
            if (_pendingOffset >= _pending.Length)
            {
                _pending = null;
            }
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _output.Write(buffer, offset, count);
                _output.Flush();
            }
            catch (IOException)
            {
                // stdout closed: nobody is listening to the console.
            }
        }
    }
}
