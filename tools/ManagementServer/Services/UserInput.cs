using System.Collections.Generic;

namespace DoorController.Server.Services
{
    /// <summary>A user registration request (S21-S23): attributes, authority and first credentials.</summary>
    public sealed record UserInput(string Name, string Attribute, string Title, string Contact, string InviterId,
        long? ValidFrom, long? ValidUntil, List<CredentialInput> Credentials, List<PermissionInput> Permissions);
}
