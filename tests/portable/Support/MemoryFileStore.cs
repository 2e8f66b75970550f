using System;
using System.Collections;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Tests.Support
{
    /// <summary>
    /// A plain in-memory <see cref="IFileStore"/> for portable tests: files outlive the streams that wrote them,
    /// so a test can close everything, build a new component over the same store and see what a reboot would see
    /// (without power-cut effects: every write counts as durable; use the journal's simulated flash for those).
    /// </summary>
    public sealed class MemoryFileStore : IFileStore
    {
        private readonly ObjectMap _files = new ObjectMap();

        /// <summary>Number of files currently stored.</summary>
        public int Count
        {
            get { return _files.Count; }
        }

        public bool Exists(string name)
        {
            return _files.Contains(name);
        }

        /// <summary>Copy of a file's bytes, or null when it does not exist.</summary>
        public byte[] ReadAll(string name)
        {
            FileData file = (FileData)_files[name];
            if (file == null)
            {
                return null;
            }
            byte[] copy = new byte[file.Length];
            Array.Copy(file.Bytes, copy, file.Length);
            return copy;
        }

        /// <summary>Creates or overwrites a file with <paramref name="content"/>.</summary>
        public void WriteAll(string name, byte[] content)
        {
            FileData file = new FileData();
            file.Bytes = new byte[content.Length];
            Array.Copy(content, file.Bytes, content.Length);
            file.Length = content.Length;
            _files[name] = file;
        }

        public Stream Open(string name, bool create)
        {
            FileData file = (FileData)_files[name];
            if (file == null)
            {
                if (!create)
                {
                    throw new IOException("no such file: " + name);
                }
                file = new FileData();
                _files[name] = file;
            }
            return new FileStreamView(file);
        }

        public string[] List(string prefix)
        {
            ArrayList names = new ArrayList();
            foreach (object key in _files.Keys())
            {
                string name = (string)key;
                if (prefix == null || name.StartsWith(prefix))
                {
                    names.Add(name);
                }
            }
            string[] result = new string[names.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)names[i];
            }
            SortOrdinal(result);
            return result;
        }

        public void Delete(string name)
        {
            if (_files.Contains(name))
            {
                _files.Remove(name);
            }
        }

        public void Replace(string sourceName, string targetName)
        {
            FileData source = (FileData)_files[sourceName];
            if (source == null)
            {
                throw new IOException("no such file: " + sourceName);
            }
            _files.Remove(sourceName);
            _files[targetName] = source;
        }

        /// <summary>Insertion sort by ordinal comparison (the device has no Array.Sort with a comparer).</summary>
        public static void SortOrdinal(string[] names)
        {
            for (int i = 1; i < names.Length; i++)
            {
                string current = names[i];
                int j = i - 1;
                while (j >= 0 && CompareOrdinal(names[j], current) > 0)
                {
                    names[j + 1] = names[j];
                    j--;
                }
                names[j + 1] = current;
            }
        }

        /// <summary>Char-by-char comparison; the device's String.Compare is not specified as ordinal.</summary>
        internal static int CompareOrdinal(string a, string b)
        {
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i] - b[i];
                }
            }
            return a.Length - b.Length;
        }

        /// <summary>A file's content; grows by doubling.</summary>
        private sealed class FileData
        {
            public byte[] Bytes = new byte[0];
            public int Length;

            public void EnsureCapacity(int size)
            {
                if (size <= Bytes.Length)
                {
                    return;
                }
                int capacity = Bytes.Length < 64 ? 64 : Bytes.Length;
                while (capacity < size)
                {
                    capacity *= 2;
                }
                byte[] grown = new byte[capacity];
                Array.Copy(Bytes, grown, Length);
                Bytes = grown;
            }
        }

        /// <summary>
        /// A stream over a <see cref="FileData"/>. Derives from MemoryStream (not Stream) so the device build does not
        /// need the SpanByte Read overload; every member used is overridden to work on the shared file instead.
        /// </summary>
        private sealed class FileStreamView : MemoryStream
        {
            private readonly FileData _file;
            private long _position;

            public FileStreamView(FileData file)
            {
                _file = file;
            }

            public override bool CanRead { get { return true; } }
            public override bool CanSeek { get { return true; } }
            public override bool CanWrite { get { return true; } }
            public override long Length { get { return _file.Length; } }

            public override long Position
            {
                get { return _position; }
                set { _position = value; }
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin)
            {
                long basePosition = origin == SeekOrigin.Begin ? 0 : origin == SeekOrigin.Current ? _position : _file.Length;
                _position = basePosition + offset;
                return _position;
            }

            public override void SetLength(long value)
            {
                int length = (int)value;
                _file.EnsureCapacity(length);
                if (length > _file.Length)
                {
                    Array.Clear(_file.Bytes, _file.Length, length - _file.Length);
                }
                _file.Length = length;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int available = _file.Length - (int)_position;
                if (available <= 0)
                {
                    return 0;
                }
                int n = count < available ? count : available;
                Array.Copy(_file.Bytes, (int)_position, buffer, offset, n);
                _position += n;
                return n;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                int end = (int)_position + count;
                _file.EnsureCapacity(end);
                if (_position > _file.Length)
                {
                    Array.Clear(_file.Bytes, _file.Length, (int)_position - _file.Length);
                }
                Array.Copy(buffer, offset, _file.Bytes, (int)_position, count);
                if (end > _file.Length)
                {
                    _file.Length = end;
                }
                _position = end;
            }
        }
    }
}
