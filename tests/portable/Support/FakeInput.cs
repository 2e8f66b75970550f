using System;
using DoorController.Hal;

namespace DoorController.Tests.Support
{
    /// <summary>An input pin whose level the test sets; edges are pushed to the listener with test-chosen timestamps.</summary>
    public sealed class FakeInput : IDigitalInput
    {
        public bool Level;
        public bool ThrowOnRead;
        public IPinEdgeListener Listener;

        public FakeInput(bool level)
        {
            Level = level;
        }

        public bool Read()
        {
            if (ThrowOnRead)
            {
                throw new InvalidOperationException("pin driver failed");
            }
            return Level;
        }

        public void SetEdgeListener(IPinEdgeListener listener)
        {
            Listener = listener;
        }

        public void Edge(bool level, long timestampMicroseconds)
        {
            Level = level;
            if (Listener != null)
            {
                Listener.OnPinEdge(level, timestampMicroseconds);
            }
        }
    }
}
