using System.Runtime.InteropServices;

namespace DoorController.LocalBroker;

/// <summary>
/// A directory only this process's user may enter (owner = effective uid, mode 0700, not a symbolic link): where the
/// broker's Unix socket lives, so the directory, not the socket's own mode (mosquitto creates it 0770), decides who can
/// connect. Created that way when missing; an existing one with another owner or any group/other bit is refused, never
/// repaired, since whoever loosened it may already hold a way in.
/// </summary>
public static class OwnerOnlyDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (mode 0700) if missing, then checks it; throws <see cref="InvalidOperationException"/>
    /// naming what is wrong.</summary>
    public static void Ensure(string path)
    {
        if (!Directory.Exists(path) && !File.Exists(path)) Directory.CreateDirectory(path, OwnerOnly);
        string? problem = Problem(path);
        if (problem != null) throw new InvalidOperationException(problem);
    }

    /// <summary>Why <paramref name="path"/> is not an owner-only directory of this user, or null when it is.</summary>
    public static string? Problem(string path)
    {
        var (mode, owner) = Status(path);
        const int TypeMask = 0xF000, DirectoryType = 0x4000, PermissionMask = 0xFFF;
        if ((mode & TypeMask) != DirectoryType) return path + " is not a directory (a symbolic link or file in its place is refused)";
        uint me = geteuid();
        if (owner != me) return path + " is owned by uid " + owner + ", not by this server's user (uid " + me + "): refusing to use it";
        if ((mode & PermissionMask) != (int)OwnerOnly)
        {
            return path + " has mode " + Convert.ToString(mode & PermissionMask, 8).PadLeft(4, '0')
                + ": it must be 0700 (owner only); refusing to start rather than loosen or repair it";
        }
        return null;
    }

    /// <summary>statx(2) without following a final symbolic link: st_mode (file type and permission bits) and the
    /// owner's uid. The struct statx layout is the same on every Linux architecture.</summary>
    private static (int Mode, uint Owner) Status(string path)
    {
        const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
        const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8;
        const int UidOffset = 20, ModeOffset = 28, StatxSize = 256;
        byte[] buffer = new byte[StatxSize];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid, buffer) != 0)
        {
            throw new InvalidOperationException(path + ": statx failed (errno " + Marshal.GetLastPInvokeError() + ")");
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset), BitConverter.ToUInt32(buffer, UidOffset));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc")]
    private static extern uint geteuid();
}
