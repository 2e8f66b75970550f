using System.Threading;
using DoorController.Hal;
using nanoFramework.Networking;

namespace DoorController.Esp32.Board
{
    /// <summary>Wi-Fi station with DHCP; the driver reconnects by itself after a drop (automatic reconnection).</summary>
    public sealed class WifiNetworkLink : INetworkLink
    {
        public bool Connect(string ssid, string psk, int timeoutMilliseconds)
        {
            if (ssid == null || ssid.Length == 0)
            {
                return false;
            }
            CancellationTokenSource timeout = new CancellationTokenSource(timeoutMilliseconds);
            return WifiNetworkHelper.ConnectDhcp(ssid, psk, System.Device.Wifi.WifiReconnectionKind.Automatic, false, 0, timeout.Token);
        }

        public bool IsUp
        {
            get { return WifiNetworkHelper.Status == NetworkHelperStatus.NetworkIsReady; }
        }
    }
}
