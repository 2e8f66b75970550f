namespace DoorController.Provisioning
{
    /// <summary>Live state for `status` (link, door, time sync...), wired by the boot code.</summary>
    public interface IConsoleStatusSource
    {
        /// <summary>One or more "name: value" lines separated by '\n'.</summary>
        string DescribeStatus();
    }
}
