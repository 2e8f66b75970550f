namespace DoorController.Hal
{
    /// <summary>The controller's IP network (Wi-Fi station or Ethernet on the device; always up on the host).</summary>
    public interface INetworkLink
    {
        /// <summary>Joins the network; false when it could not within <paramref name="timeoutMilliseconds"/>.</summary>
        bool Connect(string ssid, string psk, int timeoutMilliseconds);

        bool IsUp { get; }
    }
}
