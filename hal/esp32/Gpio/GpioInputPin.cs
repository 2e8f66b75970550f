using System.Device.Gpio;
using DoorController.Hal;
using nanoFramework.Hardware.Esp32;

namespace DoorController.Esp32.Gpio
{
    /// <summary>
    /// An input (door contact, exit button, Wiegand D0/D1). Edges are timestamped with the ESP32 microsecond timer
    /// when the managed callback runs; nanoFramework queues GPIO events, so timestamps of a fast burst (a Wiegand
    /// frame) can be late and bunched - the Wiegand assembler's spacing check is configured with that in mind
    /// (docs/wiring.md).
    /// </summary>
    public sealed class GpioInputPin : IDigitalInput
    {
        private readonly GpioPin _pin;
        private IPinEdgeListener _listener;
        private bool _subscribed;

        /// <param name="mode">Usually <see cref="PinMode.InputPullUp"/> (contacts and buttons switch to ground).</param>
        public GpioInputPin(GpioController controller, int pinNumber, PinMode mode)
        {
            _pin = controller.OpenPin(pinNumber, mode);
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        public void SetEdgeListener(IPinEdgeListener listener)
        {
            _listener = listener;
            if (listener != null && !_subscribed)
            {
                _pin.ValueChanged += OnValueChanged;
                _subscribed = true;
            }
            else if (listener == null && _subscribed)
            {
                _pin.ValueChanged -= OnValueChanged;
                _subscribed = false;
            }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            IPinEdgeListener listener = _listener;
            if (listener == null)
            {
                return;
            }
            long timestamp = (long)HighResTimer.GetCurrent();
            listener.OnPinEdge(e.ChangeType == PinEventTypes.Rising, timestamp);
        }
    }
}
