using DoorController.LocalBroker;
using DoorController.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DoorController.Server.Api
{
    /// <summary>Home Assistant's broker identity (docs/home-assistant.md): created, or replaced, by an admin; its
    /// password is in this one answer and nowhere else.</summary>
    public static class HomeAssistantEndpoints
    {
        /// <param name="prefix">The discovery prefix the server runs with, or null when it does not serve Home Assistant.</param>
        public static void Map(IEndpointRouteBuilder app, ServerServices s, string prefix)
        {
            app.MapPost("/api/home-assistant/identity", (HttpContext h) =>
            {
                if (prefix == null) throw ApiException.Conflict("the server does not serve Home Assistant: start it with --home-assistant PREFIX");
                DynsecControl admin = s.Devices.BrokerAdmin;
                if (admin == null) throw ApiException.Conflict("the server does not administer its broker's identities: create " + BrokerRoles.HomeAssistantUser + " with the broker's own tools");
                BrokerLogin login;
                try
                {
                    // A new password replaces the old identity at once: the broker disconnects a client it deletes.
                    admin.DeleteIdentity(BrokerRoles.HomeAssistantUser);
                    login = admin.CreateHomeAssistant(prefix);
                    // A broker made before Home Assistant support, or another prefix: the server's role, and each
                    // instance's when several share the database (the leader publishes), gets its part.
                    admin.AddServerAcls(BrokerRoles.ServerHomeAssistant(prefix));
                }
                catch (BrokerAdminException e)
                {
                    throw new ApiException(503, "the Home Assistant broker identity could not be created (" + e.Reason + ")");
                }
                Audit.Note(h, "Home Assistant broker identity " + login.Username + " created (any previous one removed)");
                return Results.Json(new { username = login.Username, password = login.Password, clientId = login.ClientId, discoveryPrefix = prefix }, statusCode: 201);
            }).AdminOnly();
        }
    }
}
