using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using System.Threading;
using DoorController.Config;
using DoorController.Hal;
using DoorController.Readers;
using Iot.Device.Mfrc522;
using Iot.Device.Pn532;
using nanoFramework.Hardware.Esp32;

namespace DoorController.Esp32.Readers
{
    /// <summary>
    /// Carries out an <see cref="NfcPlan"/> on the ESP32: routes the bus pins (Configuration.SetPinFunction), creates
    /// the SPI or I2C device with the plan's settings (or lets the PN532 open its COM port), builds the chip's
    /// binding and wraps it in the portable <see cref="NfcCardReader"/>. A chip that does not answer (the bindings
    /// throw) gives a reader without a chip, which reports itself absent at start.
    /// </summary>
    public static class NfcReaderFactory
    {
        private const int ResetPulseMilliseconds = 10;
        private const int ResetRecoveryMilliseconds = 20;

        public static NfcCardReader Open(NfcPlan plan, int readerId, GpioController gpio)
        {
            INfcFrontEnd chip = null;
            try
            {
                RoutePins(plan);
                chip = plan.Type == NfcReaderType.Mfrc522 ? OpenMfrc522(plan, gpio) : OpenPn532(plan, gpio);
            }
            catch (Exception)
            {
                chip = null; // no answer, wrong wiring or a pin taken by another driver: the boot report shows it
            }
            return new NfcCardReader(readerId, chip, plan.EmptyPollsToForget);
        }

        private static void RoutePins(NfcPlan plan)
        {
            for (int i = 0; i < plan.Pins.Length; i++)
            {
                Configuration.SetPinFunction(plan.Pins[i], DeviceFunctionOf(plan.Functions[i], plan.BusId));
            }
        }

        private static DeviceFunction DeviceFunctionOf(NfcPinFunction function, int busId)
        {
            bool second = busId == 2;
            switch (function)
            {
                case NfcPinFunction.SpiClock: return second ? DeviceFunction.SPI2_CLOCK : DeviceFunction.SPI1_CLOCK;
                case NfcPinFunction.SpiMiso: return second ? DeviceFunction.SPI2_MISO : DeviceFunction.SPI1_MISO;
                case NfcPinFunction.SpiMosi: return second ? DeviceFunction.SPI2_MOSI : DeviceFunction.SPI1_MOSI;
                case NfcPinFunction.I2cData: return second ? DeviceFunction.I2C2_DATA : DeviceFunction.I2C1_DATA;
                case NfcPinFunction.I2cClock: return second ? DeviceFunction.I2C2_CLOCK : DeviceFunction.I2C1_CLOCK;
                case NfcPinFunction.UartRx: return DeviceFunction.COM3_RX;
                default: return DeviceFunction.COM3_TX;
            }
        }

        private static INfcFrontEnd OpenPn532(NfcPlan plan, GpioController gpio)
        {
            if (plan.ResetPin != ConfigDefaults.PinNotUsed)
            {
                // RSTPDN: low resets, high runs; held high from here on.
                GpioPin reset = gpio.OpenPin(plan.ResetPin, PinMode.Output);
                reset.Write(PinValue.Low);
                Thread.Sleep(ResetPulseMilliseconds);
                reset.Write(PinValue.High);
                Thread.Sleep(ResetRecoveryMilliseconds);
            }
            Pn532 pn532;
            if (plan.Bus == NfcBus.Spi)
            {
                SpiConnectionSettings settings = SpiSettings(plan);
                pn532 = new Pn532(SpiDevice.Create(settings), plan.ChipSelectPin, gpio);
            }
            else if (plan.Bus == NfcBus.I2c)
            {
                pn532 = new Pn532(I2cDevice.Create(new I2cConnectionSettings(plan.BusId, plan.I2cAddress, I2cBusSpeed.StandardMode)));
            }
            else
            {
                pn532 = new Pn532(plan.PortName);
            }
            return new Pn532FrontEnd(pn532);
        }

        private static INfcFrontEnd OpenMfrc522(NfcPlan plan, GpioController gpio)
        {
            MfRc522 mfrc522 = new MfRc522(SpiDevice.Create(SpiSettings(plan)), plan.ResetPin, gpio, true);
            return new Mfrc522FrontEnd(mfrc522);
        }

        private static SpiConnectionSettings SpiSettings(NfcPlan plan)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(plan.BusId, plan.ChipSelectByDriver ? plan.ChipSelectPin : -1);
            settings.Mode = SpiMode.Mode0;
            settings.DataFlow = plan.SpiLsbFirst ? DataFlow.LsbFirst : DataFlow.MsbFirst;
            settings.ClockFrequency = plan.SpiClockHz;
            return settings;
        }
    }
}
