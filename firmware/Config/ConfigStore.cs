using System;
using System.IO;
using System.Text;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Config
{
    /// <summary>
    /// Keeps the configuration on the flash volume. A save writes the whole file to a temporary name, ending in a
    /// "crc=" line over everything before it, then swaps it in with <see cref="IFileStore.Replace"/>: a power cut
    /// leaves either the old or the new file, never a mix. A missing, torn or invalid file loads as defaults with
    /// a fault the boot code reports; loading never throws.
    /// </summary>
    public sealed class ConfigStore
    {
        public const string FileName = "config.txt";
        public const string TempFileName = "config.tmp";

        /// <summary>Larger than three maximum-size PEM blocks plus every other setting.</summary>
        /// <summary>Two LittleFS blocks (Contract.BoardFlash.ConfigFileBytes budgets the file and its temporary copy).</summary>
        public const int MaxFileBytes = 8188;

        private const string CrcPrefix = "crc=";
        private readonly IFileStore _files;

        public ConfigStore(IFileStore files)
        {
            _files = files;
        }

        /// <summary>The fault from the last <see cref="Load"/>, or null when it found a valid file.</summary>
        public string LastFault { get; private set; }

        public ConfigLoadStatus LastStatus { get; private set; }

        /// <summary>Reads the configuration; on any problem returns defaults and sets <see cref="LastFault"/>.</summary>
        public ControllerConfig Load()
        {
            LastStatus = ConfigLoadStatus.Loaded;
            LastFault = null;
            string text;
            try
            {
                if (!Exists(FileName))
                {
                    return Fallback(ConfigLoadStatus.Missing, "no configuration on flash (blank board): using defaults");
                }
                text = ReadText(FileName);
            }
            catch (Exception e)
            {
                return Fallback(ConfigLoadStatus.Corrupt, "configuration unreadable (" + e.Message + "): using defaults");
            }
            if (text == null)
            {
                return Fallback(ConfigLoadStatus.Corrupt, "configuration file is empty, too large or not text: using defaults");
            }
            string body;
            if (!TrySplitChecksum(text, out body))
            {
                return Fallback(ConfigLoadStatus.Corrupt, "configuration checksum mismatch: using defaults");
            }
            ControllerConfig config = new ControllerConfig();
            string error;
            if (!ConfigCodec.TryDecode(body, config, out error))
            {
                return Fallback(ConfigLoadStatus.Corrupt, "configuration does not parse (" + error + "): using defaults");
            }
            error = ConfigValidator.Validate(config);
            if (error != null)
            {
                return Fallback(ConfigLoadStatus.Corrupt, "configuration is invalid (" + error + "): using defaults");
            }
            return config;
        }

        /// <summary>Validates and atomically persists <paramref name="config"/>; false with the reason otherwise.</summary>
        public bool TrySave(ControllerConfig config, out string error)
        {
            error = ConfigValidator.Validate(config);
            if (error != null)
            {
                return false;
            }
            string body = ConfigCodec.Encode(config);
            byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
            byte[] crcLine = Encoding.UTF8.GetBytes(CrcPrefix + Hex.Encode(CrcBytes(Crc32.Compute(bodyBytes))) + "\n");
            if (bodyBytes.Length + crcLine.Length > MaxFileBytes)
            {
                error = "configuration is larger than " + MaxFileBytes.ToString() + " bytes";
                return false;
            }
            try
            {
                if (Exists(TempFileName))
                {
                    _files.Delete(TempFileName);
                }
                Stream stream = _files.Open(TempFileName, true);
                try
                {
                    stream.SetLength(0);
                    stream.Write(bodyBytes, 0, bodyBytes.Length);
                    stream.Write(crcLine, 0, crcLine.Length);
                }
                finally
                {
                    stream.Close(); // commits the temp file (LittleFS) before it replaces the configuration
                }
                _files.Replace(TempFileName, FileName);
                return true;
            }
            catch (Exception e)
            {
                error = "could not write the configuration to flash: " + e.Message;
                return false;
            }
        }

        /// <summary>Removes the stored configuration (factory reset): the next load is a blank board.</summary>
        public bool TryErase(out string error)
        {
            error = null;
            try
            {
                if (Exists(FileName)) _files.Delete(FileName);
                if (Exists(TempFileName)) _files.Delete(TempFileName);
                return true;
            }
            catch (Exception e)
            {
                error = "could not erase the configuration: " + e.Message;
                return false;
            }
        }

        private ControllerConfig Fallback(ConfigLoadStatus status, string fault)
        {
            LastStatus = status;
            LastFault = fault;
            return new ControllerConfig();
        }

        private bool Exists(string name)
        {
            string[] names = _files.List(name);
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return true;
                }
            }
            return false;
        }

        private string ReadText(string name)
        {
            Stream stream = _files.Open(name, false);
            try
            {
                long length = stream.Length;
                if (length <= 0 || length > MaxFileBytes)
                {
                    return null;
                }
                byte[] bytes = new byte[(int)length];
                int total = StreamReads.ReadUpTo(stream, bytes, 0, bytes.Length);
                for (int i = 0; i < total; i++)
                {
                    if (bytes[i] == 0 || bytes[i] >= 0x80)
                    {
                        return null; // the writer only ever stores ASCII text
                    }
                }
                return Encoding.UTF8.GetString(bytes, 0, total);
            }
            finally
            {
                stream.Close();
            }
        }

        /// <summary>Checks the trailing "crc=" line against the bytes before it.</summary>
        private static bool TrySplitChecksum(string text, out string body)
        {
            body = null;
            int crcAt = text.LastIndexOf("\n" + CrcPrefix);
            if (crcAt < 0)
            {
                return false;
            }
            body = text.Substring(0, crcAt + 1);
            string stored = text.Substring(crcAt + 1 + CrcPrefix.Length).Trim();
            byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
            string expected = Hex.Encode(CrcBytes(Crc32.Compute(bodyBytes)));
            return stored == expected;
        }

        private static byte[] CrcBytes(uint crc)
        {
            byte[] bytes = new byte[4];
            LittleEndian.WriteUInt32(bytes, 0, crc);
            return bytes;
        }
    }
}
