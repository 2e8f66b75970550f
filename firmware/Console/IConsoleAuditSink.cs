namespace DoorController.Provisioning
{
    /// <summary>
    /// Where the console reports what technicians did, for the event journal: sign-in attempts and saved
    /// changes. Never receives a secret: changes are named by command ("set wifi"), not by value.
    /// </summary>
    public interface IConsoleAuditSink
    {
        /// <summary>A passcode was tried; <paramref name="consecutiveFailures"/> counts refusals since the last success.</summary>
        void PasscodeAttempt(bool accepted, int consecutiveFailures);

        /// <summary>A configuration change was saved (or the board was factory-reset).</summary>
        void ConfigurationChanged(string command);
    }
}
