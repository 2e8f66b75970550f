using DoorController.Access;
using DoorController.Door;

namespace DoorController.Controller
{
    /// <summary>
    /// One door as <see cref="AccessFlow"/> sees it: its machine, its number on the server, and the person's grant
    /// there whose outcome the door has not reported yet (at most one: a new grant at the door replaces it).
    /// </summary>
    public sealed class FlowDoor
    {
        public readonly DoorStateMachine Machine;
        public readonly int Id;
        public readonly AwaitedPassage Passage = new AwaitedPassage();

        /// <summary>The awaited grant's number at the door (0: none), its journal record and request id.</summary>
        public int Grant;
        public long GrantEvent;
        public string GrantRequest;

        public FlowDoor(DoorStateMachine machine, int id)
        {
            Machine = machine;
            Id = id;
        }
    }
}
