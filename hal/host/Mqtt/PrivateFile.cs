using System.IO;

namespace DoorController.Hal.Host.Mqtt
{
    /// <summary>Writes files that hold secrets (passwords, private keys, the PEM files libmosquitto reads): created
    /// readable by their owner only (0600) before anything is written to them.</summary>
    public static class PrivateFile
    {
        public static void Write(string path, string text)
        {
            const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
            }
            // An existing file keeps its mode on truncation: set it again.
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
