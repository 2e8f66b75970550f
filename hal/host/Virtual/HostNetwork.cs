namespace DoorController.Hal.Host.Virtual
{
    /// <summary>The host's network: up unless a test or the demo pulls the (virtual) cable.</summary>
    public sealed class HostNetwork : INetworkLink
    {
        public bool CablePlugged { get; set; } = true;

        public bool IsUp => CablePlugged;

        public bool Connect(string ssid, string psk, int timeoutMilliseconds) => CablePlugged;
    }
}
