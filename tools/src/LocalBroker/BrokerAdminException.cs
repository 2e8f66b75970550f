namespace DoorController.LocalBroker;

/// <summary>The dynamic-security plugin refused a command (or could not be reached); <see cref="Reason"/> is its text.</summary>
public sealed class BrokerAdminException : Exception
{
    public BrokerAdminException(string command, string reason) : base("broker " + command + ": " + reason)
    {
        Command = command;
        Reason = reason;
    }

    public string Command { get; }
    public string Reason { get; }
}
