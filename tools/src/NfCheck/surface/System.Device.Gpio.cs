// nanoFramework.System.Device.Gpio 1.1.62 - section 7 of nanoframework-api.md (namespace System.Device.Gpio;
// depends on nanoFramework.Runtime.Events for BaseEvent). GpioPulseCounter ships in nanoFramework.Hardware.Esp32
// (section 18) and is declared in Esp32.cs.

namespace System.Device.Gpio
{
    public sealed class GpioController : IDisposable
    {
        public extern GpioController();
        public extern GpioController(PinNumberingScheme numberingScheme);
        public extern PinNumberingScheme NumberingScheme { get; }
        public extern int PinCount { get; }
        public extern GpioPin OpenPin(int pinNumber);
        public extern GpioPin OpenPin(int pinNumber, PinMode mode);
        public extern void ClosePin(int pinNumber);
        public extern PinMode GetPinMode(int pinNumber);
        public extern bool IsPinModeSupported(int pinNumber, PinMode mode);
        public extern bool IsPinOpen(int pinNumber);
        public extern PinValue Read(int pinNumber);
        public extern void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback);
        public extern void SetPinMode(int pinNumber, PinMode mode);
        public extern void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback);
        public extern void Write(int pinNumber, PinValue value);
        public extern void Dispose();
    }

    public sealed class GpioPin : IDisposable
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern GpioPin();
        public extern TimeSpan DebounceTimeout { get; set; }
        public extern int PinNumber { get; }
        public extern PinMode GetPinMode();
        public extern bool IsPinModeSupported(PinMode pinMode);
        public extern void SetPinMode(PinMode value);
        public extern PinValue Read();
        public extern void Write(PinValue value);
        public extern event PinValueChangedEventHandler ValueChanged;
        public extern void Toggle();
        public extern void Dispose();
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public extern PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber);
        public extern PinEventTypes ChangeType { get; }
        public extern int PinNumber { get; }
    }

    public readonly struct PinValue
    {
        public static extern PinValue High { get; }
        public static extern PinValue Low { get; }
        public static extern implicit operator PinValue(int value);
        public static extern implicit operator PinValue(bool value);
        public static extern explicit operator byte(PinValue value);
        public static extern explicit operator int(PinValue value);
        public static extern explicit operator bool(PinValue value);
        public extern bool Equals(PinValue other);
        public static extern bool operator ==(PinValue a, PinValue b);
        public static extern bool operator !=(PinValue a, PinValue b);
    }

    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    public enum PinNumberingScheme
    {
        Logical,
        Board,
    }

    public readonly struct PinValuePair
    {
        public extern int PinNumber { get; }
        public extern PinValue PinValue { get; }
        public extern PinValuePair(int pinNumber, PinValue pinValue);
        public extern void Deconstruct(out int pinNumber, out PinValue pinValue);
    }

    public struct WaitForEventResult
    {
        public PinEventTypes EventTypes;
        public bool TimedOut;
    }
}
