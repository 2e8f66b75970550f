namespace DoorController.Access
{
    /// <summary>
    /// Finds a credential by its keyed hash (S112). The controller implements it over the sorted store file
    /// (<see cref="FileCredentialDirectory"/>), the server over its database (<see cref="InMemoryCredentialDirectory"/>).
    /// </summary>
    public interface ICredentialDirectory
    {
        /// <summary>
        /// Looks up the 16-byte hash at <paramref name="hash"/>[<paramref name="offset"/>] and fills
        /// <paramref name="into"/>. Returns <see cref="ReasonCode.Granted"/> when found, otherwise
        /// <see cref="ReasonCode.UnknownCredential"/>, <see cref="ReasonCode.CredentialStoreCorrupt"/> or
        /// <see cref="ReasonCode.CredentialStoreUnavailable"/>. Never throws, allocates nothing.
        /// </summary>
        ReasonCode Find(byte[] hash, int offset, CredentialInfo into);
    }
}
