using Xunit;

namespace DoorController.Integration;

/// <summary>
/// Waits for what the system under test does on its own threads (broker, server, virtual controllers). The limit is
/// generous because CI shares two cores; a passing test waits only as long as the condition takes.
/// </summary>
internal static class Eventually
{
    public static void WaitFor(Func<bool> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until && !condition()) Thread.Sleep(25);
        Assert.True(condition(), "timed out waiting for " + what);
    }
}
