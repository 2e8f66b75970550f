using System.Collections.Generic;

namespace DoorController.Server.Services
{
    /// <summary>Authority on one reader (Fig 3C): the weekly windows in which the user may pass there.</summary>
    public sealed record PermissionInput(string ReaderId, List<WindowInput> Windows);
}
