namespace DoorController.Server.Services
{
    /// <summary>A credential as submitted (the raw value is hashed at once and never stored).</summary>
    public sealed record CredentialInput(string Method, string Value, long? ValidFrom = null, long? ValidUntil = null, bool OneTime = false,
        bool Duress = false, int? MinutesAfterFirstUse = null);
}
