// nanoFramework.System.Device.Wifi 1.5.147 - section 12 of nanoframework-api.md (namespace System.Device.Wifi;
// WifiNetworkHelper ships in this package under nanoFramework.Networking).

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static extern System.Threading.ManualResetEvent NetworkReady { get; }
        public static extern NetworkHelperStatus Status { get; }
        public static extern System.Exception HelperException { get; }
        public static extern void SetupNetworkHelper(bool requiresDateTime = false);
        public static extern void SetupNetworkHelper(IPConfiguration ipConfiguration, bool requiresDateTime = false);
        public static extern void SetupNetworkHelper(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false);
        public static extern void Disconnect();
        public static extern System.Device.Wifi.WifiAdapter WifiAdapter { get; }
        public static extern bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default);
        public static extern bool ConnectFixAddress(string ssid, string password, IPConfiguration ipConfiguration, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int WifiAdapter = 0, System.Threading.CancellationToken token = default);
        public static extern bool ScanAndConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int WifiAdapter = 0, System.Threading.CancellationToken token = default);
        public static extern bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default);
        public static extern void Reset();
    }
}

namespace System.Device.Wifi
{
    public sealed class WifiAdapter : IDisposable
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern WifiAdapter();
        public extern event AvailableNetworksChangedEventHandler AvailableNetworksChanged;
        public extern int NetworkInterface { get; }
        public extern WifiNetworkReport NetworkReport { get; }
        public extern WifiConnectionResult Connect(WifiAvailableNetwork availableNetwork, WifiReconnectionKind reconnectionKind, string passwordCredential);
        public extern WifiConnectionResult Connect(string ssid, WifiReconnectionKind reconnectionKind, string passwordCredential);
        public extern void Disconnect();
        public static extern WifiAdapter[] FindAllAdapters();
        public extern void SetDeviceName(string deviceName);
        public extern void ScanAsync();
        public extern void Dispose();
    }

    public delegate void AvailableNetworksChangedEventHandler(WifiAdapter sender, object e);

    public class WifiConnectionResult
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern WifiConnectionResult();
        public extern WifiConnectionStatus ConnectionStatus { get; }
    }

    public enum WifiConnectionStatus
    {
        AccessRevoked,
        InvalidCredential,
        NetworkNotAvailable,
        Success,
        Timeout,
        UnspecifiedFailure,
        UnsupportedAuthenticationProtocol,
    }

    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }

    public class WifiAvailableNetwork
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern WifiAvailableNetwork();
        public extern string Bsid { get; }
        public extern string Ssid { get; }
        public extern WifiNetworkKind NetworkKind { get; }
        public extern double NetworkRssiInDecibelMilliwatts { get; }
        public extern byte SignalBars { get; }
    }

    public class WifiNetworkReport
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern WifiNetworkReport();
        public extern WifiAvailableNetwork[] AvailableNetworks { get; }
    }

    public enum WifiNetworkKind
    {
        Adhoc,
        Any,
        Infrastructure,
    }
}
