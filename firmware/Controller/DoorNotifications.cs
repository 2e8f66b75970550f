using DoorController.Door;
using DoorController.Link;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// Server notifications for this door's terminal (patent routes P1-P3: display text, audio guidance). The
    /// board has an LED and a buzzer, so an error tone becomes the door's error pattern; the text is kept for the
    /// console and a display, if one is fitted.
    /// </summary>
    public sealed class DoorNotifications : INotificationSink
    {
        private readonly DoorStateMachine _door;

        public DoorNotifications(DoorStateMachine door)
        {
            _door = door;
        }

        public string LastText { get; private set; }
        public int Count { get; private set; }

        public void Show(Notification notification)
        {
            Count++;
            LastText = notification.Text;
            if (notification.Tone == "error" || notification.Tone == "alarm")
            {
                _door.ShowError(); // the first door's LED and buzzer: the second door has none
            }
        }
    }
}
