using DoorController.Access;
using DoorController.Contract;

namespace DoorController.TestSupport;

/// <summary>
/// Journal events exactly as a controller sends them: the payload encoded by the contract's event class and rendered
/// by the firmware's <see cref="EventJson"/> — never JSON written by hand, so a test speaks the schema the firmware does.
/// </summary>
public static class FirmwareEvents
{
    private static readonly EventJson Json = new();
    private static readonly object Gate = new();

    public static string Render(long id, EventType type, long utcMs, IEventPayload payload, bool clockUncertain = false)
    {
        var buffer = new byte[512];
        var writer = new PayloadWriter(buffer);
        payload.Encode(writer);
        if (writer.Overflowed) throw new ArgumentException("event payload too large");
        lock (Gate) return Json.Render(id, type, utcMs, 1000, clockUncertain, buffer, writer.Length);
    }

    /// <summary>An access decision as <c>AccessFlow</c> journals it: offline with the user and pending retro (and the request id
    /// when it was settled locally past the deadline), or online with the request id.</summary>
    public static string Access(long id, long utcMs, bool allowed, Direction direction, int user, int reader, CredentialMethod method,
        byte[] credentialHash, bool offline, string requestId = "", ReasonCode? reason = null, bool fraud = false)
    {
        var e = new AccessDecisionEvent
        {
            Online = !offline, Allowed = allowed, Reason = (int)(reason ?? (allowed ? ReasonCode.Granted : ReasonCode.NoPermission)),
            Direction = (int)direction, Fraud = fraud, PendingRetro = offline && allowed, UserId = offline && user != 0 ? user.ToString() : "",
            ReaderId = reader.ToString(), CredentialHash = credentialHash, Method = (int)method, RequestId = requestId,
        };
        return Render(id, EventType.AccessDecision, utcMs, e);
    }

    public static string DoorForced(long id, long utcMs, int door) => Render(id, EventType.DoorForced, utcMs, new DoorForcedEvent { Door = door });
}
