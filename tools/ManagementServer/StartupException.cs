using System;

namespace DoorController.Server
{
    /// <summary>The server refuses to start, for a reason the operator can act on (a damaged database, a missing
    /// master key, a secret passed on the command line). Program prints the message alone, without a stack trace.</summary>
    public sealed class StartupException : Exception
    {
        public StartupException(string message) : base(message)
        {
        }

        public StartupException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
