namespace DoorController.Config
{
    /// <summary>
    /// Which ESP32 (WROOM/WROVER) GPIOs a function may use. From the ESP32 datasheet, section "Pin Definitions"
    /// and the ESP32 technical reference, GPIO chapter: GPIO 20, 24 and 28-31 do not exist; 6-11 are wired to
    /// the SPI flash; 34-39 are input-only (no output driver, no pull-ups). GPIO 1 and 3 are UART0, which
    /// carries this console, so they are refused too.
    /// </summary>
    public static class Esp32Pins
    {
        public const int MaxGpio = 39;
        public const int FirstInputOnlyGpio = 34;

        /// <summary>True when <paramref name="pin"/> exists and is free for application use (input at least).</summary>
        public static bool IsUsable(int pin)
        {
            if (pin < 0 || pin > MaxGpio)
            {
                return false;
            }
            if (pin == 1 || pin == 3)
            {
                return false;
            }
            if (pin >= 6 && pin <= 11)
            {
                return false;
            }
            return pin != 20 && pin != 24 && !(pin >= 28 && pin <= 31);
        }

        /// <summary>True when <paramref name="pin"/> can also drive an output.</summary>
        public static bool CanDriveOutput(int pin)
        {
            return IsUsable(pin) && pin < FirstInputOnlyGpio;
        }

        /// <summary>Why <paramref name="pin"/> is refused, or null when it is fine for the requested direction.</summary>
        public static string Problem(int pin, bool needsOutput)
        {
            if (pin < 0 || pin > MaxGpio)
            {
                return "GPIO " + pin.ToString() + " is out of range (0-" + MaxGpio.ToString() + ", or -1 for not used)";
            }
            if (pin == 1 || pin == 3)
            {
                return "GPIO " + pin.ToString() + " is UART0 (this console)";
            }
            if (pin >= 6 && pin <= 11)
            {
                return "GPIO " + pin.ToString() + " is wired to the SPI flash";
            }
            if (!IsUsable(pin))
            {
                return "GPIO " + pin.ToString() + " does not exist on the ESP32";
            }
            if (needsOutput && !CanDriveOutput(pin))
            {
                return "GPIO " + pin.ToString() + " is input-only (34-39) and cannot drive an output";
            }
            return null;
        }
    }
}
