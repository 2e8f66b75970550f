using System.IO;

namespace DoorController.Hal
{
    /// <summary>
    /// The controller's flash volume (LittleFS drive I:\ on the ESP32, a directory on the host), by flat file name.
    /// Shared by the journal, the configuration and the credential cache. Implementations must make
    /// <see cref="Replace"/> the only way a file's content changes atomically.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>Opens a file as a seekable stream; <paramref name="create"/> makes it if missing.</summary>
        Stream Open(string name, bool create);

        /// <summary>Names of the files whose name starts with <paramref name="prefix"/>, sorted ordinally.</summary>
        string[] List(string prefix);

        void Delete(string name);

        /// <summary>Atomically puts <paramref name="sourceName"/> in place of <paramref name="targetName"/>.</summary>
        void Replace(string sourceName, string targetName);
    }
}
