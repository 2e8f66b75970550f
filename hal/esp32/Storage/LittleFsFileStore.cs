using System.Collections;
using System.IO;
using DoorController.Hal;

namespace DoorController.Hal.Esp32
{
    /// <summary>
    /// The ESP32's internal-flash LittleFS volume (drive I:\, nf-interpreter target_FileSystem.cpp) as a flat file
    /// store. The driver (targets/ESP32/_littlefs/littlefs_FS_Driver.cpp) follows every FileStream.Write with fflush
    /// and maps Flush to fflush: nothing reaches flash until the file is closed (lfs_file_sync), so every writer here
    /// commits by closing. SetLength is implemented (ftruncate) and, like a write, takes effect at the close.
    /// File.Move refuses an existing target, so <see cref="Replace"/> keeps the old file as "name.old" until the new
    /// one is in place; a power cut in between is rolled back at the next start (<see cref="RecoverReplaces"/>), so a
    /// replaced file (configuration, cache) is always either the old or the new one, never missing.
    /// </summary>
    public sealed class LittleFsFileStore : IFileStore
    {
        public const string InternalFlashRoot = "I:\\";
        private const string OldSuffix = ".old";

        private readonly string _root;

        public LittleFsFileStore()
            : this(InternalFlashRoot)
        {
        }

        /// <summary><paramref name="root"/> ends with a backslash, e.g. "I:\\" or "I:\\journal\\".</summary>
        public LittleFsFileStore(string root)
        {
            _root = root;
            if (root != InternalFlashRoot && !Directory.Exists(root))
            {
                Directory.CreateDirectory(root);
            }
            RecoverReplaces();
        }

        /// <summary>Finishes or rolls back a <see cref="Replace"/> that a power cut interrupted.</summary>
        private void RecoverReplaces()
        {
            try
            {
                string[] paths = Directory.GetFiles(_root);
                for (int i = 0; i < paths.Length; i++)
                {
                    string path = paths[i];
                    if (!path.EndsWith(OldSuffix))
                    {
                        continue;
                    }
                    string target = path.Substring(0, path.Length - OldSuffix.Length);
                    if (File.Exists(target))
                    {
                        File.Delete(path); // the new file made it: the old copy is no longer needed
                    }
                    else
                    {
                        File.Move(path, target); // cut before the new file landed: keep the old one
                    }
                }
            }
            catch (IOException)
            {
                // A volume that cannot be listed fails again, visibly, on first use.
            }
        }

        public Stream Open(string name, bool create)
        {
            return new FileStream(_root + name, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite);
        }

        public string[] List(string prefix)
        {
            // Sorted by insertion into a list, ordinal: few files, and the device has no comparer-based Array.Sort.
            ArrayList names = new ArrayList();
            foreach (string path in Directory.GetFiles(_root))
            {
                string name = Path.GetFileName(path);
                if (prefix == null || name.StartsWith(prefix))
                {
                    int at = names.Count;
                    while (at > 0 && CompareOrdinal((string)names[at - 1], name) > 0)
                    {
                        at--;
                    }
                    names.Insert(at, name);
                }
            }
            return (string[])names.ToArray(typeof(string));
        }

        public void Delete(string name)
        {
            File.Delete(_root + name);
        }

        /// <summary>
        /// nanoFramework's File.Move refuses an existing target: the target is first moved aside to "name.old", then
        /// the source moved in, then the old copy deleted. A cut anywhere is finished or rolled back at the next start.
        /// </summary>
        public void Replace(string sourceName, string targetName)
        {
            string target = _root + targetName;
            string previous = target + OldSuffix;
            if (File.Exists(previous))
            {
                File.Delete(previous);
            }
            if (File.Exists(target))
            {
                File.Move(target, previous);
            }
            File.Move(_root + sourceName, target);
            if (File.Exists(previous))
            {
                File.Delete(previous);
            }
        }

        private static int CompareOrdinal(string a, string b)
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
    }
}
