using System.Device.Gpio;
using DoorController.Hal;

namespace DoorController.Esp32.Gpio
{
    /// <summary>
    /// A push-pull output (relay driver, reader LED, buzzer). Opened with its initial level written at once, so the
    /// relay is driven to the level the caller chose (locked) before anything else runs.
    /// </summary>
    public sealed class GpioOutputPin : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioOutputPin(GpioController controller, int pinNumber, bool initialLevel)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(initialLevel ? PinValue.High : PinValue.Low);
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
