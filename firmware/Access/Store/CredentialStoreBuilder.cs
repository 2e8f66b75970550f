using System.IO;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Access
{
    /// <summary>
    /// Builds a credential store (<see cref="CredentialStoreFormat"/>) from the server's in-memory sources: one 12-byte
    /// record per credential, the distinct profiles they share (validity, method, flags, the holder's attribute,
    /// inviter and permission set) and the distinct permission sets (the holder's own permissions and their groups',
    /// flattened), then the site config (<see cref="SiteCacheWriter"/>). Given the store a controller already holds,
    /// profiles and sets it has keep their numbers (new ones take freed or new numbers), so a delta carries only the
    /// records that really changed; without one they are numbered in the order of their bytes. Used by the server
    /// when it builds a cache bundle, and by tests and the benchmarks; allocates.
    /// </summary>
    public static class CredentialStoreBuilder
    {
        /// <summary>
        /// The store as a <see cref="StoreImage"/>; null with <paramref name="error"/> when two credentials share their
        /// kept hash bytes, a holder is unknown, or a field or a permission set does not fit the format.
        /// </summary>
        public static StoreImage Build(InMemoryCredentialDirectory credentials, IUserDirectory users, IPermissionSource permissions,
            byte[] siteConfig, out string error)
        {
            return Build(credentials, users, permissions, siteConfig, null, out error);
        }

        /// <summary>As <see cref="Build(InMemoryCredentialDirectory, IUserDirectory, IPermissionSource, byte[], out string)"/>, numbering profiles and sets as <paramref name="previous"/> did.</summary>
        public static StoreImage Build(InMemoryCredentialDirectory credentials, IUserDirectory users, IPermissionSource permissions,
            byte[] siteConfig, StoreImage previous, out string error)
        {
            int n = credentials.Count;
            byte[][] profileOf = new byte[n][];
            byte[][] setOf = new byte[n][];
            if (!Describe(credentials, users, permissions, profileOf, setOf, out error))
            {
                return null;
            }
            byte[][] sets = Numbered(Distinct(setOf), previous == null ? null : previous.SetTable(), new byte[] { 0 });
            if (sets.Length >= CredentialStoreFormat.NoPermissionSet)
            {
                error = sets.Length + " distinct permission sets (at most " + (CredentialStoreFormat.NoPermissionSet - 1) + ")";
                return null;
            }
            int[] setOrder = ByteOrder.SortedIndexes(sets);
            for (int i = 0; i < n; i++)
            {
                LittleEndian.WriteUInt16(profileOf[i], 14, (ushort)IndexOf(sets, setOrder, setOf[i]));
            }
            byte[][] profiles = Numbered(Distinct(profileOf), previous == null ? null : previous.ProfileTable(), new byte[CredentialStoreFormat.ProfileSize]);
            if (profiles.Length > CredentialStoreFormat.MaxProfiles)
            {
                error = profiles.Length + " distinct credential profiles (at most " + CredentialStoreFormat.MaxProfiles + ")";
                return null;
            }
            int[] profileOrder = ByteOrder.SortedIndexes(profiles);
            byte[] records = new byte[n * CredentialStoreFormat.RecordSize];
            for (int i = 0; i < n; i++)
            {
                CredentialInfo c = credentials.At(i);
                CredentialStoreFormat.EncodeRecord(c.Hash, 0, c.UserId, IndexOf(profiles, profileOrder, profileOf[i]), records, i * CredentialStoreFormat.RecordSize);
            }
            return new StoreImage(records, profiles, sets, siteConfig);
        }

        /// <summary>Writes to a temporary file, closes it (which commits it) and atomically replaces <paramref name="name"/>.</summary>
        public static void WriteFile(IFileStore store, string name, StoreImage image, uint generation)
        {
            string temp = name + ".new";
            Stream s = store.Open(temp, true);
            try
            {
                s.SetLength(0);
                image.WriteTo(s, generation);
            }
            finally
            {
                s.Close();
            }
            store.Replace(temp, name);
        }

        /// <summary>Each credential's profile bytes (permission set index still 0) and its holder's permission set bytes.</summary>
        private static bool Describe(InMemoryCredentialDirectory credentials, IUserDirectory users, IPermissionSource permissions,
            byte[][] profileOf, byte[][] setOf, out string error)
        {
            error = null;
            Permission[] list = new Permission[PermissionSetFormat.MaxPermissions + 1];
            for (int i = 0; i < profileOf.Length; i++)
            {
                CredentialInfo c = credentials.At(i);
                if (i > 0 && HashOrder.ComparePrefix(credentials.At(i - 1).Hash, 0, c.Hash, 0, CredentialStoreFormat.HashBytes) == 0)
                {
                    error = "two credentials share their first " + CredentialStoreFormat.HashBytes + " hash bytes (users "
                        + credentials.At(i - 1).UserId + " and " + c.UserId + "): re-issue one of them";
                    return false;
                }
                User holder = users == null ? null : users.Find(c.UserId);
                if (holder == null || !CredentialStoreFormat.Fits(c, holder))
                {
                    error = holder == null ? "credential of user " + c.UserId + " has no user record"
                        : "credential of user " + c.UserId + " does not fit the store format (user id, validity, uses, flags or method)";
                    return false;
                }
                int count = Collect(permissions, holder, list);
                setOf[i] = count > PermissionSetFormat.MaxPermissions ? null : PermissionSetFormat.Encode(list, count, c, out error);
                if (setOf[i] == null)
                {
                    error = "user " + c.UserId + ": " + (error ?? "more than " + PermissionSetFormat.MaxPermissions + " permissions at one controller");
                    return false;
                }
                profileOf[i] = new byte[CredentialStoreFormat.ProfileSize];
                CredentialStoreFormat.EncodeProfile(c, holder, 0, profileOf[i], 0);
            }
            return true;
        }

        /// <summary>The holder's own permissions then those of each group, into <paramref name="list"/>; returns how many (one past the limit at most).</summary>
        private static int Collect(IPermissionSource permissions, User holder, Permission[] list)
        {
            int count = 0;
            if (permissions == null)
            {
                return 0;
            }
            count = Append(permissions.ForUser(holder.Id), list, count);
            int[] groups = holder.GroupIds;
            for (int g = 0; groups != null && g < groups.Length; g++)
            {
                count = Append(permissions.ForGroup(groups[g]), list, count);
            }
            return count;
        }

        private static int Append(Permission[] from, Permission[] list, int count)
        {
            for (int i = 0; from != null && i < from.Length && count < list.Length; i++)
            {
                if (from[i] != null)
                {
                    list[count++] = from[i];
                }
            }
            return count;
        }

        /// <summary>The distinct arrays of <paramref name="items"/>, in byte order.</summary>
        private static byte[][] Distinct(byte[][] items)
        {
            byte[][] sorted = new byte[items.Length][];
            System.Array.Copy(items, sorted, items.Length);
            ByteOrder.Sort(sorted);
            int unique = 0;
            for (int i = 0; i < sorted.Length; i++)
            {
                if (unique == 0 || ByteOrder.Compare(sorted[unique - 1], sorted[i]) != 0)
                {
                    sorted[unique++] = sorted[i];
                }
            }
            byte[][] result = new byte[unique][];
            System.Array.Copy(sorted, result, unique);
            return result;
        }

        /// <summary>
        /// The table of <paramref name="distinct"/> entries (byte-ordered): each keeps its index in <paramref name="previous"/>
        /// when it was there, new ones take the slots of dropped entries, then new slots; a slot nobody uses any more
        /// holds <paramref name="unused"/> (no record names it). Without <paramref name="previous"/>, byte order.
        /// </summary>
        private static byte[][] Numbered(byte[][] distinct, byte[][] previous, byte[] unused)
        {
            if (previous == null || distinct.Length == 0)
            {
                return distinct;
            }
            bool[] placed = new bool[distinct.Length];
            int size = previous.Length > distinct.Length ? previous.Length : distinct.Length;
            byte[][] table = new byte[size][];
            for (int k = 0; k < previous.Length; k++)
            {
                int i = Find(distinct, previous[k]);
                if (i >= 0 && !placed[i])
                {
                    table[k] = distinct[i];
                    placed[i] = true;
                }
            }
            int free = 0;
            for (int i = 0; i < distinct.Length; i++)
            {
                if (placed[i])
                {
                    continue;
                }
                while (table[free] != null)
                {
                    free++;
                }
                table[free] = distinct[i];
            }
            int used = size;
            while (used > 0 && table[used - 1] == null)
            {
                used--;
            }
            byte[][] result = new byte[used][];
            for (int k = 0; k < used; k++)
            {
                result[k] = table[k] ?? unused;
            }
            return result;
        }

        /// <summary>Where <paramref name="item"/> sits in <paramref name="table"/>, through <paramref name="order"/> (its indexes in byte order).</summary>
        private static int IndexOf(byte[][] table, int[] order, byte[] item)
        {
            int lo = 0;
            int hi = order.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int cmp = ByteOrder.Compare(table[order[mid]], item);
                if (cmp == 0)
                {
                    return order[mid];
                }
                if (cmp < 0) lo = mid + 1; else hi = mid - 1;
            }
            return -1;
        }

        /// <summary>Binary search in a byte-ordered table; -1 when absent (or when the table is not ordered and the search misses).</summary>
        private static int Find(byte[][] table, byte[] item)
        {
            int lo = 0;
            int hi = table.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                int cmp = ByteOrder.Compare(table[mid], item);
                if (cmp == 0)
                {
                    return mid;
                }
                if (cmp < 0) lo = mid + 1; else hi = mid - 1;
            }
            return -1;
        }
    }
}
