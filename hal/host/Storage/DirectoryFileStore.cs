using System;
using System.IO;
using DoorController.Hal;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// The controller's flash volume on the host: flat files in one directory, with the device's durability contract.
    /// Streams returned by <see cref="Open"/> reach the disk when they are closed (fsync), as a file on the ESP32's
    /// LittleFS volume is committed when it is closed; their <c>Flush()</c> promises nothing more than the device's
    /// (fflush). Creating, deleting and replacing a file also fsync the directory, so the names survive a crash as well.
    /// </summary>
    public sealed class DirectoryFileStore : IFileStore
    {
        private readonly string _directory;

        public DirectoryFileStore(string directory)
        {
            _directory = Path.GetFullPath(directory);
            Directory.CreateDirectory(_directory);
        }

        public string DirectoryPath => _directory;

        public Stream Open(string name, bool create)
        {
            string path = PathOf(name);
            bool creating = create && !File.Exists(path);
            var stream = new DurableFileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open);
            if (creating)
            {
                DirectorySync.Sync(_directory);
            }
            return stream;
        }

        public string[] List(string prefix)
        {
            string[] paths = Directory.GetFiles(_directory);
            var names = new System.Collections.Generic.List<string>(paths.Length);
            foreach (string path in paths)
            {
                string name = Path.GetFileName(path);
                if (prefix == null || name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    names.Add(name);
                }
            }
            names.Sort(StringComparer.Ordinal);
            return names.ToArray();
        }

        public void Delete(string name)
        {
            File.Delete(PathOf(name));
            DirectorySync.Sync(_directory);
        }

        /// <summary>rename(2) over the target: atomic on POSIX file systems.</summary>
        public void Replace(string sourceName, string targetName)
        {
            File.Move(PathOf(sourceName), PathOf(targetName), true);
            DirectorySync.Sync(_directory);
        }

        private string PathOf(string name)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name == "." || name == "..")
            {
                throw new ArgumentException("file store names are flat: '" + name + "'", nameof(name));
            }
            return Path.Combine(_directory, name);
        }
    }
}
