namespace DoorController.Provisioning
{
    /// <summary>Counters for `stats`: each returns "name: value" lines separated by '\n'.</summary>
    public interface IConsoleStatisticsSource
    {
        string CacheStatistics();

        string JournalStatistics();

        string LinkStatistics();
    }
}
