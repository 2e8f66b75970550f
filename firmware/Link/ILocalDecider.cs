namespace DoorController.Link
{
    /// <summary>
    /// The offline decision (the access layer's pipeline, firmware/Access) the link falls back to when the server is
    /// unreachable or silent past the decision timeout.
    /// </summary>
    public interface ILocalDecider
    {
        LinkDecision DecideLocally(DecisionQuery query);
    }
}
