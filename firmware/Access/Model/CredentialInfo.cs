namespace DoorController.Access
{
    /// <summary>
    /// One credential as a directory returns it: whose it is and when it is valid. Only the keyed hash of the
    /// method byte and raw value is known; raw card UIDs and PINs never reach the store. Directories fill a caller's
    /// instance so a lookup allocates nothing.
    /// </summary>
    public sealed class CredentialInfo
    {
        /// <summary>Truncated HMAC-SHA256 (16 bytes) of method byte + raw value.</summary>
        public readonly byte[] Hash = new byte[CredentialHasher.HashLength];
        public int UserId;
        public CredentialMethod Method;
        /// <summary>First valid second, UTC unix seconds, inclusive; 0 = no lower bound.</summary>
        public long ValidFromUnix;
        /// <summary>Last valid second, UTC unix seconds, inclusive; 0 = no upper bound.</summary>
        public long ValidToUnix;
        /// <summary><see cref="CredentialFlags"/> bits.</summary>
        public int Flags;
        /// <summary>Uses permitted when <see cref="CredentialFlags.UseCount"/> is set (one-time = 1); with
        /// <see cref="CredentialFlags.ExpiresAfterFirstUse"/>, the minutes the key stays valid after its first use.</summary>
        public int UsesAllowed;
        /// <summary>Stable index of the credential in its directory (key for use counting).</summary>
        public int Index;

        public bool HasFlag(int flag)
        {
            return (Flags & flag) != 0;
        }

        public void CopyTo(CredentialInfo target)
        {
            System.Array.Copy(Hash, target.Hash, CredentialHasher.HashLength);
            target.UserId = UserId;
            target.Method = Method;
            target.ValidFromUnix = ValidFromUnix;
            target.ValidToUnix = ValidToUnix;
            target.Flags = Flags;
            target.UsesAllowed = UsesAllowed;
            target.Index = Index;
        }
    }
}
