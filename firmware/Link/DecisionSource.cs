namespace DoorController.Link
{
    /// <summary>Who decided, for the journal and the door's feedback.</summary>
    public enum DecisionSource
    {
        /// <summary>The server answered within the timeout.</summary>
        Online = 0,

        /// <summary>No connection: decided locally at once.</summary>
        OfflineNoLink = 1,

        /// <summary>Connected but the server stayed silent past the timeout: decided locally.</summary>
        OfflineTimeout = 2
    }
}
