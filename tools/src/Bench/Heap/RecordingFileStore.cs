using System;
using System.IO;
using DoorController.Hal;

namespace DoorController.Bench.Heap
{
    /// <summary>
    /// Passes every call to a real store and notes the largest single Read or Write since <see cref="ResetLargest"/>:
    /// nanoFramework's FileStream copies each call's data through a temporary array of that size, so it is part of
    /// the transient heap of whatever operation made the call.
    /// </summary>
    public sealed class RecordingFileStore : IFileStore
    {
        private readonly IFileStore _inner;

        public RecordingFileStore(IFileStore inner)
        {
            _inner = inner;
        }

        public int LargestTransfer { get; private set; }

        public void ResetLargest() => LargestTransfer = 0;

        public Stream Open(string name, bool create) => new Recording(this, _inner.Open(name, create));
        public string[] List(string prefix) => _inner.List(prefix);
        public void Delete(string name) => _inner.Delete(name);
        public void Replace(string sourceName, string targetName) => _inner.Replace(sourceName, targetName);

        private void Note(int count)
        {
            if (count > LargestTransfer) LargestTransfer = count;
        }

        private sealed class Recording : Stream
        {
            private readonly RecordingFileStore _owner;
            private readonly Stream _inner;

            public Recording(RecordingFileStore owner, Stream inner)
            {
                _owner = owner;
                _inner = inner;
            }

            public override bool CanRead => _inner.CanRead;
            public override bool CanSeek => _inner.CanSeek;
            public override bool CanWrite => _inner.CanWrite;
            public override long Length => _inner.Length;
            public override long Position { get => _inner.Position; set => _inner.Position = value; }
            public override void Flush() => _inner.Flush();
            public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
            public override void SetLength(long value) => _inner.SetLength(value);

            public override int Read(byte[] buffer, int offset, int count)
            {
                _owner.Note(count);
                return _inner.Read(buffer, offset, count);
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                _owner.Note(count);
                _inner.Write(buffer, offset, count);
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
