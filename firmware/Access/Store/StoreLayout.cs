namespace DoorController.Access
{
    /// <summary>
    /// Where the regions of a credential store file lie (<see cref="CredentialStoreFormat"/>): records, profiles,
    /// permission sets and site config, back to back in that order. Offsets are relative to the start of the store.
    /// </summary>
    public sealed class StoreLayout
    {
        public int Records;
        public int Profiles;
        public int Sets;
        public int ProfilesOffset;
        public int SetsOffset;
        public int SetsLength;
        public int SiteOffset;
        public int SiteLength;

        /// <summary>The layout of a store with these region sizes.</summary>
        public static StoreLayout Of(int records, int profiles, int sets, int setsLength, int siteLength)
        {
            StoreLayout l = new StoreLayout();
            l.Records = records;
            l.Profiles = profiles;
            l.Sets = sets;
            l.ProfilesOffset = CredentialStoreFormat.HeaderSize + records * CredentialStoreFormat.RecordSize;
            l.SetsOffset = l.ProfilesOffset + profiles * CredentialStoreFormat.ProfileSize;
            l.SetsLength = setsLength;
            l.SiteOffset = l.SetsOffset + setsLength;
            l.SiteLength = siteLength;
            return l;
        }

        /// <summary>Bytes of the whole store.</summary>
        public long End
        {
            get { return (long)SetsOffset + SetsLength + SiteLength; }
        }

        /// <summary>True when the regions follow each other as the format requires and every count is in range.</summary>
        public bool IsConsistent()
        {
            if (Records < 0 || Profiles < 0 || Profiles > CredentialStoreFormat.MaxProfiles || Sets < 0 || Sets >= CredentialStoreFormat.NoPermissionSet
                || SetsLength < Sets * 4L || SiteLength < 0)
            {
                return false;
            }
            long profiles = CredentialStoreFormat.HeaderSize + (long)Records * CredentialStoreFormat.RecordSize;
            long sets = profiles + (long)Profiles * CredentialStoreFormat.ProfileSize;
            return ProfilesOffset == profiles && SetsOffset == sets
                && (SiteLength == 0 || SiteOffset == sets + SetsLength) && End <= int.MaxValue;
        }
    }
}
