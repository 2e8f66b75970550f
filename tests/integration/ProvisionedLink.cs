using DoorController.Config;
using DoorController.LocalBroker;
using DoorController.Server.Services;

namespace DoorController.Integration;

/// <summary>
/// What a technician provisions over the console to link a registered controller to the site's broker: the broker's
/// address with the site CA (TLS whenever the broker runs it) and the broker identity shown once at registration.
/// Door, readers and pins are each test's own.
/// </summary>
internal static class ProvisionedLink
{
    public static ControllerConfig For(MosquittoBroker broker, DeviceRegistration registration) =>
        For(broker, registration.Id, registration.Key, registration.Broker!);

    public static ControllerConfig For(MosquittoBroker broker, string deviceId, string keyHex, BrokerLogin login) => new ControllerConfig
    {
        DeviceId = deviceId,
        DeviceKeyHex = keyHex,
        MqttHost = broker.Host,
        MqttPort = broker.Port,
        MqttTls = broker.Tls,
        CaCertificatePem = broker.CaPem ?? "",
        MqttUser = login.Username,
        MqttPassword = login.Password,
    };

}
