using System;
using System.Runtime.InteropServices;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// fsync(2) on a directory, so a created, deleted or renamed file survives a host crash too (POSIX keeps directory
    /// entries in the page cache like file data). LittleFS on the device commits metadata atomically; this is the host's
    /// equivalent. No-op on Windows, where NTFS journals metadata.
    /// </summary>
    internal static class DirectorySync
    {
        private const int ReadOnly = 0;

        [DllImport("libc", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);

        public static void Sync(string directory)
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }
            int fd = open(directory, ReadOnly);
            if (fd < 0)
            {
                throw new System.IO.IOException("cannot open directory " + directory + " for fsync (errno " + Marshal.GetLastWin32Error() + ")");
            }
            try
            {
                if (fsync(fd) != 0)
                {
                    throw new System.IO.IOException("fsync of directory " + directory + " failed (errno " + Marshal.GetLastWin32Error() + ")");
                }
            }
            finally
            {
                close(fd);
            }
        }
    }
}
