namespace DoorController.Server.Services
{
    /// <summary>One access attempt as logged (Fig 3B): which controller/reader, who, by what method, entry or
    /// exit, the outcome and why. (DeviceId, EventId) identifies it across retries and replays; an online decision also
    /// carries the controller's request id, which its journal event repeats. <see cref="Passage"/> is null where a
    /// grant moves presence at once (a door without a contact), <see cref="AwaitingDoor"/> for a grant at a door with
    /// a contact: presence moves only when its controller reports the door opened (then "opened"; "not-opened" when
    /// the door relocked unused). A journalled decision carries a hash prefix: <see cref="CredentialPrefix"/> as it came
    /// and <see cref="CredentialMatch"/> how it was mapped to <see cref="CredentialHash"/> (Decisions.CredentialPrefixMatch).</summary>
    public sealed record AccessEvent(string DeviceId, long EventId, string ReaderId, string UserId, string Method,
        string Direction, bool Granted, string Reason, string Source, long OccurredAt,
        long? JournalId = null, bool RetroChecked = true, bool Fraud = false, string CredentialHash = null, string RequestId = null,
        string Passage = null, string CredentialPrefix = null, string CredentialMatch = null)
    {
        public const string AwaitingDoor = "awaiting";
        public const string Opened = "opened";
        public const string NotOpened = "not-opened";

        /// <summary>Whether recording this row moves the person's presence now.</summary>
        public bool MovesPresence => Granted && UserId != null && Passage == null && (Direction == "entry" || Direction == "exit");
    }
}
