using System;
using DoorController.Hal.Host.Virtual;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// What a person does at a virtual controller's reader, seen as the firmware saw it: the outcome of the decision the
/// action caused ("granted (granted, online)", "denied (interlock, online)", ...). Waits for that decision, not for
/// a fixed time, so a loaded machine only makes it slower.
/// </summary>
internal static class DecisionAt
{
    public static string Card(VirtualController controller, string card, int seconds = 30) =>
        After(controller, c => c.PresentCard(card), seconds);

    public static string After(VirtualController controller, Action<VirtualController> act, int seconds = 30)
    {
        int before = controller.Inspect(app => app.Flow.Decisions);
        act(controller);
        WaitFor(() => controller.Inspect(app => app.Flow.Decisions) > before, "a decision at " + controller.Name, seconds);
        return controller.Inspect(app => app.Flow.LastOutcome);
    }
}
