using System;
using DoorController.Core;
using DoorController.Hal;
using DoorController.Link;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// Remembers across a restart why the firmware asked for it: written just before the reboot, read and deleted by
    /// the next boot (its <see cref="BootEvent.ResetReason"/>). A boot that finds no marker was not asked for.
    /// </summary>
    public static class RestartMarker
    {
        public const string FileName = "restart.why";

        /// <summary>Best effort: a reboot goes ahead even when the flash cannot be written.</summary>
        public static void Write(IFileStore files, int reason)
        {
            try
            {
                byte[] data = new byte[4];
                LittleEndian.WriteInt32(data, 0, reason);
                LinkFiles.WriteAtomically(files, FileName, data);
            }
            catch (Exception)
            {
                // The boot will report the restart as unexpected.
            }
        }

        /// <summary>The reason left by the previous run, or <see cref="ResetReasons.Unexpected"/>; the marker is consumed.</summary>
        public static int Take(IFileStore files)
        {
            try
            {
                byte[] data = new byte[4];
                int read = LinkFiles.ReadPrefix(files, FileName, data);
                if (read < 0)
                {
                    return ResetReasons.Unexpected;
                }
                files.Delete(FileName);
                return read == 4 ? LittleEndian.ReadInt32(data, 0) : ResetReasons.Unexpected;
            }
            catch (Exception)
            {
                return ResetReasons.Unexpected;
            }
        }
    }
}
