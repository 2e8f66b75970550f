namespace DoorController.Server.Storage
{
    /// <summary>Stable int numbers for server ids ("u-…", "r-…"): the decision core, the protocol and QR/BLE
    /// user-refs use ints. Numbers are assigned once, in the transaction that creates the entity, and never change,
    /// so lookups are cached per database (only committed assignments are cached: a rolled-back one is not seen).</summary>
    public static class NumericIds
    {
        public static int Assign(Tx tx, string id)
        {
            tx.Execute("INSERT INTO numeric_ids (ref) VALUES (@r) ON CONFLICT (ref) DO NOTHING", new { r = id });
            var row = tx.QuerySingle("SELECT num FROM numeric_ids WHERE ref = @r", new { r = id });
            return row == null ? 0 : (int)row.Long("num");
        }

        public static int Of(Tx tx, string id)
        {
            if (id == null) return 0;
            if (tx.Db != null && tx.Db.NumberOf.TryGetValue(id, out int cached)) return cached;
            var row = tx.QuerySingle("SELECT num FROM numeric_ids WHERE ref = @r", new { r = id });
            return row == null ? 0 : (int)row.Long("num");
        }

        public static int Of(Database db, string id)
        {
            if (id == null) return 0;
            if (db.NumberOf.TryGetValue(id, out int cached)) return cached;
            var row = db.QuerySingle("SELECT num FROM numeric_ids WHERE ref = @r", new { r = id });
            if (row == null) return 0;
            int num = (int)row.Long("num");
            db.NumberOf[id] = num;
            db.RefOf[num] = id;
            return num;
        }

        /// <summary>The server id for a number with the given prefix ("u-", "r-"), or null.</summary>
        public static string RefOf(Database db, int num, string prefix)
        {
            string r;
            if (!db.RefOf.TryGetValue(num, out r))
            {
                r = db.QuerySingle("SELECT ref FROM numeric_ids WHERE num = @n", new { n = (long)num })?.Str("ref");
                if (r != null)
                {
                    db.RefOf[num] = r;
                    db.NumberOf[r] = num;
                }
            }
            return r != null && r.StartsWith(prefix, System.StringComparison.Ordinal) ? r : null;
        }
    }
}
