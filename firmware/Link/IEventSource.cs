namespace DoorController.Link
{
    /// <summary>
    /// The journal as the link sees it: events in sequence order, read without removing them, trimmed only by the
    /// server's cumulative acknowledgement. Implemented over firmware/Journal.
    /// </summary>
    public interface IEventSource
    {
        /// <summary>Events not yet acknowledged (reported in the status message).</summary>
        int Depth { get; }

        /// <summary>
        /// The first event with a sequence number above <paramref name="afterSequence"/>, rendered as a JSON object.
        /// <paramref name="previous"/> is the event it follows: <paramref name="afterSequence"/>, or the acknowledged
        /// mark when that is higher (after a reboot the link starts from 0); nothing is held between the two.
        /// </summary>
        bool TryRead(long afterSequence, out long previous, out long sequence, out string eventJson);

        /// <summary>
        /// The highest sequence the server has acknowledged (0: none), kept across reboots. Sent with every event so a
        /// server whose database was restored from a backup learns which events it acknowledged and no longer holds.
        /// </summary>
        long Acknowledged { get; }

        /// <summary>The server stored every event up to and including <paramref name="upToSequence"/>: they may be trimmed.</summary>
        void Acknowledge(long upToSequence);
    }
}
