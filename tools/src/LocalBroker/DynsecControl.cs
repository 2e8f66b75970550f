using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using DoorController.Hal;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.LocalBroker;

/// <summary>
/// Client of the dynamic-security plugin's control topic ($CONTROL/dynamic-security/v1), connected as the broker
/// administrator identity: creates, disables, enables and deletes broker identities (one role per identity, named
/// like it, holding that identity's ACLs from <see cref="BrokerRoles"/>). Each command carries its own correlation
/// data and waits for its answer; a refusal throws <see cref="BrokerAdminException"/> with the plugin's reason.
/// One call at a time; thread-safe.
/// </summary>
public sealed class DynsecControl : IMqttMessageListener, IDisposable
{
    private const string CommandTopic = "$CONTROL/dynamic-security/v1";
    private const string ResponseTopic = CommandTopic + "/response";
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);
    private readonly BrokerEndpoint _endpoint;
    private readonly MosquittoTransport _transport;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _waiting = new();
    private long _sequence;

    public DynsecControl(BrokerEndpoint adminEndpoint)
    {
        _endpoint = adminEndpoint;
        _transport = new MosquittoTransport(adminEndpoint);
    }

    /// <summary>Creates a controller's identity (role + client bound to client id dc-&lt;device id&gt;) with a new password.</summary>
    public BrokerLogin CreateController(string deviceId, string? textName = null) =>
        CreateIdentity(BrokerRoles.ControllerUser(deviceId), BrokerRoles.ControllerUser(deviceId), BrokerRoles.Controller(deviceId), textName ?? "controller " + deviceId);

    /// <summary>A server instance's identity: the server's ACLs, bound to client id doorctl-server-NAME.</summary>
    public BrokerLogin CreateServerInstance(string instance) =>
        CreateIdentity(BrokerRoles.ServerInstanceUser(instance), BrokerRoles.ServerInstanceUser(instance), BrokerRoles.Server(), "server instance " + instance);

    public BrokerLogin CreateTerminal(string name) =>
        CreateIdentity(BrokerRoles.TerminalUser(name), BrokerRoles.TerminalUser(name), BrokerRoles.Terminal(name), "terminal " + name);

    /// <summary>Home Assistant's identity (<see cref="BrokerRoles.HomeAssistant"/>), bound to client id doorctl-ha.</summary>
    public BrokerLogin CreateHomeAssistant(string discoveryPrefix) =>
        CreateIdentity(BrokerRoles.HomeAssistantUser, BrokerRoles.HomeAssistantUser, BrokerRoles.HomeAssistant(discoveryPrefix), "Home Assistant");

    /// <summary>Publish/subscribe on everything (not the control topic): for attack tests and broker diagnostics.</summary>
    public BrokerLogin CreateFullAccess(string name) => CreateIdentity(name, name, BrokerRoles.FullAccess(), "full access " + name);

    /// <summary>Creates role <paramref name="username"/> with <paramref name="acls"/> and a client holding it, bound to
    /// <paramref name="clientId"/>. On a refusal of the client the role is removed again.</summary>
    public BrokerLogin CreateIdentity(string username, string clientId, IReadOnlyList<BrokerAcl> acls, string textName)
    {
        var login = new BrokerLogin(username, BrokerLogin.NewPassword(), clientId);
        JsonObject role = DynsecFile.Role(username, acls);
        role["command"] = "createRole";
        Run(role);
        try
        {
            Run(new JsonObject
            {
                ["command"] = "createClient",
                ["username"] = username,
                ["password"] = login.Password,
                ["clientid"] = clientId,
                ["textname"] = textName,
                ["roles"] = new JsonArray(new JsonObject { ["rolename"] = username }),
            });
        }
        catch (BrokerAdminException)
        {
            TryRun(new JsonObject { ["command"] = "deleteRole", ["rolename"] = username });
            throw;
        }
        return login;
    }

    /// <summary>Adds <paramref name="acl"/> to role <paramref name="role"/>; one it already holds is not an error.</summary>
    public void AddRoleAcl(string role, BrokerAcl acl)
    {
        try
        {
            Run(new JsonObject { ["command"] = "addRoleACL", ["rolename"] = role, ["acltype"] = acl.Type, ["topic"] = acl.Topic, ["allow"] = acl.Allow });
        }
        catch (BrokerAdminException e) when (e.Reason.Contains("already exists", StringComparison.Ordinal)) { }
    }

    /// <summary>
    /// Adds <paramref name="acls"/> to the server's role and to every server instance's role
    /// (doorctl-server-NAME, docs/scaling.md): whichever instance leads publishes for all of them. Returns the roles
    /// changed.
    /// </summary>
    public List<string> AddServerAcls(IReadOnlyList<BrokerAcl> acls)
    {
        var changed = new List<string>();
        foreach (string role in ListRoles())
        {
            if (role != BrokerRoles.ServerUser && !role.StartsWith(BrokerRoles.ServerInstanceUser(""), StringComparison.Ordinal)) continue;
            foreach (BrokerAcl acl in acls) AddRoleAcl(role, acl);
            changed.Add(role);
        }
        return changed;
    }

    /// <summary>The names of the roles the broker holds.</summary>
    public List<string> ListRoles()
    {
        JsonObject answer = Run(new JsonObject { ["command"] = "listRoles", ["count"] = -1 });
        var names = new List<string>();
        if (answer["data"]?["roles"] is JsonArray roles)
        {
            // The plugin lists plain names, or objects with "rolename" when asked to be verbose.
            foreach (JsonNode? role in roles)
            {
                string? name = role is JsonObject o ? (string?)o["rolename"] : (string?)role;
                if (name != null) names.Add(name);
            }
        }
        return names;
    }

    /// <summary>Deletes the client and its role; the broker disconnects it at once. Missing ones are not an error.</summary>
    public void DeleteIdentity(string username)
    {
        DeleteIgnoringMissing(new JsonObject { ["command"] = "deleteClient", ["username"] = username }, "Client not found");
        DeleteIgnoringMissing(new JsonObject { ["command"] = "deleteRole", ["rolename"] = username }, "Role not found");
    }

    /// <summary>Disables (the broker disconnects it and refuses it from now on) or re-enables an identity.</summary>
    public void SetEnabled(string username, bool enabled) =>
        Run(new JsonObject { ["command"] = enabled ? "enableClient" : "disableClient", ["username"] = username });

    /// <summary>Whether the broker knows a client of this name.</summary>
    public bool Exists(string username)
    {
        try
        {
            Run(new JsonObject { ["command"] = "getClient", ["username"] = username });
            return true;
        }
        catch (BrokerAdminException e) when (e.Reason == "Client not found")
        {
            return false;
        }
    }

    private void DeleteIgnoringMissing(JsonObject command, string missing)
    {
        try { Run(command); }
        catch (BrokerAdminException e) when (e.Reason == missing) { }
    }

    private void TryRun(JsonObject command)
    {
        try { Run(command); }
        catch (BrokerAdminException) { }
    }

    /// <summary>Sends one command and returns its answer; throws when the plugin refuses it or does not answer.</summary>
    private JsonObject Run(JsonObject command)
    {
        string name = (string)command["command"]!;
        lock (_gate)
        {
            EnsureConnected();
            string correlation = "dc-" + Interlocked.Increment(ref _sequence);
            command["correlationData"] = correlation;
            var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[correlation] = answer;
            try
            {
                byte[] payload = Encoding.UTF8.GetBytes(new JsonObject { ["commands"] = new JsonArray(command) }.ToJsonString());
                if (!_transport.Publish(CommandTopic, payload, 1, false)) throw new BrokerAdminException(name, "not connected to the broker (" + _transport.LastError + ")");
                if (!answer.Task.Wait(AnswerTimeout)) throw new BrokerAdminException(name, "no answer from the dynamic-security plugin within " + AnswerTimeout.TotalSeconds + " s");
            }
            finally
            {
                _waiting.TryRemove(correlation, out _);
            }
            JsonObject response = answer.Task.Result;
            string? error = (string?)response["error"];
            if (error != null) throw new BrokerAdminException(name, error);
            return response;
        }
    }

    private void EnsureConnected()
    {
        if (_transport.IsConnected) return;
        if (!_transport.Connect(_endpoint.Username ?? BrokerRoles.AdminUser, null, null, this) || !_transport.Subscribe(ResponseTopic, 1))
        {
            string why = _transport.LastError;
            _transport.Disconnect();
            throw new BrokerAdminException("connect", "cannot reach the broker as its administrator " + _endpoint + ": " + why);
        }
    }

    public void OnMessage(string topic, byte[] payload)
    {
        if (topic != ResponseTopic) return;
        JsonNode? root;
        try { root = JsonNode.Parse(payload); }
        catch (System.Text.Json.JsonException) { return; }
        if (root?["responses"] is not JsonArray responses) return;
        foreach (JsonNode? item in responses)
        {
            if (item is JsonObject response && response["correlationData"]?.GetValue<string>() is string correlation
                && _waiting.TryGetValue(correlation, out var answer))
            {
                answer.TrySetResult(response);
            }
        }
    }

    public void OnConnectionLost() { }

    public void Dispose() => _transport.Dispose();
}
