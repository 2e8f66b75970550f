using System;
using System.Collections;
using System.IO;
using DoorController.Hal;

namespace DoorController.Tests.Support
{
    /// <summary>
    /// An <see cref="IFileStore"/> with the durability rules of the ESP32's LittleFS volume as nanoFramework drives it
    /// (nf-interpreter targets/ESP32/_littlefs/littlefs_FS_Driver.cpp over esp_littlefs), and harsher where harshness
    /// finds bugs:
    /// <list type="bullet">
    /// <item>Write and Flush only reach the open file's cache (the driver's Flush is fflush, never fsync): nothing
    /// written is durable before the file is closed. Close commits the file's changes at once (lfs_file_sync).</item>
    /// <item>Creating, deleting and replacing a file commit at once (LittleFS metadata commits).</item>
    /// <item>SetLength works (the driver calls ftruncate) and, like a write, is durable only at the close.</item>
    /// <item>After <see cref="CutAfterBytes"/> the supply fails: in the middle of a write, or on a metadata commit
    /// (a close, create, delete or replace costs <see cref="CommitCost"/>), and every later call throws.</item>
    /// <item><see cref="PowerCycle"/> settles every file with uncommitted changes: they vanish (what LittleFS does), or,
    /// harsher, they land in part (a prefix of the changes, the last write torn: a correct prefix, then the rest of
    /// that page garbage or erased 0xFF) or whole.</item>
    /// <item><see cref="Replace"/> refuses a source with uncommitted changes: replacing before closing is a bug.</item>
    /// <item>Deleting or renaming (<see cref="Replace"/>) a file that is open fails, as esp_littlefs refuses both with
    /// EBUSY ("Has open FD").</item>
    /// </list>
    /// No Hashtable: files are few and found by a linear scan.
    /// </summary>
    public sealed class SimulatedFlashStore : IFileStore
    {
        public const int PageBytes = 32;

        /// <summary>Budget charged by a metadata commit (close with changes, create, delete, replace).</summary>
        public const int CommitCost = 16;

        private readonly ArrayList _files = new ArrayList();
        private readonly Random _random;
        private long _budget = -1;

        public SimulatedFlashStore(int seed)
        {
            _random = new Random(seed);
        }

        /// <summary>True from the cut until <see cref="PowerCycle"/>.</summary>
        public bool PoweredOff;

        /// <summary>Power cycles so far: a stream opened before the last one is dead.</summary>
        private int _boot;

        /// <summary>Bytes written since power-up (all files).</summary>
        public long BytesWritten;

        /// <summary>Commits (file closes with changes) since construction.</summary>
        public long Commits;

        /// <summary>Files whose uncommitted changes a power cycle tore (landed in part).</summary>
        public int TornFiles;

        /// <summary>Files whose uncommitted changes a power cycle dropped entirely.</summary>
        public int LostFiles;

        /// <summary>Files whose uncommitted changes a power cycle let land whole.</summary>
        public int LandedFiles;

        /// <summary>Fails the supply after this many more written bytes (commits count <see cref="CommitCost"/>); -1 = never.</summary>
        public long CutAfterBytes
        {
            get { return _budget; }
            set { _budget = value; }
        }

        /// <summary>Restores power: uncommitted changes vanish, land in part or land whole; every file shows what is durable.</summary>
        public void PowerCycle()
        {
            PoweredOff = false;
            _boot++; // every handle died with the power: nothing is open after the reboot
            for (int i = 0; i < _files.Count; i++)
            {
                Settle((SimFile)_files[i]);
                ((SimFile)_files[i]).OpenStreams = 0;
            }
            _budget = -1;
            BytesWritten = 0;
        }

        /// <summary>Durable bytes of a file (test inspection and deliberate corruption), or null when it does not exist.</summary>
        public byte[] DurableBytes(string name)
        {
            SimFile file = Find(name);
            if (file == null)
            {
                return null;
            }
            byte[] copy = new byte[file.DurableLength];
            Array.Copy(file.Durable, copy, file.DurableLength);
            return copy;
        }

        public bool Exists(string name)
        {
            return Find(name) != null;
        }

        public Stream Open(string name, bool create)
        {
            CheckPower();
            SimFile file = Find(name);
            if (file == null)
            {
                if (!create)
                {
                    throw new IOException("no such file: " + name);
                }
                ChargeCommit();
                file = new SimFile(name);
                _files.Add(file);
            }
            return new SimStream(this, file);
        }

