using System.Device.Gpio;
using DoorController.Hal;

namespace DoorController.Esp32.Gpio
{
    /// <summary>
    /// A push-pull output (relay driver, reader LED, buzzer). The pin is opened as an input (high impedance: the
    /// relay module's own pull resistor still decides), its output latch set to the initial level, and only then
    /// switched to output, so an active-low module is not energised by the act of opening the pin. The level is
    /// written again once the pin drives, in case the driver ignored a write to an input.
    /// </summary>
    public sealed class GpioOutputPin : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioOutputPin(GpioController controller, int pinNumber, bool initialLevel)
        {
            PinValue level = initialLevel ? PinValue.High : PinValue.Low;
            _pin = controller.OpenPin(pinNumber, PinMode.Input);
            _pin.Write(level);
            _pin.SetPinMode(PinMode.Output);
            _pin.Write(level);
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
