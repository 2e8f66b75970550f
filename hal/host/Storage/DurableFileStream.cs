using System.IO;

namespace DoorController.Hal.Host
{
    /// <summary>A FileStream whose Flush() also flushes the OS cache to the disk (FileStream.Flush(true), i.e. fsync).</summary>
    public sealed class DurableFileStream : FileStream
    {
        public DurableFileStream(string path, FileMode mode)
            : base(path, mode, FileAccess.ReadWrite, FileShare.Read, 4096)
        {
        }

        public override void Flush()
        {
            Flush(true);
        }
    }
}
