using System.IO;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// A FileStream with the device's durability contract: closing it commits it (fsync, like LittleFS commits a file
    /// when nanoFramework closes it), while Flush() only empties buffers (the device driver's Flush is fflush, never
    /// fsync). Code that needs a write on the medium must close the file, on the host as on the ESP32. Unbuffered
    /// (bufferSize 1): callers write whole records, so a managed buffer would only cost an allocation per file.
    /// </summary>
    public sealed class DurableFileStream : FileStream
    {
        public DurableFileStream(string path, FileMode mode)
            : base(path, mode, FileAccess.ReadWrite, FileShare.Read, 1)
        {
        }

        public override void Flush()
        {
            Flush(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !SafeFileHandle.IsClosed)
            {
                Flush(true);
            }
            base.Dispose(disposing);
        }
    }
}
