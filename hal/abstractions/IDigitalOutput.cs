namespace DoorController.Hal
{
    /// <summary>
    /// One output pin (lock relay, reader LED, buzzer) at its electrical level. Which level means "unlocked" or
    /// "LED on" is decided by the firmware from configuration, never by the binding.
    /// </summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the pin high (<c>true</c>) or low. May throw if the driver is broken.</summary>
        void Write(bool high);
    }
}
