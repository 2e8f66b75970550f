using System;
using System.IO;

namespace DoorController.Server.Storage
{
    /// <summary>
    /// File modes for what the server keeps on disk: the data directory 0700; the database, its WAL and shared-memory
    /// files, and every key or password file 0600. New files are created with their final mode (never briefly
    /// readable by others); files of an older installation are tightened at start.
    /// </summary>
    public static class SecretFiles
    {
        public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        /// <summary>Creates the directory 0700, or tightens an existing one that is the server's own (empty, or
        /// holding <paramref name="ownFiles"/>); an open directory shared with other files is refused rather than
        /// changed under its other users.</summary>
        public static void SecureDirectory(string path, params string[] ownFiles)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
                return;
            }
            if (!Directory.Exists(path)) Directory.CreateDirectory(path, PrivateDirectory);
            if ((File.GetUnixFileMode(path) & ~PrivateDirectory) == 0) return;
            bool ours = Directory.GetFileSystemEntries(path).Length == 0;
            foreach (string f in ownFiles) ours = ours || File.Exists(Path.Combine(path, f));
            if (!ours) throw new StartupException("the data directory " + path + " can be read by other users and holds files that are not the server's: give the server a directory of its own");
            Tighten(path, PrivateDirectory);
        }

        /// <summary>Sets 0600 on each existing file (the database, its -wal and -shm, key files).</summary>
        public static void SecureFiles(params string[] paths)
        {
            if (OperatingSystem.IsWindows()) return;
            foreach (string p in paths)
            {
                if (File.Exists(p)) Tighten(p, PrivateFile);
            }
        }

        /// <summary>Creates an empty file with mode 0600 if it does not exist (so SQLite, which gives its WAL and
        /// shared-memory files the database's mode, never creates any of them readable by others).</summary>
        public static void CreateEmpty(string path)
        {
            if (File.Exists(path)) return;
            using (Open(path, System.IO.FileMode.CreateNew)) { }
        }

        /// <summary>Writes <paramref name="text"/> to a new file that is 0600 from its first byte.</summary>
        public static void WriteNew(string path, string text)
        {
            using (var stream = Open(path, System.IO.FileMode.CreateNew))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(true);
            }
        }

        /// <summary>Whether users other than the owner may read the file (a key file must not be).</summary>
        public static bool OthersCanRead(string path)
        {
            if (OperatingSystem.IsWindows()) return false;
            return (File.GetUnixFileMode(path) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;
        }

        private static FileStream Open(string path, System.IO.FileMode mode)
        {
            var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFile;
            return new FileStream(path, options);
        }

        private static void Tighten(string path, UnixFileMode mode)
        {
            UnixFileMode now = File.GetUnixFileMode(path);
            if ((now & ~mode) == 0) return;
            File.SetUnixFileMode(path, now & mode);
            Console.Error.WriteLine("tightened " + path + " from " + Octal(now) + " to " + Octal(now & mode));
        }

        private static string Octal(UnixFileMode m)
        {
            return Convert.ToString((int)m & 0x1FF, 8).PadLeft(4, '0');
        }
    }
}
