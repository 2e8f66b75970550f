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

        /// <summary>The current power cycle, for streams to tell whether they outlived one.</summary>
        internal int Boot { get { return _boot; } }

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
                Settle((SimulatedFlashFile)_files[i]);
                ((SimulatedFlashFile)_files[i]).OpenStreams = 0;
            }
            _budget = -1;
            BytesWritten = 0;
        }

        /// <summary>Durable bytes of a file (test inspection and deliberate corruption), or null when it does not exist.</summary>
        public byte[] DurableBytes(string name)
        {
            SimulatedFlashFile file = Find(name);
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
            SimulatedFlashFile file = Find(name);
            if (file == null)
            {
                if (!create)
                {
                    throw new IOException("no such file: " + name);
                }
                ChargeCommit();
                file = new SimulatedFlashFile(name);
                _files.Add(file);
            }
            return new SimulatedFlashStream(this, file);
        }

        public string[] List(string prefix)
        {
            CheckPower();
            ArrayList names = new ArrayList();
            for (int i = 0; i < _files.Count; i++)
            {
                string name = ((SimulatedFlashFile)_files[i]).Name;
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
            SimulatedFlashFile file = Find(name);
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
            SimulatedFlashFile source = Find(sourceName);
            if (source == null)
            {
                throw new IOException("no such file: " + sourceName);
            }
            if (source.Pending.Count > 0)
            {
                throw new InvalidOperationException("replace of " + sourceName + " with uncommitted writes: close it first");
            }
            RefuseIfOpen(source);
            SimulatedFlashFile target = Find(targetName);
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

        private SimulatedFlashFile Find(string name)
        {
            for (int i = 0; i < _files.Count; i++)
            {
                SimulatedFlashFile file = (SimulatedFlashFile)_files[i];
                if (file.Name == name)
                {
                    return file;
                }
            }
            return null;
        }

        private static void RefuseIfOpen(SimulatedFlashFile file)
        {
            if (file.OpenStreams > 0)
            {
                throw new IOException(file.Name + " is open: esp_littlefs refuses to delete or rename an open file");
            }
        }

        internal void CheckPower()
        {
            if (PoweredOff)
            {
                throw new PowerCutException();
            }
        }

        /// <summary>Charges a write against the budget; returns how many of <paramref name="count"/> bytes get out before the cut.</summary>
        internal int Charge(int count)
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

        internal void Commit(SimulatedFlashFile file)
        {
            if (file.Pending.Count == 0)
            {
                return;
            }
            ChargeCommit();
            file.CommitView();
            Commits++;
        }

        private void Settle(SimulatedFlashFile file)
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
                    ((PendingFlashChange)file.Pending[i]).ApplyTo(file, -1, null);
                }
            }
            else
            {
                TornFiles++;
                int whole = _random.Next(n);
                for (int i = 0; i < whole; i++)
                {
                    ((PendingFlashChange)file.Pending[i]).ApplyTo(file, -1, null);
                }
                PendingFlashChange torn = (PendingFlashChange)file.Pending[whole];
                torn.ApplyTo(file, torn.Data == null ? -1 : _random.Next(torn.Data.Length + 1), _random);
            }
            file.Pending.Clear();
            file.ResetViewToDurable();
        }
    }
}
