// nanoFramework.System.Net 1.11.54 - section 11 of nanoframework-api.md (selected types).
// Also present in the package but not detailed by the data file, so not declared here: Socket, NetworkStream,
// SocketException, SslStream, SslProtocols, IPEndPoint, Wireless80211Configuration, WirelessAPConfiguration,
// X509Certificate2.

namespace nanoFramework.Networking
{
    public static class NetworkHelper
    {
        public static extern System.Threading.ManualResetEvent NetworkReady { get; }
        public static extern NetworkHelperStatus Status { get; }
        public static extern System.Exception HelperException { get; }
        public static extern void SetupNetworkHelper(bool requiresDateTime = false);
        public static extern void SetupNetworkHelper(IPConfiguration ipConfiguration, bool requiresDateTime = false);
        public static extern bool SetupAndConnectNetwork(System.Threading.CancellationToken token = default, bool requiresDateTime = false);
        public static extern bool SetupAndConnectNetwork(IPConfiguration ipConfiguration, System.Threading.CancellationToken token = default, bool requiresDateTime = false);
        public static extern void Reset();
    }

    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
        Reconnecting,
    }

    public class IPConfiguration
    {
        public extern IPConfiguration(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress, string[] ipv4DnsAddresses = null);
        public extern string IPAddress { get; set; }
        public extern string IPSubnetMask { get; set; }
        public extern string IPGatewayAddress { get; set; }
        public extern string[] IPDns { get; set; }
    }
}

namespace System.Net.NetworkInformation
{
    public class NetworkInterface
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern NetworkInterface();
        public static extern bool GetIsNetworkAvailable();
        public static extern NetworkInterface[] GetAllNetworkInterfaces();
        public extern void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress);
        public extern void EnableDhcp();
        public extern void EnableStaticIPv4Dns(string[] dnsAddresses);
        [Obsolete]
        public extern void EnableAutomaticDns();
        public extern string IPv4Address { get; }
        public extern string IPv4GatewayAddress { get; }
        public extern string IPv4SubnetMask { get; }
        public extern bool IsDhcpEnabled { get; }
        public extern string[] IPv4DnsAddresses { get; }
        public extern byte[] PhysicalAddress { get; set; }
        public extern NetworkInterfaceType NetworkInterfaceType { get; }
    }

    // Named by NetworkInterface.NetworkInterfaceType; values not listed in the data file.
    public enum NetworkInterfaceType
    {
    }

    public static class NetworkChange
    {
        public static extern event NetworkAddressChangedEventHandler NetworkAddressChanged;
        public static extern event NetworkAvailabilityChangedEventHandler NetworkAvailabilityChanged;
    }

    public delegate void NetworkAddressChangedEventHandler(object sender, EventArgs e);

    public delegate void NetworkAvailabilityChangedEventHandler(object sender, NetworkAvailabilityEventArgs e);

    public class NetworkAvailabilityEventArgs : EventArgs
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern NetworkAvailabilityEventArgs();
        public extern bool IsAvailable { get; }
    }
}

namespace System.Net
{
    public class IPAddress
    {
        public static readonly IPAddress Any;
        public static readonly IPAddress Loopback;
        public static readonly IPAddress Broadcast;
        public static readonly IPAddress None;
        public extern System.Net.Sockets.AddressFamily AddressFamily { get; }
        public extern IPAddress(long newAddress);
        public extern IPAddress(byte[] address);
        public extern bool Equals(IPAddress other);
        public extern byte[] GetAddressBytes();
        public static extern IPAddress Parse(string ipString);
        public static extern IPAddress GetDefaultLocalAddress();
        public static extern bool operator ==(IPAddress a, IPAddress b);
        public static extern bool operator !=(IPAddress a, IPAddress b);
    }

    public static class Dns
    {
        public static extern IPHostEntry GetHostEntry(string hostNameOrAddress);
    }

    // Named by Dns.GetHostEntry; members not listed in the data file.
    public class IPHostEntry
    {
        private extern IPHostEntry();
    }
}

namespace System.Net.Sockets
{
    // Named by IPAddress.AddressFamily; values not listed in the data file.
    public enum AddressFamily
    {
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public extern X509Certificate();
        public extern X509Certificate(byte[] certificate);
        public extern X509Certificate(string certificate);
        public extern string Issuer { get; }
        public extern string Subject { get; }
        public virtual extern DateTime GetEffectiveDate();
        public virtual extern DateTime GetExpirationDate();
        public virtual extern byte[] GetRawCertData();
    }

    public class X509Certificate2 : X509Certificate
    {
        public extern X509Certificate2();
        public extern X509Certificate2(byte[] rawData);
        public extern X509Certificate2(string certificate);
        public extern X509Certificate2(byte[] rawData, string key, string password);
        public extern X509Certificate2(byte[] rawData, byte[] key, string password);
        public extern X509Certificate2(string rawData, string key, string password);
        public extern bool HasPrivateKey { get; }
        public extern byte[] PrivateKey { get; }
        public extern byte[] PublicKey { get; }
        public extern byte[] RawData { get; }
        public extern DateTime NotAfter { get; }
        public extern DateTime NotBefore { get; }
    }
}
