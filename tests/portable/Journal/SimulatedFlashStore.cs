using System;
using System.Collections;
using System.IO;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Tests.Support;

namespace DoorController.Tests.Journal
{
    /// <summary>
    /// An <see cref="IFileStore"/> that behaves like flash behind a write cache, harsher than LittleFS:
    /// <list type="bullet">
    /// <item>writes land in a volatile view; only Flush makes them durable (creates and deletes are durable at once);</item>
    /// <item>after <see cref="CutAfterBytes"/> written bytes the supply fails in the middle of a write and every later call throws;</item>
    /// <item><see cref="PowerCycle"/> decides the fate of each unflushed write in random order: lost, landed, or torn
    /// (a correct prefix, then the rest of that page garbage or erased 0xFF);</item>
    /// <item>SetLength throws, like nanoFramework's FileStream.</item>
    /// </list>
    /// </summary>
    public sealed class SimulatedFlashStore : IFileStore
    {
        public const int PageBytes = 32;

        private readonly ObjectMap _files = new ObjectMap();
        private readonly Random _random;
        private long _budget = -1;

        public SimulatedFlashStore(int seed)
        {
            _random = new Random(seed);
        }

        /// <summary>True from the cut until <see cref="PowerCycle"/>.</summary>
        public bool PoweredOff;

        /// <summary>Bytes written since power-up (all files).</summary>
        public long BytesWritten;

        /// <summary>Unflushed writes that were torn by power cycles so far.</summary>
        public int TornWrites;

        /// <summary>Unflushed writes lost entirely by power cycles so far.</summary>
        public int LostWrites;

        /// <summary>Fails the supply after this many more written bytes; -1 = never.</summary>
        public long CutAfterBytes
        {
            get { return _budget; }
            set { _budget = value; }
        }

        /// <summary>Restores power: unflushed writes land, vanish or tear; every file's view becomes what is durable.</summary>
        public void PowerCycle()
        {
            // Sorted order: map order follows string hash codes, which differ between runs on .NET.
            PoweredOff = false;
            string[] names = List(null);
            for (int i = 0; i < names.Length; i++)
            {
                SettleFile((SimFile)_files[names[i]]);
            }
            _budget = -1;
            BytesWritten = 0;
        }

        /// <summary>Durable bytes of a file (test inspection and deliberate corruption).</summary>
        public byte[] DurableBytes(string name)
        {
            SimFile file = (SimFile)_files[name];
            if (file == null)
            {
                return null;
            }
            byte[] copy = new byte[file.DurableLength];
            Array.Copy(file.Durable, copy, file.DurableLength);
            return copy;
        }

        public Stream Open(string name, bool create)
        {
            CheckPower();
            SimFile file = (SimFile)_files[name];
            if (file == null)
            {
                if (!create)
                {
                    throw new IOException("no such file: " + name);
                }
                file = new SimFile();
                _files[name] = file;
            }
            return new SimStream(this, file);
        }

        public string[] List(string prefix)
        {
            CheckPower();
            ArrayList names = new ArrayList();
            foreach (object key in _files.Keys())
            {
                string name = (string)key;
                if (prefix == null || name.StartsWith(prefix))
                {
                    names.Add(name);
                }
            }
            string[] result = (string[])names.ToArray(typeof(string));
            MemoryFileStore.SortOrdinal(result);
            return result;
        }

        public void Delete(string name)
        {
            CheckPower();
            if (_files.Contains(name))
            {
                _files.Remove(name);
            }
        }

        public void Replace(string sourceName, string targetName)
        {
            CheckPower();
            SimFile source = (SimFile)_files[sourceName];
            if (source == null)
            {
                throw new IOException("no such file: " + sourceName);
            }
            _files.Remove(sourceName);
            _files[targetName] = source;
        }

        private void CheckPower()
        {
            if (PoweredOff)
            {
                throw new PowerCutException();
            }
        }

        /// <summary>Charges a write against the budget; returns how many of <paramref name="count"/> bytes get out before the cut.</summary>
        private int Charge(int count)
        {
            CheckPower();
            if (_budget < 0 || count <= _budget)
            {
                if (_budget >= 0)
                {
                    _budget -= count;
                }
                BytesWritten += count;
                return count;
            }
            int allowed = (int)_budget;
            _budget = 0;
            BytesWritten += allowed;
            return allowed;
        }

