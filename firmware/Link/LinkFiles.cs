using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Link
{
    /// <summary>
    /// File helpers for the link's small state files and staging files. A write is on flash only once its file is
    /// closed (LittleFS commits at close), so every writer closes before it relies on or replaces a file.
    /// </summary>
    public static class LinkFiles
    {
        public static bool Exists(IFileStore store, string name)
        {
            string[] names = store.List(name);
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Opens <paramref name="name"/> as a new, empty file.</summary>
        public static Stream CreateEmpty(IFileStore store, string name)
        {
            if (Exists(store, name))
            {
                store.Delete(name);
            }
            return store.Open(name, true);
        }

        /// <summary>Writes <paramref name="data"/> to a temp file and atomically replaces <paramref name="name"/> with it.</summary>
        public static void WriteAtomically(IFileStore store, string name, byte[] data)
        {
            string temp = name + ".tmp";
            Stream s = CreateEmpty(store, temp);
            try
            {
                s.Write(data, 0, data.Length);
            }
            finally
            {
                s.Close(); // commits the temp file before it takes the name
            }
            store.Replace(temp, name);
        }

        /// <summary>Reads up to <paramref name="buffer"/>.Length bytes from the start of a file; -1 when it does not exist.</summary>
        public static int ReadPrefix(IFileStore store, string name, byte[] buffer)
        {
            if (!Exists(store, name))
            {
                return -1;
            }
            Stream s = store.Open(name, false);
            try
            {
                return StreamReads.ReadUpTo(s, buffer, 0, buffer.Length);
            }
            finally
            {
                s.Close();
            }
        }
    }
}
