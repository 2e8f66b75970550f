using System;
using System.Collections.Generic;
using System.Data.Common;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// The append-only record of every state-changing call and every remote command: who (admin id, name, role),
    /// what (method and route, the route's ids, what the handler reports), when, from where (client address) and
    /// the result (status and outcome). A call is written in two steps: <see cref="Begin"/> before the handler runs
    /// (if that fails nothing is changed and the caller gets 503), <see cref="Finish"/> after it. A call without a
    /// result row is one the server did not finish (crash or storage failure mid-call). Both tables refuse UPDATE
    /// and DELETE by trigger (migration 7), and the retention purge never touches them.
    /// </summary>
    public sealed class AuditTrail
    {
        public const int MaxPage = 500;
        private const string Columns = "l.id, l.at, l.admin_id, l.admin_name, l.role, l.address, l.action, l.subject, r.status, r.outcome, r.detail, r.at AS finished_at";
        private readonly ServerContext _ctx;

        public AuditTrail(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>Records the start of a call; returns its audit id.</summary>
        public long Begin(string adminId, string adminName, string role, string address, string action, string subject)
        {
            return _ctx.Db.InTransaction(tx => InsertCall(tx, adminId, adminName, role, address, action, subject));
        }

        public void Finish(long auditId, int status, string outcome, string detail)
        {
            _ctx.Db.InTransaction(tx => InsertResult(tx, auditId, status, outcome, detail));
        }

        /// <summary>A call refused before its handler ran (nothing changed): both rows in one transaction.</summary>
        public void Refused(string adminId, string adminName, string role, string address, string action, string subject, int status, string outcome)
        {
            _ctx.Db.InTransaction(tx => InsertResult(tx, InsertCall(tx, adminId, adminName, role, address, action, subject), status, outcome, null));
        }

        private long InsertCall(Tx tx, string adminId, string adminName, string role, string address, string action, string subject)
        {
            return tx.QuerySingle("INSERT INTO audit_log (at, admin_id, admin_name, role, address, action, subject) VALUES (@t, @a, @n, @r, @ip, @act, @s) RETURNING id",
                new { t = _ctx.NowMs, a = adminId ?? "", n = adminName, r = role, ip = address, act = action, s = subject ?? "" }).Long("id");
        }

        private void InsertResult(Tx tx, long auditId, int status, string outcome, string detail)
        {
            tx.Execute("INSERT INTO audit_results (audit_id, at, status, outcome, detail) VALUES (@i, @t, @s, @o, @d)",
                new { i = auditId, t = _ctx.NowMs, s = (long)status, o = Clip(outcome ?? "", 500), d = Clip(detail, 1000) });
        }

        /// <summary>Rows with id greater than <paramref name="afterId"/> oldest first, or without it the newest first.</summary>
        public List<Row> List(long? afterId, int limit)
        {
            if (limit < 1 || limit > MaxPage) throw ApiException.BadRequest("limit must be 1-" + MaxPage);
            string from = " FROM audit_log l LEFT JOIN audit_results r ON r.audit_id = l.id ";
            return afterId.HasValue
                ? _ctx.Db.Query("SELECT " + Columns + from + "WHERE l.id > @a ORDER BY l.id LIMIT @n", new { a = afterId.Value, n = (long)limit })
                : _ctx.Db.Query("SELECT " + Columns + from + "ORDER BY l.id DESC LIMIT @n", new { n = (long)limit });
        }

        /// <summary>Streams every row with <paramref name="fromMs"/> ≤ at &lt; <paramref name="toMs"/>, oldest first, as
        /// column values in <see cref="ExportColumns"/> order.</summary>
        public void Export(long fromMs, long toMs, Action<object[]> row)
        {
            _ctx.Db.Scan("SELECT " + Columns + " FROM audit_log l LEFT JOIN audit_results r ON r.audit_id = l.id WHERE l.at >= @f AND l.at < @t ORDER BY l.id",
                new { f = fromMs, t = toMs }, (DbDataReader r) =>
                {
                    var values = new object[r.FieldCount];
                    for (int i = 0; i < values.Length; i++) values[i] = r.IsDBNull(i) ? null : r.GetValue(i);
                    row(values);
                });
        }

        public static readonly string[] ExportColumns = { "id", "at", "adminId", "adminName", "role", "address", "action", "subject", "status", "outcome", "detail", "finishedAt" };

        private static string Clip(string s, int max)
        {
            return s == null || s.Length <= max ? s : s.Substring(0, max);
        }
    }
}
