namespace DoorController.TestSupport;

/// <summary>A clock the storage tests move by hand (retention, validity windows) instead of sleeping.</summary>
public sealed class ServerManualTime : TimeProvider
{
    private DateTimeOffset _now;

    public ServerManualTime(DateTimeOffset start)
    {
        _now = start;
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
