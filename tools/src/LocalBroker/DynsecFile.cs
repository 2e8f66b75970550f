using System.Security.Cryptography;
using System.Text.Json.Nodes;

using DoorController.Hal.Host.Mqtt;

namespace DoorController.LocalBroker;

/// <summary>
/// The dynamic-security plugin's starting configuration (the file named by plugin_opt_config_file), written once
/// before the broker first starts: deny by default (publish, receive and subscribe; unsubscribing is harmless), and
/// the two server identities — the messaging identity and the administrator of the control topic — each bound to
/// its client id. The plugin owns the file afterwards and rewrites it on every change made through the control
/// topic (controllers added at registration and removed at revocation).
/// </summary>
public static class DynsecFile
{
    public const string FileName = "dynamic-security.json";

    /// <summary>The plugin's own password hash: PBKDF2-HMAC-SHA512 with a 12-byte salt and 101 iterations (mosquitto 2.0
    /// defaults). The passwords are 256-bit random strings, so the iteration count is not what protects them.</summary>
    private const int SaltBytes = 12;
    private const int HashBytes = 64;
    private const int Iterations = 101;

    public static void Write(string path, BrokerLogin server, params BrokerLogin[] admins)
    {
        var clients = new JsonArray(Client(server, "doorctl management server"));
        var roles = new JsonArray(Role(server.Username, BrokerRoles.Server()));
        foreach (BrokerLogin admin in admins)
        {
            clients.Add(Client(admin, "doorctl broker administrator"));
            roles.Add(Role(admin.Username, BrokerRoles.Admin()));
        }
        var root = new JsonObject
        {
            ["defaultACLAccess"] = new JsonObject
            {
                ["publishClientSend"] = false,
                ["publishClientReceive"] = false,
                ["subscribe"] = false,
                ["unsubscribe"] = true,
            },
            ["clients"] = clients,
            ["groups"] = new JsonArray(),
            ["roles"] = roles,
        };
        PrivateFile.Write(path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Client(BrokerLogin login, string textName)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(System.Text.Encoding.UTF8.GetBytes(login.Password), salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return new JsonObject
        {
            ["username"] = login.Username,
            ["textname"] = textName,
            ["clientid"] = login.ClientId,
            ["password"] = Convert.ToBase64String(hash),
            ["salt"] = Convert.ToBase64String(salt),
            ["iterations"] = Iterations,
            ["roles"] = new JsonArray(new JsonObject { ["rolename"] = login.Username }),
        };
    }

    internal static JsonObject Role(string name, IReadOnlyList<BrokerAcl> acls)
    {
        var list = new JsonArray();
        foreach (BrokerAcl acl in acls)
        {
            list.Add(new JsonObject { ["acltype"] = acl.Type, ["topic"] = acl.Topic, ["allow"] = acl.Allow });
        }
        return new JsonObject { ["rolename"] = name, ["acls"] = list };
    }
}
