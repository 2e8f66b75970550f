// nanoFramework.Hardware.Esp32 1.6.42 - section 18 of nanoframework-api.md (namespace nanoFramework.Hardware.Esp32;
// selected). Also the System.Device.Gpio.GpioPulseCounter this package ships. The touch-pad API is not listed.

namespace nanoFramework.Hardware.Esp32
{
    using System;

    public class Configuration
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern Configuration();
        public static extern void SetPinFunction(int pin, DeviceFunction value);
        public static extern int GetFunctionPin(DeviceFunction function);
    }

    // The data file lists the names only; the numeric values here are placeholders in the listed order (device code
    // uses the names, never the numbers).
    public enum DeviceFunction
    {
        SPI1_MOSI,
        SPI1_MISO,
        SPI1_CLOCK,
        SPI2_MOSI,
        SPI2_MISO,
        SPI2_CLOCK,
        I2C1_DATA,
        I2C1_CLOCK,
        I2C2_DATA,
        I2C2_CLOCK,
        COM1_TX,
        COM1_RX,
        COM1_RTS,
        COM1_CTS,
        COM2_TX,
        COM2_RX,
        COM2_RTS,
        COM2_CTS,
        COM3_TX,
        COM3_RX,
        COM3_RTS,
        COM3_CTS,
        COM4_TX,
        COM4_RX,
        COM4_RTS,
        COM4_CTS,
        PWM1,
        PWM2,
        PWM3,
        PWM4,
        PWM5,
        PWM6,
        PWM7,
        PWM8,
        PWM9,
        PWM10,
        PWM11,
        PWM12,
        PWM13,
        PWM14,
        PWM15,
        PWM16,
        ADC1_CH0,
        ADC1_CH1,
        ADC1_CH2,
        ADC1_CH3,
        ADC1_CH4,
        ADC1_CH5,
        ADC1_CH6,
        ADC1_CH7,
        ADC1_CH8,
        ADC1_CH9,
        ADC1_CH10,
        ADC1_CH11,
        ADC1_CH12,
        ADC1_CH13,
        ADC1_CH14,
        ADC1_CH15,
        ADC1_CH16,
        ADC1_CH17,
        ADC1_CH18,
        ADC1_CH19,
        I2S1_MCK,
        I2S1_BCK,
        I2S1_WS,
        I2S1_DATA_OUT,
        I2S1_MDATA_IN,
        I2S2_MCK,
        I2S2_BCK,
        I2S2_WS,
        I2S2_DATA_OUT,
        I2S2_MDATA_IN,
        SDMMC1_CLOCK,
        SDMMC1_COMMAND,
        SDMMC1_D0,
        SDMMC1_D1,
        SDMMC1_D2,
        SDMMC1_D3,
        SDMMC2_CLOCK,
        SDMMC2_COMMAND,
        SDMMC2_D0,
        SDMMC2_D1,
        SDMMC2_D2,
        SDMMC2_D3,
    }

    public static class Gpio
    {
        public const int IO00 = 0;
        public const int IO01 = 1;
        public const int IO02 = 2;
        public const int IO03 = 3;
        public const int IO04 = 4;
        public const int IO05 = 5;
        public const int IO06 = 6;
        public const int IO07 = 7;
        public const int IO08 = 8;
        public const int IO09 = 9;
        public const int IO10 = 10;
        public const int IO11 = 11;
        public const int IO12 = 12;
        public const int IO13 = 13;
        public const int IO14 = 14;
        public const int IO15 = 15;
        public const int IO16 = 16;
        public const int IO17 = 17;
        public const int IO18 = 18;
        public const int IO19 = 19;
        public const int IO20 = 20;
        public const int IO21 = 21;
        public const int IO22 = 22;
        public const int IO23 = 23;
        public const int IO24 = 24;
        public const int IO25 = 25;
        public const int IO26 = 26;
        public const int IO27 = 27;
        public const int IO28 = 28;
        public const int IO29 = 29;
        public const int IO30 = 30;
        public const int IO31 = 31;
        public const int IO32 = 32;
        public const int IO33 = 33;
        public const int IO34 = 34;
        public const int IO35 = 35;
        public const int IO36 = 36;
        public const int IO37 = 37;
        public const int IO38 = 38;
        public const int IO39 = 39;
    }

    public class Sleep
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern Sleep();
        public static extern EspNativeError EnableWakeupByTimer(TimeSpan time);
        public static extern EspNativeError EnableWakeupByPin(WakeupGpioPin pin, int level);
        public static extern EspNativeError EnableWakeupByMultiPins(WakeupGpioPin pins, WakeupMode mode);
        public static extern EspNativeError EnableWakeupByTouchPad(int padNumber1, int padNumber2 = -1, byte thresholdCoefficient = 80);
        public static extern EspNativeError EnableWakeupByUart(WakeUpPort portNumber, int edgeCount);
        public static extern EspNativeError StartLightSleep();
        public static extern void StartDeepSleep();
        public static extern WakeupCause GetWakeupCause();
        public static extern WakeupGpioPin GetWakeupGpioPin();
        public static extern int GetWakeupTouchpad();

        [Flags]
        public enum WakeupGpioPin : ulong
        {
            None = 0,
            Pin0 = 1UL << 0,
            Pin1 = 1UL << 1,
            Pin2 = 1UL << 2,
            Pin3 = 1UL << 3,
            Pin4 = 1UL << 4,
            Pin5 = 1UL << 5,
            Pin6 = 1UL << 6,
            Pin7 = 1UL << 7,
            Pin8 = 1UL << 8,
            Pin9 = 1UL << 9,
            Pin10 = 1UL << 10,
            Pin11 = 1UL << 11,
            Pin12 = 1UL << 12,
            Pin13 = 1UL << 13,
            Pin14 = 1UL << 14,
            Pin15 = 1UL << 15,
            Pin16 = 1UL << 16,
            Pin17 = 1UL << 17,
            Pin18 = 1UL << 18,
            Pin19 = 1UL << 19,
            Pin20 = 1UL << 20,
            Pin21 = 1UL << 21,
            Pin25 = 1UL << 25,
            Pin26 = 1UL << 26,
            Pin27 = 1UL << 27,
            Pin32 = 1UL << 32,
            Pin33 = 1UL << 33,
            Pin34 = 1UL << 34,
            Pin35 = 1UL << 35,
            Pin36 = 1UL << 36,
            Pin37 = 1UL << 37,
            Pin38 = 1UL << 38,
            Pin39 = 1UL << 39,
        }
    }

    public enum WakeupCause
    {
        Undefined = 0,
        Ext0 = 2,
        Ext1,
        Timer,
        TouchPad,
        Ulp,
        Gpio,
        Uart,
        Wifi,
        CoCpu,
        CoCpuTrapTrig,
        Bt,
    }

    public enum WakeupMode
    {
        AllLow = 0,
        AnyHigh = 1,
    }

    public enum WakeUpPort
    {
        COM1 = 0,
        COM2 = 1,
    }

    // Only the codes the data file lists (it elides the others with "...").
    public enum EspNativeError
    {
        OK = 0,
        FAIL = -1,
        NO_MEM = 0x101,
        INVALID_ARG = 0x102,
        INVALID_STATE = 0x103,
        TIMEOUT = 0x107,
        WIFI_BASE = 0x3000,
    }

    public class NativeMemory
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern NativeMemory();
        public static extern void GetMemoryInfo(MemoryType memType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock);
    }

    public enum MemoryType
    {
        All,
        Internal,
        SpiRam,
    }

    public class HighResTimer : IDisposable
    {
        public extern event HighResTimerExpiredEventHandler OnHighResTimerExpired;
        public static extern ulong GetCurrent();
        public extern HighResTimer();
        public extern void Stop();
        public extern void StartOneShot(ulong timeout_us);
        public extern void StartOnePeriodic(ulong period_us);
        public extern void Dispose();
    }

    public delegate void HighResTimerExpiredEventHandler(HighResTimer sender, object e);
}

namespace System.Device.Gpio
{
    public class GpioPulseCounter
    {
        public extern GpioPulseCounter(int pinNumberA, int pinNumberB = -1);
        public extern void Start();
        public extern void Stop();
        public extern GpioPulseCount Read();
        public extern GpioPulseCount Reset();
    }

    public struct GpioPulseCount
    {
        public extern long Count { get; }
        public extern TimeSpan RelativeTime { get; }
    }
}
