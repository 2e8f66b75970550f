using System.IO;

namespace DoorController.Tests.Support
{
    /// <summary>Thrown by <see cref="SimulatedFlashStore"/> when the simulated supply fails, and on every call after it.</summary>
    public class PowerCutException : IOException
    {
        public PowerCutException()
            : base("simulated power cut")
        {
        }
    }
}
