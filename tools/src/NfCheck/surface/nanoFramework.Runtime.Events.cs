// nanoFramework.Runtime.Events 1.11.39 - not detailed by nanoframework-api.md; a dependency of Gpio, Ports,
// FileSystem, Net, Wifi, Bluetooth, Hardware.Esp32, M2Mqtt and the IoT bindings. Only the base class that a listed
// type derives from (System.Device.Gpio.PinValueChangedEventArgs : BaseEvent) is declared; its members are not listed.

namespace nanoFramework.Runtime.Events
{
    public class BaseEvent
    {
        protected extern BaseEvent();
    }
}
