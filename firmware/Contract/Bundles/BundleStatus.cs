namespace DoorController.Contract
{
    /// <summary>Outcome of feeding one chunk to the <c>Link.Bundles.BundleAssembler</c>. Everything from Malformed on is a refusal.</summary>
    public enum BundleStatus
    {
        /// <summary>Chunk verified and staged; more to come.</summary>
        Accepted = 0,

        /// <summary>Last chunk verified, whole bundle checked and installed.</summary>
        Installed = 1,

        /// <summary>A redelivery of the chunk just accepted (MQTT QoS 1 may duplicate); ignored.</summary>
        Duplicate = 2,

        Malformed = 10,
        Oversize = 11,
        BadMac = 12,
        StaleVersion = 13,
        WrongBase = 14,
        OutOfOrder = 15,
        Truncated = 16,
        StorageFailed = 17,
        MergeRefused = 18
    }
}
