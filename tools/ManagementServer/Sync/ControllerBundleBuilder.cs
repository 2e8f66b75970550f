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
    /// on — its readers and doors, the areas they lie in, the people permitted at them with their credentials (keyed
    /// hashes only), their permissions and the policies — plus the site keys sealed under the controller's own key
    /// (firmware/Contract/Cache/CacheBody). The store is encoded by the same code the controller reads it with
    /// (firmware/Access/Store); a site that does not fit the format (too many readers, permissions or distinct profiles)
    /// is refused with the reason.
    /// </summary>
    public static class ControllerBundleBuilder
    {
        /// <summary>
        /// What one controller may know, encoded, numbered like <paramref name="installed"/> (the store it holds, or null)
        /// so the next delta is small; throws <see cref="InvalidOperationException"/> with the reason when it does not fit.
        /// </summary>
        public static StoreImage Collect(DecisionSnapshot snapshot, AccessOptions options, string deviceId, StoreImage installed = null)
        {
            var readers = new HashSet<int>();
            foreach (var kv in snapshot.Readers)
            {
                if (kv.Value.Device == deviceId) readers.Add(kv.Key);
            }
            var site = new SiteCacheWriter();
            var doors = new HashSet<int>();
            var areas = new HashSet<int>();
            foreach (object o in snapshot.Site.Readers())
            {
                var reader = (Reader)o;
                if (!readers.Contains(reader.Id)) continue;
                site.AddReader(reader);
                if (reader.DoorId != 0) doors.Add(reader.DoorId);
                AddWithAncestors(snapshot.Site, reader.FromArea, areas);
                AddWithAncestors(snapshot.Site, reader.ToArea, areas);
            }
            foreach (object o in snapshot.Site.Doors())
            {
                var door = (DoorInfo)o;
                if (doors.Contains(door.Id)) site.AddDoor(door);
            }
            foreach (object o in snapshot.Site.AreaList())
            {
                var area = (Area)o;
                if (areas.Contains(area.Id)) site.AddArea(area);
            }
            var permissions = new InMemoryPermissions();
            var users = new HashSet<int>();
            foreach (object o in snapshot.Permissions.All())
            {
                var p = (Permission)o;
                if (p.Target == PermissionTarget.Reader && readers.Contains(p.TargetId) && p.UserId != 0)
                {
                    permissions.Add(p);
                    users.Add(p.UserId);
                }
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
            foreach (int day in snapshot.Holidays.Days) site.AddHoliday(day);
            site.SetDefaultPolicy(options.DefaultPolicy);

            var credentials = new InMemoryCredentialDirectory();
            for (int i = 0; i < snapshot.Credentials.Count; i++)
            {
                CredentialInfo c = snapshot.Credentials.At(i);
                if (users.Contains(c.UserId)) credentials.Add(c.Hash, c.UserId, c.Method, c.ValidFromUnix, snapshot.EffectiveValidTo(c), c.Flags, c.UsesAllowed);
            }
            StoreImage store = CredentialStoreBuilder.Build(credentials, snapshot.Users, permissions, site.ToBytes(), installed, out string error);
            if (store == null) throw new InvalidOperationException("the cache for controller " + deviceId + " cannot be built: " + error);
            return store;
        }

        /// <summary>A full bundle body: the sealed site keys and the whole store (firmware/Contract/Cache/CacheBody).</summary>
        public static byte[] BuildFull(StoreImage store, byte[] deviceKey, byte[] credentialKey, uint version)
        {
            if (credentialKey.Length != SiteSecrets.KeyLength) throw new InvalidOperationException("the site key must be " + SiteSecrets.KeyLength + " bytes to be shared with controllers");
            var secrets = new SiteSecrets();
            Array.Copy(credentialKey, secrets.CredentialKey, SiteSecrets.KeyLength);
            // QR and BLE tokens are signed with keys derived from the same site key (server QrCodes, Contract TokenKeys).
            Array.Copy(credentialKey, secrets.TokenKey, SiteSecrets.KeyLength);
            var body = new MemoryStream();
            CacheBody.Write(body, deviceKey, secrets, RandomNumberGenerator.GetBytes(SiteSecrets.NonceLength), store, version);
            return body.ToArray();
        }

        /// <summary>
        /// A delta bundle body from the store a controller has (<paramref name="installed"/>) to the current one:
        /// removed and changed records, and the new profiles, permission sets and site config when they changed
        /// (firmware/Contract/Cache/CacheDelta).
        /// </summary>
        public static byte[] BuildDelta(StoreImage installed, StoreImage current, uint version, out int changes)
        {
            var body = new MemoryStream();
            changes = CacheDelta.Write(body, installed, current, version);
            return body.ToArray();
        }

        private static void AddWithAncestors(ISiteDirectory site, int area, HashSet<int> into)
        {
            for (int depth = 0; area != 0 && depth < Areas.MaxDepth && into.Add(area); depth++)
            {
                area = Areas.ParentOf(site, area);
            }
        }
    }
}
