using System.Runtime.InteropServices;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// The few libc calls a serial device needs on Linux. poll() gives reads a timeout, so the console thread can
    /// run its idle checks and be stopped cleanly; FileStream has neither on a tty.
    /// </summary>
    internal static unsafe class PtyNative
    {
        public const int ReadWrite = 2;          // O_RDWR
        public const int NoControllingTty = 256; // O_NOCTTY (0400): opening must not make the pty our terminal
        public const short PollIn = 1;
        public const short PollError = 8;
        public const short PollHangUp = 16;
        public const int Interrupted = 4;        // EINTR
        public const int TryAgain = 11;          // EAGAIN

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short ReturnedEvents;
        }

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);

        [DllImport("libc", EntryPoint = "read", SetLastError = true)]
        public static extern nint Read(int fd, byte* buffer, nint count);

        [DllImport("libc", EntryPoint = "write", SetLastError = true)]
        public static extern nint Write(int fd, byte* buffer, nint count);

        [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
        public static extern int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);
    }
}
