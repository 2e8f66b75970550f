// nanoFramework.System.IO.Streams 1.1.96 - section 9 of nanoframework-api.md (namespace System.IO).

namespace System.IO
{
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract bool CanRead { get; }
        public abstract bool CanSeek { get; }
        public virtual extern bool CanTimeout { get; }
        public abstract bool CanWrite { get; }
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public virtual extern int ReadTimeout { get; set; }
        public virtual extern int WriteTimeout { get; set; }
        public virtual extern void Close();
        public extern void CopyTo(Stream destination);
        public abstract void Flush();
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void SetLength(long value);
        public abstract int Read(SpanByte buffer);
        public abstract int Read(byte[] buffer, int offset, int count);
        public virtual extern int ReadByte();
        public abstract void Write(byte[] buffer, int offset, int count);
        public virtual extern void WriteByte(byte value);
        public extern void Dispose();
    }

    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }

    // Bases of StreamReader/StreamWriter; members not listed in the data file.
    public abstract class TextReader : MarshalByRefObject, IDisposable
    {
        public extern void Dispose();
    }

    public abstract class TextWriter : MarshalByRefObject, IDisposable
    {
        public extern void Dispose();
    }

    public class StreamReader : TextReader
    {
        public virtual extern Stream BaseStream { get; }
        public virtual extern System.Text.Encoding CurrentEncoding { get; }
        public extern bool EndOfStream { get; }
        public extern StreamReader(Stream stream, bool leaveOpen = false);
        public extern void Close();
        public extern int Peek();
        public extern int Read();
        public extern int Read(char[] buffer, int index, int count);
        public extern string ReadLine();
        public extern string ReadToEnd();
    }

    public class StreamWriter : TextWriter
    {
        public virtual extern Stream BaseStream { get; }
        public extern System.Text.Encoding Encoding { get; }
        public extern string NewLine { get; set; }
        public extern StreamWriter(Stream stream, bool leaveOpen = false);
        public extern void Close();
        public extern void Flush();
        public extern void Write(char value);
        public extern void Write(string value);
        public extern void WriteLine();
        public extern void WriteLine(string value);
    }

    public class MemoryStream : Stream
    {
        public extern MemoryStream();
        public extern MemoryStream(byte[] buffer);
        public extern MemoryStream(byte[] buffer, bool isWritable);
        public virtual extern byte[] GetBuffer();
        public virtual extern byte[] ToArray();
        public virtual extern void WriteTo(Stream stream);
        public override extern bool CanRead { get; }
        public override extern bool CanSeek { get; }
        public override extern bool CanWrite { get; }
        public override extern long Length { get; }
        public override extern long Position { get; set; }
        public override extern void Flush();
        public override extern long Seek(long offset, SeekOrigin origin);
        public override extern void SetLength(long value);
        public override extern int Read(SpanByte buffer);
        public override extern int Read(byte[] buffer, int offset, int count);
        public override extern void Write(byte[] buffer, int offset, int count);
    }
}
