namespace DoorController.Door
{
    /// <summary>
    /// Two doors of one controller that never have their locks released together (a mantrap / sally port): a door
    /// may release its lock only while the other door is proven secure — its contact reads closed (raw and debounced)
    /// and its lock is locked both as its machine commands it and as its driver last wrote the relay. Both the
    /// machines (which refuse grants, exit requests and office mode with an event) and the drivers (which check again
    /// on every relay write) ask here, so no source of an unlock — a grant that raced the other door opening, REX,
    /// a remote release, a relay test — can release both relays. Main-loop only: the doors are ticked one after the
    /// other, and each release is judged against the other door's latest state, so the last one to release always
    /// saw the other locked.
    /// </summary>
    public sealed class DoorInterlock
    {
        private readonly DoorDriver _first;
        private readonly DoorDriver _second;

        /// <summary>Pairs two doors; from now on each one's releases wait for the other to be secure.</summary>
        public DoorInterlock(DoorDriver first, DoorDriver second)
        {
            _first = first;
            _second = second;
            first.Machine.Interlock = this;
            second.Machine.Interlock = this;
            first.Interlock = this;
            second.Interlock = this;
        }

        /// <summary>Whether the door paired with <paramref name="door"/> is closed and locked, so
        /// <paramref name="door"/> may release its lock.</summary>
        public bool OtherDoorSecure(DoorStateMachine door)
        {
            DoorDriver other = door == _first.Machine ? _second : _first;
            DoorStateMachine machine = other.Machine;
            return !machine.ContactShowsOpen && !machine.RelayUnlocked && !other.RelayReleased;
        }
    }
}
