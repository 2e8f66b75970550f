namespace DoorController.Access
{
    /// <summary>
    /// When keys limited by their first use were first used, by credential hash (stable across cache bundles, unlike
    /// the credential's index). A one-time key with a first use is spent; a key that expires after its first use is
    /// valid until that use plus its minutes. Records keep the earliest time: a key first used offline at one door
    /// and online at another counts from whichever came first once both are known.
    /// </summary>
    public interface IKeyUseLedger
    {
        /// <summary>UTC unix seconds of the first use, or 0 when the key has not been used.</summary>
        long FirstUse(byte[] hash, int offset);

        /// <summary>Records a use; an earlier first use already recorded is kept.</summary>
        void RecordUse(byte[] hash, int offset, long atUnix);
    }
}
