using System.Collections.Generic;

namespace DoorController.Server.Services
{
    /// <summary>A user registration request (S21-S23): attributes, authority and first credentials, optionally the
    /// notification routes (Fig 9B) that come with it and the longer unlock time of people who need it.</summary>
    public sealed record UserInput(string Name, string Attribute, string Title, string Contact, string InviterId,
        long? ValidFrom, long? ValidUntil, List<CredentialInput> Credentials, List<PermissionInput> Permissions)
    {
        public List<RouteInput> Routes { get; init; }

        /// <summary>Doors stay released longer for this person (wheelchair, walking aid): the door's extended unlock time.</summary>
        public bool ExtendedAccess { get; init; }
    }
}
