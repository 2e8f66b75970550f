using System;
using DoorController.Hal;

namespace DoorController.Tests.Support
{
    /// <summary>An output pin that remembers its level and can be told to fail.</summary>
    public sealed class FakeOutput : IDigitalOutput
    {
        public bool Level;
        public int Writes;
        public bool ThrowOnWrite;

        public FakeOutput(bool initialLevel)
        {
            Level = initialLevel;
        }

        public void Write(bool high)
        {
            if (ThrowOnWrite)
            {
                throw new InvalidOperationException("pin driver failed");
            }
            Level = high;
            Writes++;
        }
    }
}
