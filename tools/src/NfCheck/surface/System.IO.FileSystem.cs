// nanoFramework.System.IO.FileSystem 1.1.93 - section 10 of nanoframework-api.md (namespace System.IO).
// ESP32 internal flash is the LittleFS drive I:.

namespace System.IO
{
    public static class File
    {
        public static extern StreamWriter AppendText(string path);
        public static extern void AppendAllText(string path, string contents);
        public static extern void Copy(string sourceFileName, string destFileName);
        public static extern void Copy(string sourceFileName, string destFileName, bool overwrite);
        public static extern FileStream Create(string path);
        public static extern FileStream Create(string path, int bufferSize);
        public static extern void Delete(string path);
        public static extern bool Exists(string path);
        public static extern FileAttributes GetAttributes(string path);
        public static extern void Move(string sourceFileName, string destFileName);
        public static extern FileStream Open(string path, FileMode mode);
        public static extern FileStream Open(string path, FileMode mode, FileAccess access);
        public static extern FileStream Open(string path, FileMode mode, FileAccess access, FileShare share);
        public static extern FileStream OpenRead(string path);
        public static extern StreamReader OpenText(string path);
        public static extern FileStream OpenWrite(string path);
        public static extern byte[] ReadAllBytes(string path);
        public static extern string ReadAllText(string path);
        public static extern void SetAttributes(string path, FileAttributes fileAttributes);
        public static extern void WriteAllBytes(string path, byte[] bytes);
        public static extern void WriteAllText(string path, string contents);
    }

    public static class Directory
    {
        public static extern DirectoryInfo CreateDirectory(string path);
        public static extern void Delete(string path);
        public static extern void Delete(string path, bool recursive);
        public static extern bool Exists(string path);
        public static extern string GetCurrentDirectory();
        public static extern string[] GetFiles(string path);
        public static extern string[] GetDirectories(string path);
        public static extern void Move(string sourceDirName, string destDirName);
        public static extern void SetCurrentDirectory(string path);
    }

    // Named by Directory.CreateDirectory; members not listed in the data file.
    public sealed class DirectoryInfo
    {
        private extern DirectoryInfo();
    }

    public class FileStream : Stream
    {
        public virtual extern string Name { get; }
        public extern FileStream(string path, FileMode mode);
        public extern FileStream(string path, FileMode mode, FileAccess access);
        public extern FileStream(string path, FileMode mode, FileAccess access, FileShare share);
        public extern FileStream(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize);
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

    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    // Named by File.Open; values not listed in the data file.
    public enum FileShare
    {
    }

    // Named by File.GetAttributes/SetAttributes; values not listed in the data file.
    [Flags]
    public enum FileAttributes
    {
    }

    public static class Path
    {
        public static extern string ChangeExtension(string path, string extension);
        public static extern string Combine(string path1, string path2);
        public static extern string GetDirectoryName(string path);
        public static extern string GetExtension(string path);
        public static extern string GetFileName(string path);
        public static extern string GetFileNameWithoutExtension(string path);
        public static extern string GetFullPath(string path);
        public static extern string GetPathRoot(string path);
        public static extern bool HasExtension(string path);
        public static extern bool IsPathRooted(string path);
    }

    public sealed class DriveInfo
    {
        public extern DriveType DriveType { get; set; }
        public extern string Name { get; set; }
        public extern long TotalSize { get; set; }
        public extern DriveInfo(string driveName);
        public static extern DriveInfo[] GetDrives();
        public extern void Format(string fileSystem, uint parameter);
        public extern void Refresh();
    }

    // Named by DriveInfo.DriveType; values not listed in the data file.
    public enum DriveType
    {
    }
}
