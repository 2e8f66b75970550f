namespace DoorController.Provisioning
{
    /// <summary>What the next line typed at the console means.</summary>
    public enum ConsoleInputMode
    {
        /// <summary>A passcode attempt (the console is locked).</summary>
        Passcode = 0,
        /// <summary>A command.</summary>
        Command = 1,
        /// <summary>A line of a PEM block being pasted after `set ca` / `set cert` / `set cert-key`.</summary>
        Pem = 2,
        /// <summary>The confirmation word after `factory-reset`.</summary>
        Confirm = 3
    }
}
