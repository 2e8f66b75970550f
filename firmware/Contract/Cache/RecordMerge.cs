using System.IO;
using DoorController.Access;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// Merges the installed store's sorted records with a delta's removals and upserts into the output, through two
    /// fixed buffers (installed records in, merged records out). Keeps the CRC-32 and count of what it wrote; throws
    /// when the installed records are out of order or a file ends early.
    /// </summary>
    public sealed class RecordMerge
    {
        private const int Size = CredentialStoreFormat.RecordSize;

        private readonly Stream _installed;
        private readonly int _installedCount;
        private readonly DeltaCursor _removals;
        private readonly DeltaCursor _upserts;
        private readonly Stream _output;
        private readonly byte[] _in;
        private readonly byte[] _out;
        private readonly byte[] _previous = new byte[Size];
        private int _outUsed;
        private uint _crc = Crc32.Start();

        public RecordMerge(Stream installed, int installedCount, DeltaCursor removals, DeltaCursor upserts, Stream output, int bufferRecords)
        {
            _installed = installed;
            _installedCount = installedCount;
            _removals = removals;
            _upserts = upserts;
            _output = output;
            _in = new byte[bufferRecords * Size];
            _out = new byte[bufferRecords * Size];
        }

        public int Count { get; private set; }

        /// <summary>CRC-32 of the merged records (after <see cref="Run"/>).</summary>
        public uint Crc { get; private set; }

        public bool Run()
        {
            _removals.Next();
            _upserts.Next();
            int done = 0;
            while (done < _installedCount)
            {
                int n = _installedCount - done < _in.Length / Size ? _installedCount - done : _in.Length / Size;
                if (!StreamReads.ReadExactly(_installed, _in, 0, n * Size))
                {
                    return false;
                }
                for (int i = 0; i < n; i++)
                {
                    int at = i * Size;
                    if (done + i > 0 && HashOrder.ComparePrefix(_previous, 0, _in, at, CredentialStoreFormat.HashBytes) >= 0)
                    {
                        return false; // installed store out of order: refuse rather than write a bad one
                    }
                    System.Array.Copy(_in, at, _previous, 0, Size);
                    MergeOne(at);
                }
                done += n;
            }
            while (_upserts.HasItem)
            {
                Emit(_upserts.Item, 0);
                _upserts.Next();
            }
            Drain();
            Crc = Crc32.Finish(_crc);
            return true;
        }

        private void MergeOne(int at)
        {
            while (_upserts.CompareTo(_in, at) < 0)
            {
                Emit(_upserts.Item, 0);
                _upserts.Next();
            }
            while (_removals.CompareTo(_in, at) < 0)
            {
                _removals.Next();
            }
            if (_upserts.CompareTo(_in, at) == 0)
            {
                Emit(_upserts.Item, 0); // replaces the installed record
                _upserts.Next();
            }
            else if (_removals.CompareTo(_in, at) != 0)
            {
                Emit(_in, at);
            }
        }

        private void Emit(byte[] buffer, int offset)
        {
            if (_outUsed == _out.Length)
            {
                Drain();
            }
            System.Array.Copy(buffer, offset, _out, _outUsed, Size);
            _outUsed += Size;
            Count++;
        }

        private void Drain()
        {
            if (_outUsed > 0)
            {
                _output.Write(_out, 0, _outUsed);
                _crc = Crc32.Update(_crc, _out, 0, _outUsed);
                _outUsed = 0;
            }
        }
    }
}
