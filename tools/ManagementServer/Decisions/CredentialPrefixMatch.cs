using DoorController.Server.Storage;

namespace DoorController.Server.Decisions
{
    /// <summary>
    /// A journalled decision carries the first 7 bytes of the credential's keyed hash (the bytes the controller's
    /// credential store keeps; docs/events.md). Before the access log is written the server maps them back, with the
    /// person and the method, to the credential's full hash, which the retro review and the first-use rules look up:
    /// <list type="bullet">
    /// <item>one credential of the person by that method has the prefix: its hash, match "prefix";</item>
    /// <item>several do (within the store's false-match bound, docs/cache.md): the one that was valid at the event's
    /// time if exactly one was (the only one the controller's cache could have held), else none; match "ambiguous";</item>
    /// <item>none does (unknown credential, deleted since, or no person): no hash, match "unknown".</item>
    /// </list>
    /// The prefix itself is always logged (access_log.credential_prefix), so no replayed event loses what it carried.
    /// </summary>
    public sealed record CredentialPrefixMatch(string Hash, string Prefix, string Match)
    {
        public const string Unique = "prefix";
        public const string Ambiguous = "ambiguous";
        public const string Unknown = "unknown";

        /// <summary>A whole hash sent as is (online decisions, journals written before the compact format).</summary>
        public static CredentialPrefixMatch Whole(string hash) => new(string.IsNullOrEmpty(hash) ? null : hash, null, null);

        public static CredentialPrefixMatch Resolve(Tx tx, string prefix, string userId, string method, long atMs)
        {
            if (userId == null) return new CredentialPrefixMatch(null, prefix, Unknown);
            // The stored hashes are lowercase hex, as Hex.Encode writes the prefix: the first 14 characters are the 7 bytes.
            var rows = tx.Query("SELECT hash, revoked, valid_from, valid_until FROM credentials WHERE user_id = @u AND method = @m AND substr(hash, 1, @n) = @p",
                new { u = userId, m = method, n = prefix.Length, p = prefix });
            if (rows.Count == 0) return new CredentialPrefixMatch(null, prefix, Unknown);
            if (rows.Count == 1) return new CredentialPrefixMatch(rows[0].Str("hash"), prefix, Unique);
            string proved = null;
            int valid = 0;
            foreach (var r in rows)
            {
                bool validThen = !r.Bool("revoked") && (r.NLong("valid_from") ?? long.MinValue) <= atMs && atMs <= (r.NLong("valid_until") ?? long.MaxValue);
                if (!validThen) continue;
                valid++;
                proved = r.Str("hash");
            }
            return new CredentialPrefixMatch(valid == 1 ? proved : null, prefix, Ambiguous);
        }
    }
}
