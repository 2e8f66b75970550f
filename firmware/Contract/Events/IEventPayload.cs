namespace DoorController.Contract
{
    /// <summary>
    /// An event body that writes itself straight into the journal's reusable record buffer, so an append
    /// allocates nothing. Implemented by the payload classes (e.g. <see cref="AccessDecisionEvent"/>).
    /// </summary>
    public interface IEventPayload
    {
        void Encode(PayloadWriter writer);
    }
}
