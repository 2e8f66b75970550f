using System;
using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Provisioning
{
    /// <summary>
    /// Keeps the count of consecutive wrong passcodes on flash so that power-cycling the board does not reset
    /// the back-off. Eight bytes (count, CRC-32), replaced atomically; an unreadable record counts as none,
    /// and any failure to write only loses the persistence, never the console.
    /// </summary>
    public sealed class ConsoleLockoutRecord
    {
        public const string FileName = "console.fail";
        private const string TempFileName = "console.fail.tmp";

        private readonly IFileStore _files;

        public ConsoleLockoutRecord(IFileStore files)
        {
            _files = files;
        }

        /// <summary>The stored failure count, or 0 when there is none or it is damaged.</summary>
        public int Load()
        {
            try
            {
                if (!Exists(FileName))
                {
                    return 0;
                }
                byte[] record = new byte[8];
                Stream stream = _files.Open(FileName, false);
                int read;
                try
                {
                    read = stream.Read(record, 0, record.Length);
                }
                finally
                {
                    stream.Close();
                }
                if (read != record.Length || LittleEndian.ReadUInt32(record, 4) != Crc32.Compute(record, 0, 4))
                {
                    return 0;
                }
                int failures = LittleEndian.ReadInt32(record, 0);
                return failures > 0 ? failures : 0;
            }
            catch (Exception)
            {
                return 0;
            }
        }

        public void Save(int failures)
        {
            try
            {
                if (failures <= 0)
                {
                    if (Exists(FileName)) _files.Delete(FileName);
                    return;
                }
                byte[] record = new byte[8];
                LittleEndian.WriteInt32(record, 0, failures);
                LittleEndian.WriteUInt32(record, 4, Crc32.Compute(record, 0, 4));
                Stream stream = _files.Open(TempFileName, true);
                try
                {
                    stream.SetLength(0);
                    stream.Write(record, 0, record.Length);
                }
                finally
                {
                    stream.Close(); // commits the temp file (LittleFS) before it replaces the record
                }
                _files.Replace(TempFileName, FileName);
            }
            catch (Exception)
            {
                // Flash trouble: the in-memory back-off still applies for this boot.
            }
        }

        private bool Exists(string name)
        {
            string[] names = _files.List(name);
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name) return true;
            }
            return false;
        }
    }
}
