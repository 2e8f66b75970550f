namespace DoorController.TechConsole;

/// <summary>Process exit codes, documented in docs/provisioning.md.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int ErrorReply = 1;
    public const int PasscodeRefused = 2;
    public const int UsageOrPort = 3;
    public const int Timeout = 4;
}
