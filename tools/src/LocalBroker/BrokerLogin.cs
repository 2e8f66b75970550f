using System.Security.Cryptography;

namespace DoorController.LocalBroker;

/// <summary>A broker identity: the dynamic-security username, its password and the one client id it may connect with.</summary>
public sealed record BrokerLogin(string Username, string Password, string ClientId)
{
    /// <summary>A new random password: 32 bytes from the system CSPRNG as base64url (43 characters, 256 bits).</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Never prints the password.</summary>
    public override string ToString() => Username + " (client id " + ClientId + ")";
}
