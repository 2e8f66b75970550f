using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// <see cref="ISerialLine"/> over a Linux tty device: one end of a socat PTY pair, or a real USB-serial
    /// adapter (/dev/ttyUSB0). The device is put in raw mode at 115200 8N1 with stty, the same settings as the
    /// controller's UART0. Reads wait at most <see cref="ReadTimeoutMilliseconds"/>.
    /// </summary>
    public sealed unsafe class PtySerialLine : ISerialLine, IDisposable
    {
        public const int ReadTimeoutMilliseconds = 100;

        private readonly object _writeLock = new object();
        private int _fd;

        public PtySerialLine(string path, bool configureWithStty = true)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                throw new PlatformNotSupportedException("PtySerialLine needs a POSIX tty");
            }
            Path = path;
            if (configureWithStty)
            {
                RunStty(path);
            }
            _fd = PtyNative.Open(path, PtyNative.ReadWrite | PtyNative.NoControllingTty);
            if (_fd < 0)
            {
                throw new System.IO.IOException("cannot open " + path + " (errno " + Marshal.GetLastWin32Error() + ")");
            }
        }

        public string Path { get; }

        /// <summary>Raw mode, no echo, 115200 8N1: a console must see every byte as typed and echo itself.</summary>
        public static void RunStty(string path)
        {
            var info = new ProcessStartInfo("stty", new[] { "-F", path, "115200", "raw", "-echo", "cs8", "-parenb", "-cstopb", "clocal" })
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var stty = Process.Start(info) ?? throw new InvalidOperationException("cannot start stty");
            string error = stty.StandardError.ReadToEnd();
            stty.WaitForExit();
            if (stty.ExitCode != 0)
            {
                throw new System.IO.IOException("stty failed on " + path + ": " + error.Trim());
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int fd = _fd;
            if (fd < 0)
            {
                return -1;
            }
            if (count <= 0 || offset < 0 || offset + count > buffer.Length)
            {
                return 0;
            }
            PtyNative.PollFd poll = new PtyNative.PollFd { Fd = fd, Events = PtyNative.PollIn };
            int ready = PtyNative.Poll(&poll, 1, ReadTimeoutMilliseconds);
            if (ready == 0)
            {
                return 0;
            }
            if (ready < 0)
            {
                return Marshal.GetLastWin32Error() == PtyNative.Interrupted ? 0 : -1;
            }
            if ((poll.ReturnedEvents & PtyNative.PollIn) == 0)
            {
                // Hang-up with nothing left to read: the other end is gone (socat stopped, adapter unplugged).
                return (poll.ReturnedEvents & (PtyNative.PollHangUp | PtyNative.PollError)) != 0 ? -1 : 0;
            }
            nint read;
            fixed (byte* start = &buffer[offset])
            {
                read = PtyNative.Read(fd, start, count);
            }
            if (read > 0)
            {
                return (int)read;
            }
            int errno = Marshal.GetLastWin32Error();
            return read < 0 && (errno == PtyNative.Interrupted || errno == PtyNative.TryAgain) ? 0 : -1;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            lock (_writeLock)
            {
                int fd = _fd;
                while (count > 0 && fd >= 0)
                {
                    nint written;
                    fixed (byte* start = &buffer[offset])
                    {
                        written = PtyNative.Write(fd, start, count);
                    }
                    if (written <= 0)
                    {
                        int errno = Marshal.GetLastWin32Error();
                        if (written < 0 && (errno == PtyNative.Interrupted || errno == PtyNative.TryAgain))
                        {
                            continue;
                        }
                        return; // the far end is gone; a console reply has nowhere to go
                    }
                    offset += (int)written;
                    count -= (int)written;
                }
            }
        }

        public void Dispose()
        {
            int fd = _fd;
            _fd = -1;
            if (fd >= 0)
            {
                PtyNative.Close(fd);
            }
        }
    }
}
