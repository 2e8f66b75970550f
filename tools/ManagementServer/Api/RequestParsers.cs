using System.Collections.Generic;
using DoorController.Server.Services;

namespace DoorController.Server.Api
{
    /// <summary>JSON → service inputs, shared by the endpoints that accept credentials and permissions.</summary>
    public static class RequestParsers
    {
        public static CredentialInput Credential(JsonBody b)
        {
            return new CredentialInput(b.String("method", true, 16), b.String("value", false, 256), b.Long("validFrom"), b.Long("validUntil"), b.Bool("oneTime") ?? false,
                b.Bool("duress") ?? false, b.OptionalInt("minutesAfterFirstUse", 1, Services.UserRegistry.MaxMinutesAfterFirstUse));
        }

        public static PermissionInput Permission(JsonBody b)
        {
            return new PermissionInput(b.String("readerId", true, 64), Windows(b));
        }

        /// <summary>The "windows" array: days mask, start and end minute of each.</summary>
        public static List<WindowInput> Windows(JsonBody b)
        {
            var windows = new List<WindowInput>();
            foreach (var w in b.Objects("windows", 32))
            {
                windows.Add(new WindowInput(w.Int("days", 1, 255), w.Int("start", 0, 1440), w.Int("end", 0, 1440)));
            }
            return windows;
        }

        public static UserInput User(JsonBody b)
        {
            var creds = new List<CredentialInput>();
            foreach (var c in b.Objects("credentials", 16)) creds.Add(Credential(c));
            var perms = new List<PermissionInput>();
            foreach (var p in b.Objects("permissions", 64)) perms.Add(Permission(p));
            return new UserInput(b.String("name", true, UserRegistry.MaxNameLength), b.String("attribute", true, 32), b.String("title", false, 200),
                b.String("contact", false, 200), b.String("inviterId", false, 64), b.Long("validFrom"), b.Long("validUntil"), creds, perms)
            {
                ExtendedAccess = b.Bool("extendedAccess") ?? false,
            };
        }
    }
}
