using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server.Services;
using DoorController.TestSupport;
using Xunit;

namespace DoorController.ServerTests;

/// <summary>
/// The server's database restored from a backup while controllers kept running: what they were told before the
/// restore (acknowledged events, accepted command counters) is ahead of what the database holds. Nothing may stall and
/// nothing may be lost silently.
/// </summary>
public sealed class RestoredDatabaseTests : IDisposable
{
    private readonly MosquittoBroker _broker = MosquittoBroker.Start();
    private readonly ServerTestHost _server;
    private readonly DeviceRegistration _gate;
    private readonly ServerServices _s;

    public RestoredDatabaseTests()
    {
        _server = new ServerTestHost(_broker);
        _s = _server.Host.Services;
        _gate = _s.Devices.Register(new DeviceInput("Gate", "building entrance", "both", null, null, null, null));
    }

    private DoorController.Server.Storage.Database Db => _server.Host.Store.Db;

    [Fact]
    public void Events_Acknowledged_Before_The_Restore_Are_Reported_Lost_And_Later_Events_Are_Acknowledged()
    {
        using var gate = new ServerMqttController(_broker, _gate);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        for (long id = 1; id <= 3; id++) gate.PublishEvent(id, FirmwareEvents.DoorForced(id, t0 + id * 1000, 1), id - 1);
        Assert.Equal(3, gate.WaitAck(3, TimeSpan.FromSeconds(10)));

        // The backup was taken after event 1: events 2 and 3 are gone from the database, and the controller,
        // which holds the acknowledgement of 3, has trimmed them.
        Db.Execute("DELETE FROM device_events WHERE device_id = @d AND event_id > 1", new { d = _gate.Id });
        Db.Execute("UPDATE devices SET events_acked = 1 WHERE id = @d", new { d = _gate.Id });
        Assert.Empty(_s.Alerts.List(false, 50).Where(a => a.Str("kind") == "history-lost"));

        gate.PublishEvent(4, FirmwareEvents.DoorForced(4, t0 + 4000, 1), 3, acknowledged: 3);
        Assert.Equal(4, gate.WaitAck(4, TimeSpan.FromSeconds(10)));
        var lost = _s.Alerts.List(false, 50).Where(a => a.Str("kind") == "history-lost").ToList();
        Assert.Single(lost);
        Assert.Equal(_gate.Id, lost[0].Str("device_id"));
        Assert.Contains("up to boot 0 event 3", lost[0].Str("message"));
        Assert.Equal(4, Db.QuerySingle("SELECT events_acked FROM devices WHERE id = @d", new { d = _gate.Id })!.Long("events_acked"));

        // Said once: the next event holds an acknowledgement the server has.
        gate.PublishEvent(5, FirmwareEvents.DoorForced(5, t0 + 5000, 1), 4, acknowledged: 4);
        Assert.Equal(5, gate.WaitAck(5, TimeSpan.FromSeconds(10)));
        Assert.Single(_s.Alerts.List(false, 50), a => a.Str("kind") == "history-lost");
    }

    [Fact]
    public void An_Event_Whose_Predecessor_Is_Merely_Missing_Is_Not_Taken_For_A_Restore()
    {
        using var gate = new ServerMqttController(_broker, _gate);
        long t0 = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        gate.PublishEvent(1, FirmwareEvents.DoorForced(1, t0, 1), 0);
        Assert.Equal(1, gate.WaitAck(1, TimeSpan.FromSeconds(10)));
        // Event 2 was lost on the way; the controller still holds it (its acknowledgement is 1): no skipping.
        gate.PublishEvent(3, FirmwareEvents.DoorForced(3, t0 + 3000, 1), 2, acknowledged: 1);
        Assert.Equal(-1, gate.WaitAck(3, TimeSpan.FromSeconds(2)));
        Assert.Empty(_s.Alerts.List(false, 50).Where(a => a.Str("kind") == "history-lost"));
    }

    [Fact]
    public void Command_Counters_Keep_Growing_After_The_Commands_Table_Is_Restored()
    {
        using var gate = new ServerMqttController(_broker, _gate);
        long Counter() => gate.TakeCommand().Counter;
        _s.Commands.Issue(_gate.Id, null, "lockdown", "admin");
        long first = Counter();
        _s.Commands.Issue(_gate.Id, null, "normal", "admin");
        long second = Counter();
        Assert.True(second > first, second + " after " + first);

        Db.Execute("DELETE FROM commands"); // a backup from before any command
        _s.Commands.Issue(_gate.Id, null, "unlock", "admin");
        long third = Counter();
        Assert.True(third > second, "after the restore " + third + " is not above the " + second + " the controller accepted last");
    }

    public void Dispose()
    {
        _server.Dispose();
        _broker.Dispose();
    }
}