        public string[] List(string prefix)
        {
            CheckPower();
            ArrayList names = new ArrayList();
            for (int i = 0; i < _files.Count; i++)
            {
                string name = ((SimFile)_files[i]).Name;
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
            SimFile file = Find(name);
            if (file != null)
            {
                RefuseIfOpen(file);
                ChargeCommit();
                _files.Remove(file);
            }
        }

        public void Replace(string sourceName, string targetName)
        {
            CheckPower();
            SimFile source = Find(sourceName);
            if (source == null)
            {
                throw new IOException("no such file: " + sourceName);
            }
            if (source.Pending.Count > 0)
            {
                throw new InvalidOperationException("replace of " + sourceName + " with uncommitted writes: close it first");
            }
            RefuseIfOpen(source);
            SimFile target = Find(targetName);
            if (target != null)
            {
                RefuseIfOpen(target);
            }
            ChargeCommit();
            if (target != null)
            {
                _files.Remove(target);
            }
            source.Name = targetName;
        }

        private SimFile Find(string name)
        {
            for (int i = 0; i < _files.Count; i++)
            {
                SimFile file = (SimFile)_files[i];
                if (file.Name == name)
                {
                    return file;
                }
            }
            return null;
        }

        private static void RefuseIfOpen(SimFile file)
        {
            if (file.OpenStreams > 0)
            {
                throw new IOException(file.Name + " is open: esp_littlefs refuses to delete or rename an open file");
            }
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

        /// <summary>A metadata commit: either it happens whole or the supply fails before it (LittleFS commits are atomic).</summary>
        private void ChargeCommit()
        {
            if (Charge(CommitCost) < CommitCost)
            {
                PoweredOff = true;
                throw new PowerCutException();
            }
        }

        private void Commit(SimFile file)
        {
            if (file.Pending.Count == 0)
            {
                return;
            }
            ChargeCommit();
            file.CommitView();
            Commits++;
        }

        private void Settle(SimFile file)
        {
            int n = file.Pending.Count;
            if (n == 0)
            {
                return;
            }
            int fate = _random.Next(4);
            if (fate <= 1)
            {
                LostFiles++;
            }
            else if (fate == 3)
            {
                LandedFiles++;
                for (int i = 0; i < n; i++)
                {
                    ((PendingChange)file.Pending[i]).ApplyTo(file, -1, null);
                }
            }
            else
            {
                TornFiles++;
                int whole = _random.Next(n);
                for (int i = 0; i < whole; i++)
                {
                    ((PendingChange)file.Pending[i]).ApplyTo(file, -1, null);
                }
                PendingChange torn = (PendingChange)file.Pending[whole];
                torn.ApplyTo(file, torn.Data == null ? -1 : _random.Next(torn.Data.Length + 1), _random);
            }
            file.Pending.Clear();
            file.ResetViewToDurable();
        }

        /// <summary>One uncommitted write (Data set) or length change (Data null).</summary>
        private sealed class PendingChange
        {
            public int Offset;
            public byte[] Data;
            public int NewLength;

            /// <summary>Applies the change to the durable image; a write with <paramref name="good"/> &gt;= 0 lands torn.</summary>
            public void ApplyTo(SimFile file, int good, Random random)
            {
                if (Data == null)
                {
                    file.DurableLength = Grow(ref file.Durable, file.DurableLength, NewLength);
                    return;
                }
                if (good < 0)
                {
                    file.WriteDurable(Offset, Data, 0, Data.Length);
                    return;
                }
                file.WriteDurable(Offset, Data, 0, good);
                int tornAt = Offset + good;
                int pageEnd = (tornAt / PageBytes + 1) * PageBytes;
                int garbageEnd = pageEnd < Offset + Data.Length ? pageEnd : Offset + Data.Length;
                if (garbageEnd <= tornAt)
                {
                    return;
                }
                byte[] garbage = new byte[garbageEnd - tornAt];
                if (random.Next(2) == 0)
                {
                    random.NextBytes(garbage);
                }
                else
                {
                    for (int i = 0; i < garbage.Length; i++)
                    {
                        garbage[i] = 0xFF;
                    }
                }
                file.WriteDurable(tornAt, garbage, 0, garbage.Length);
            }

            /// <summary>Sets <paramref name="bytes"/>' logical length to <paramref name="length"/> (zero-filled growth); returns it.</summary>
            public static int Grow(ref byte[] bytes, int used, int length)
            {
                if (length > bytes.Length)
                {
                    int capacity = bytes.Length < 256 ? 256 : bytes.Length * 2;
                    while (capacity < length)
                    {
                        capacity *= 2;
                    }
                    byte[] grown = new byte[capacity];
                    Array.Copy(bytes, grown, used);
                    bytes = grown;
                }
                if (length > used)
                {
                    Array.Clear(bytes, used, length - used);
                }
                return length;
            }
        }

        private sealed class SimFile
        {
            public string Name;
            public byte[] Durable = new byte[0];
            public int DurableLength;
            public byte[] View = new byte[0];
            public int ViewLength;
            public int OpenStreams;
            public readonly ArrayList Pending = new ArrayList();

            public SimFile(string name)
            {
                Name = name;
            }

            public void WriteDurable(int offset, byte[] data, int index, int count)
            {
                int end = offset + count;
                if (end > DurableLength)
                {
                    DurableLength = PendingChange.Grow(ref Durable, DurableLength, end);
                }
                Array.Copy(data, index, Durable, offset, count);
            }

            public void WriteView(int offset, byte[] data, int index, int count)
            {
                int end = offset + count;
                if (end > ViewLength)
                {
                    ViewLength = PendingChange.Grow(ref View, ViewLength, end);
                }
                Array.Copy(data, index, View, offset, count);
                PendingChange change = new PendingChange();
                change.Offset = offset;
                change.Data = new byte[count];
                Array.Copy(data, index, change.Data, 0, count);
                Pending.Add(change);
            }

            public void SetViewLength(int length)
            {
                ViewLength = PendingChange.Grow(ref View, ViewLength, length);
                PendingChange change = new PendingChange();
                change.NewLength = length;
                Pending.Add(change);
            }

            public void CommitView()
            {
                Durable = new byte[View.Length];
                Array.Copy(View, Durable, ViewLength);
                DurableLength = ViewLength;
                Pending.Clear();
            }

            public void ResetViewToDurable()
            {
                View = new byte[Durable.Length];
                Array.Copy(Durable, View, DurableLength);
                ViewLength = DurableLength;
            }
        }

        /// <summary>Stream over a file's view (MemoryStream base only to avoid the device's SpanByte overload).</summary>
        private sealed class SimStream : MemoryStream
        {
            private readonly SimulatedFlashStore _store;
            private readonly SimFile _file;
            private readonly int _boot;
            private long _position;
            private bool _closed;

            public SimStream(SimulatedFlashStore store, SimFile file)
            {
                _store = store;
                _file = file;
                _boot = store._boot;
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
                    if (_boot != _store._boot)
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
}
