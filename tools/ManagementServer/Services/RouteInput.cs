namespace DoorController.Server.Services
{
    /// <summary>Fig 9B: where an alert about a user at a reader goes (an MQTT terminal topic, a controller's door terminal topic or a webhook URL).</summary>
    public sealed record RouteInput(string ReaderId, string Channel, string Target, string Content);
}