        private void SettleFile(SimFile file)
        {
            int n = file.Pending.Count;
            int[] order = new int[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--)
            {
                int j = _random.Next(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k = 0; k < n; k++)
            {
                PendingWrite write = (PendingWrite)file.Pending[order[k]];
                int fate = _random.Next(3);
                if (fate == 0)
                {
                    LostWrites++;
                    continue;
                }
                if (fate == 1)
                {
                    file.ApplyDurable(write.Offset, write.Data, 0, write.Data.Length);
                    continue;
                }
                TornWrites++;
                int good = _random.Next(write.Data.Length + 1);
                file.ApplyDurable(write.Offset, write.Data, 0, good);
                int tornAt = write.Offset + good;
                int pageEnd = (tornAt / PageBytes + 1) * PageBytes;
                int garbageEnd = pageEnd < write.Offset + write.Data.Length ? pageEnd : write.Offset + write.Data.Length;
                if (garbageEnd > tornAt)
                {
                    byte[] garbage = new byte[garbageEnd - tornAt];
                    if (_random.Next(2) == 0)
                    {
                        _random.NextBytes(garbage);
                    }
                    else
                    {
                        for (int i = 0; i < garbage.Length; i++)
                        {
                            garbage[i] = 0xFF;
                        }
                    }
                    file.ApplyDurable(tornAt, garbage, 0, garbage.Length);
                }
            }
            file.Pending.Clear();
            file.ResetViewToDurable();
        }

        private sealed class PendingWrite
        {
            public int Offset;
            public byte[] Data;
        }

        private sealed class SimFile
        {
            public byte[] Durable = new byte[0];
            public int DurableLength;
            public byte[] View = new byte[0];
            public int ViewLength;
            public readonly ArrayList Pending = new ArrayList();

            public void ApplyDurable(int offset, byte[] data, int index, int count)
            {
                Durable = Grow(Durable, DurableLength, offset + count);
                if (offset > DurableLength)
                {
                    Array.Clear(Durable, DurableLength, offset - DurableLength);
                }
                Array.Copy(data, index, Durable, offset, count);
                if (offset + count > DurableLength)
                {
                    DurableLength = offset + count;
                }
            }

            public void WriteView(int offset, byte[] data, int index, int count)
            {
                View = Grow(View, ViewLength, offset + count);
                if (offset > ViewLength)
                {
                    Array.Clear(View, ViewLength, offset - ViewLength);
                }
                Array.Copy(data, index, View, offset, count);
                if (offset + count > ViewLength)
                {
                    ViewLength = offset + count;
                }
                PendingWrite write = new PendingWrite();
                write.Offset = offset;
                write.Data = new byte[count];
                Array.Copy(data, index, write.Data, 0, count);
                Pending.Add(write);
            }

            public void Flush()
            {
                for (int i = 0; i < Pending.Count; i++)
                {
                    PendingWrite write = (PendingWrite)Pending[i];
                    ApplyDurable(write.Offset, write.Data, 0, write.Data.Length);
                }
                Pending.Clear();
            }

            public void ResetViewToDurable()
            {
                View = new byte[Durable.Length];
                Array.Copy(Durable, View, DurableLength);
                ViewLength = DurableLength;
            }

            private static byte[] Grow(byte[] bytes, int used, int size)
            {
                if (size <= bytes.Length)
                {
                    return bytes;
                }
                int capacity = bytes.Length < 256 ? 256 : bytes.Length * 2;
                while (capacity < size)
                {
                    capacity *= 2;
                }
                byte[] grown = new byte[capacity];
                Array.Copy(bytes, grown, used);
                return grown;
            }
        }

        /// <summary>Stream over a file's volatile view (MemoryStream base only to avoid the device's SpanByte overload).</summary>
        private sealed class SimStream : MemoryStream
        {
            private readonly SimulatedFlashStore _store;
            private readonly SimFile _file;
            private long _position;

            public SimStream(SimulatedFlashStore store, SimFile file)
            {
                _store = store;
                _file = file;
            }

            public override bool CanRead { get { return true; } }
            public override bool CanSeek { get { return true; } }
            public override bool CanWrite { get { return true; } }

            public override long Length
            {
                get
                {
                    _store.CheckPower();
                    return _file.ViewLength;
                }
            }

            public override long Position
            {
                get { return _position; }
                set { Seek(value, SeekOrigin.Begin); }
            }

            public override void Flush()
            {
                _store.CheckPower();
                _file.Flush();
            }

            public override long Seek(long offset, SeekOrigin origin)
            {
                _store.CheckPower();
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
                throw new NotSupportedException("FileStream.SetLength is not implemented on nanoFramework");
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                _store.CheckPower();
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
        }
    }
}
