using System;
using Microsoft.AspNetCore.Builder;

namespace DoorController.Server.Api
{
    /// <summary>
    /// Who may call an endpoint, attached to the endpoint itself (endpoint metadata), so the gate decides from the
    /// route the request actually matched, whatever the case or encoding of its path. An endpoint that declares no
    /// access is refused to everyone (<see cref="AuthGate"/>): a new endpoint is closed until its author opens it.
    /// </summary>
    public sealed class EndpointAccess
    {
        private EndpointAccess(bool isPublic, string[] roles)
        {
            IsPublic = isPublic;
            Roles = roles;
        }

        /// <summary>No session needed (sign-in, the page's static files, the OpenAPI document).</summary>
        public bool IsPublic { get; }

        /// <summary>The roles whose session may call it (empty when public).</summary>
        public string[] Roles { get; }

        public static readonly EndpointAccess Anyone = new EndpointAccess(true, Array.Empty<string>());

        public static EndpointAccess For(params string[] roles)
        {
            if (roles == null || roles.Length == 0) throw new ArgumentException("name at least one role", nameof(roles));
            return new EndpointAccess(false, roles);
        }

        public bool Allows(string role)
        {
            return IsPublic || (role != null && Array.IndexOf(Roles, role) >= 0);
        }

        /// <summary>"public" or the roles joined with '|' (what openapi.json's x-role states).</summary>
        public override string ToString()
        {
            return IsPublic ? "public" : string.Join("|", Roles);
        }
    }

    /// <summary>The declarations endpoints use: <c>.Public()</c>, <c>.AdminOnly()</c>, <c>.GuardDesk()</c>, or
    /// <c>.ForRoles(...)</c> for a role set of its own.</summary>
    public static class EndpointAccessDeclarations
    {
        public const string AdminRole = "admin";
        public const string GuardRole = "guard";

        public static TBuilder Public<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        {
            return builder.WithMetadata(EndpointAccess.Anyone);
        }

        public static TBuilder AdminOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        {
            return builder.WithMetadata(EndpointAccess.For(AdminRole));
        }

        /// <summary>What a guard desk needs: reading people, doors, the live history, presence and alerts, and
        /// acknowledging alerts. Nothing that holds a credential hash or a device key.</summary>
        public static TBuilder GuardDesk<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        {
            return builder.WithMetadata(EndpointAccess.For(AdminRole, GuardRole));
        }

        public static TBuilder ForRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder
        {
            return builder.WithMetadata(EndpointAccess.For(roles));
        }
    }
}
