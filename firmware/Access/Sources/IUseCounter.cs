namespace DoorController.Access
{
    /// <summary>Uses consumed by limited credentials (one-time codes), by <see cref="CredentialInfo.Index"/>.</summary>
    public interface IUseCounter
    {
        int Used(int credentialIndex);

        void Consume(int credentialIndex);
    }
}
