using DoorController.Link;
using DoorController.Link.Bundles;

namespace DoorController.Integration;

/// <summary>Journal stand-in: sequence-numbered JSON events, trimmed by acks.</summary>
public sealed class MqttRigJournal : IEventSource
{
    private readonly SortedDictionary<long, string> _events = new();
    private long _next = 1;
    private long _acknowledged;

    public int Depth => _events.Count;

    public long Append(string json)
    {
        long seq = _next++;
        _events[seq] = json;
        return seq;
    }

    public bool TryRead(long afterSequence, out long previous, out long sequence, out string eventJson)
    {
        previous = Math.Max(afterSequence, _acknowledged);
        foreach (var pair in _events)
        {
            if (pair.Key > afterSequence)
            {
                sequence = pair.Key;
                eventJson = pair.Value;
                return true;
            }
        }
        sequence = 0;
        eventJson = null!;
        return false;
    }

    public long Acknowledged => _acknowledged;

    public void Acknowledge(long upToSequence)
    {
        _acknowledged = Math.Max(_acknowledged, upToSequence);
        foreach (long key in _events.Keys.Where(k => k <= upToSequence).ToList()) _events.Remove(key);
    }
}
