namespace DoorController.Controller
{
    /// <summary>How one part of the controller came up.</summary>
    public enum PartState
    {
        NotStarted = 0,
        Ok = 1,

        /// <summary>Running with reduced function (e.g. no cache: offline decisions deny). The rest works.</summary>
        Degraded = 2,

        /// <summary>Not running. The rest works without it.</summary>
        Failed = 3
    }
}
