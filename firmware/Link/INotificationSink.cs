using DoorController.Contract;

namespace DoorController.Link
{
    /// <summary>Shows a server notification on a door's terminal (display, LED, buzzer).</summary>
    public interface INotificationSink
    {
        void Show(Notification notification);
    }
}
