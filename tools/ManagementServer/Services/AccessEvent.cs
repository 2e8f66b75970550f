namespace DoorController.Server.Services
{
    /// <summary>One access attempt as logged (Fig 3B): which controller/reader, who, by what method, entry or
    /// exit, the outcome and why. (DeviceId, EventId) identifies it across retries and replays; an online decision also
    /// carries the controller's request id, which its journal event repeats.</summary>
    public sealed record AccessEvent(string DeviceId, long EventId, string ReaderId, string UserId, string Method,
        string Direction, bool Granted, string Reason, string Source, long OccurredAt,
        long? JournalId = null, bool RetroChecked = true, bool Fraud = false, string CredentialHash = null, string RequestId = null);
}
