using System.IO;

namespace DoorController.Hal.Host
{
    /// <summary>
    /// A FileStream whose Flush() also flushes the OS cache to the disk (FileStream.Flush(true), i.e. fsync). Unbuffered
    /// (bufferSize 1): the journal writes whole records, so a managed buffer would only cost an allocation per file.
    /// </summary>
    public sealed class DurableFileStream : FileStream
    {
        public DurableFileStream(string path, FileMode mode)
            : base(path, mode, FileAccess.ReadWrite, FileShare.Read, 1)
        {
        }

        public override void Flush()
        {
            Flush(true);
        }
    }
}
