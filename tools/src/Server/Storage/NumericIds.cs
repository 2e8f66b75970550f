namespace DoorController.Server.Storage
{
    /// <summary>Stable int numbers for server ids ("u-…", "r-…"): the decision core, the protocol and QR/BLE
    /// user-refs use ints. Numbers are assigned once, in the transaction that creates the entity.</summary>
    public static class NumericIds
    {
        public static int Assign(Tx tx, string id)
        {
            tx.Execute("INSERT INTO numeric_ids (ref) VALUES (@r) ON CONFLICT (ref) DO NOTHING", new { r = id });
            return Of(tx, id);
        }

        public static int Of(Tx tx, string id)
        {
            var row = tx.QuerySingle("SELECT num FROM numeric_ids WHERE ref = @r", new { r = id });
            return row == null ? 0 : (int)row.Long("num");
        }

        public static int Of(Database db, string id)
        {
            var row = db.QuerySingle("SELECT num FROM numeric_ids WHERE ref = @r", new { r = id });
            return row == null ? 0 : (int)row.Long("num");
        }

        /// <summary>The server id for a number with the given prefix ("u-", "r-"), or null.</summary>
        public static string RefOf(Database db, int num, string prefix)
        {
            var row = db.QuerySingle("SELECT ref FROM numeric_ids WHERE num = @n", new { n = (long)num });
            string r = row?.Str("ref");
            return r != null && r.StartsWith(prefix, System.StringComparison.Ordinal) ? r : null;
        }
    }
}
