using DoorController.Link;

namespace DoorController.Tests.Link.Fakes
{
    /// <summary>Local decider that grants (or denies) everything with a recognisable reason.</summary>
    public sealed class FixedDecider : ILocalDecider
    {
        public bool Grant = true;
        public int Calls;
        public bool Throw;

        public LinkDecision DecideLocally(DecisionQuery query)
        {
            Calls++;
            if (Throw)
            {
                throw new System.InvalidOperationException("local pipeline broke");
            }
            return new LinkDecision(Grant, Grant ? "local-grant" : "local-deny", Grant ? 3000 : 0);
        }
    }
}
