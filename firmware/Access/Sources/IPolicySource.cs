namespace DoorController.Access
{
    /// <summary>Fraud detection information per reader and attribute (Fig 9A).</summary>
    public interface IPolicySource
    {
        /// <summary>The policy, or null to use the pipeline's default policy.</summary>
        AccessPolicy Find(int readerId, UserAttribute attribute);
    }
}
