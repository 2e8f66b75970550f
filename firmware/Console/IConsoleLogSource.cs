namespace DoorController.Provisioning
{
    /// <summary>Recent log lines for `log tail`.</summary>
    public interface IConsoleLogSource
    {
        /// <summary>Up to <paramref name="lineCount"/> most recent lines, oldest first, separated by '\n'.</summary>
        string Tail(int lineCount);
    }
}
