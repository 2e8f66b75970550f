using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using DoorController.Access;
using DoorController.Server.Decisions;
using DoorController.Contract;

namespace DoorController.Server.Sync
{
    /// <summary>
    /// Builds one controller's cache bundle body from the decision snapshot: only what that controller can decide
    /// on — its readers and doors, the users permitted at them with their credentials (keyed hashes only),
    /// their permissions, policies and routes — plus the site keys sealed under the controller's own key
    /// (firmware/Contract/Cache/CacheBody). The same store format the controller reads with FileCredentialDirectory.
    /// </summary>
    public static class ControllerBundleBuilder
    {
        /// <summary>What one controller may know: its readers, doors, permitted users and their credentials (sorted).</summary>
        public static (InMemoryCredentialDirectory Credentials, byte[] SiteSection) Collect(DecisionSnapshot snapshot, AccessOptions options, string deviceId)
        {
            var readers = new HashSet<int>();
            foreach (var kv in snapshot.Readers)
            {
                if (kv.Value.Device == deviceId) readers.Add(kv.Key);
            }
            var site = new SiteCacheWriter();
            var users = new HashSet<int>();
            var doors = new HashSet<int>();
            foreach (object o in snapshot.Site.Readers())
            {
                var reader = (Reader)o;
                if (!readers.Contains(reader.Id)) continue;
                site.AddReader(reader);
                if (reader.DoorId != 0) doors.Add(reader.DoorId);
            }
            foreach (object o in snapshot.Site.Doors())
            {
                var door = (DoorInfo)o;
                if (doors.Contains(door.Id)) site.AddDoor(door);
            }
            foreach (object o in snapshot.Site.AreaList()) site.AddArea((Area)o);
            foreach (object o in snapshot.Permissions.All())
            {
                var p = (Permission)o;
                if (p.Target == PermissionTarget.Reader && readers.Contains(p.TargetId) && p.UserId != 0)
                {
                    site.AddPermission(p);
                    users.Add(p.UserId);
                }
            }
            // Guests need their inviter on file: routes P2/P3 notify the inviting employee.
            var inviters = new List<int>();
            foreach (int id in users)
            {
                User u = snapshot.Users.Find(id);
                if (u != null && u.InviterId != 0) inviters.Add(u.InviterId);
            }
            users.UnionWith(inviters);
            foreach (int id in users)
            {
                User u = snapshot.Users.Find(id);
                if (u != null) site.AddUser(u);
            }
            // The policies as set, site-wide ones included: the controller looks them up in the same order.
            var policyReaders = new List<int>(readers) { InMemoryPolicies.SiteWide };
            foreach (int reader in policyReaders)
            {
                foreach (UserAttribute attribute in Enum.GetValues<UserAttribute>())
                {
                    AccessPolicy policy = snapshot.Policies.Exact(reader, attribute);
                    if (policy != null) site.AddPolicy(reader, attribute, policy);
                }
            }
            site.SetTimeZone(options.TimeZone);
            site.SetDefaultPolicy(options.DefaultPolicy);

            var credentials = new InMemoryCredentialDirectory();
            for (int i = 0; i < snapshot.Credentials.Count; i++)
            {
                CredentialInfo c = snapshot.Credentials.At(i);
                if (users.Contains(c.UserId)) credentials.Add(c.Hash, c.UserId, c.Method, c.ValidFromUnix, snapshot.EffectiveValidTo(c), c.Flags, c.UsesAllowed);
            }
            return (credentials, site.ToBytes());
        }

        /// <summary>A full bundle body: the sealed site keys and the whole store (firmware/Contract/Cache/CacheBody).</summary>
        public static byte[] BuildFull((InMemoryCredentialDirectory Credentials, byte[] SiteSection) cache, byte[] deviceKey,
            byte[] credentialKey, uint version, out int credentialCount)
        {
            credentialCount = cache.Credentials.Count;
            if (credentialKey.Length != SiteSecrets.KeyLength) throw new InvalidOperationException("the site key must be " + SiteSecrets.KeyLength + " bytes to be shared with controllers");
            var secrets = new SiteSecrets();
            Array.Copy(credentialKey, secrets.CredentialKey, SiteSecrets.KeyLength);
            // QR and BLE tokens are signed with keys derived from the same site key (server QrCodes, Contract TokenKeys).
            Array.Copy(credentialKey, secrets.TokenKey, SiteSecrets.KeyLength);
            var body = new MemoryStream();
            if (!CacheBody.Write(body, deviceKey, secrets, RandomNumberGenerator.GetBytes(SiteSecrets.NonceLength), cache.Credentials, cache.SiteSection, version, out string error))
            {
                throw new InvalidOperationException("bundle cannot be built: " + error);
            }
            return body.ToArray();
        }

        /// <summary>
        /// A delta bundle body from the store a controller has (<paramref name="installed"/>) to the current one:
        /// removed hashes, added or changed records, and the current site section (firmware/Contract/Cache/CacheDelta).
        /// </summary>
        public static byte[] BuildDelta(InMemoryCredentialDirectory installed, (InMemoryCredentialDirectory Credentials, byte[] SiteSection) current,
            uint version, out int changes)
        {
            var removed = new List<byte[]>();
            var upserts = new List<CredentialInfo>();
            int i = 0, j = 0;
            while (i < installed.Count || j < current.Credentials.Count)
            {
                CredentialInfo a = i < installed.Count ? installed.At(i) : null;
                CredentialInfo b = j < current.Credentials.Count ? current.Credentials.At(j) : null;
                int order = a == null ? 1 : b == null ? -1 : HashOrder.Compare(a.Hash, 0, b.Hash, 0);
                if (order < 0) { removed.Add(a.Hash); i++; }
                else if (order > 0) { upserts.Add(b); j++; }
                else
                {
                    if (!SameRecord(a, b)) upserts.Add(b);
                    i++;
                    j++;
                }
            }
            changes = removed.Count + upserts.Count;
            var body = new MemoryStream();
            CacheDelta.Write(body, removed.ToArray(), upserts.ToArray(), current.SiteSection, version);
            return body.ToArray();
        }

        private static bool SameRecord(CredentialInfo a, CredentialInfo b) =>
            a.UserId == b.UserId && a.Method == b.Method && a.ValidFromUnix == b.ValidFromUnix && a.ValidToUnix == b.ValidToUnix
            && a.Flags == b.Flags && a.UsesAllowed == b.UsesAllowed;
    }
}
