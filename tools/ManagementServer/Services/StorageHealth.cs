using System;
using System.Collections.Generic;
using System.Threading;

namespace DoorController.Server.Services
{
    /// <summary>
    /// What is failing right now (the access log cannot be written, the decision snapshot cannot be read, the audit
    /// trail cannot be written) and since when. The first failure of a condition is an alert at once on stderr and,
    /// if the database still takes writes, in the alerts table; when the condition clears, an alert row records how
    /// long it lasted and how many online decisions went unanswered meanwhile (a full disk cannot take the first
    /// row, but takes this one once space returns). <c>GET /api/health</c> shows the current state.
    /// </summary>
    public sealed class StorageHealth
    {
        public const string AccessLog = "access-log";
        public const string Decisions = "decisions";
        public const string AuditTrail = "audit-trail";

        private readonly ServerContext _ctx;
        private readonly AlertBook _alerts;
        private readonly object _gate = new object();
        private readonly Dictionary<string, (long Since, string Error)> _failing = new Dictionary<string, (long, string)>();
        private int _failingCount;
        private long _unanswered;

        public StorageHealth(ServerContext ctx, AlertBook alerts)
        {
            _ctx = ctx;
            _alerts = alerts;
        }

        /// <summary>Online decisions not answered because they could not be logged or decided since start.</summary>
        public long UnansweredDecisions => Interlocked.Read(ref _unanswered);

        public bool IsFailing(string condition)
        {
            lock (_gate) return _failing.ContainsKey(condition);
        }

        public void Unanswered()
        {
            Interlocked.Increment(ref _unanswered);
        }

        public void Trouble(string condition, Exception e)
        {
            long now = _ctx.NowMs;
            lock (_gate)
            {
                if (_failing.ContainsKey(condition)) return;
                _failing[condition] = (now, e.Message);
                _failingCount = _failing.Count;
            }
            string message = Describe(condition) + " failed: " + e.Message;
            Console.Error.WriteLine("ALERT " + condition + ": " + message);
            TryRaise(condition, message);
        }

        /// <summary>Cheap when nothing is failing (called after every successful commit).</summary>
        public void Cleared(string condition)
        {
            if (Volatile.Read(ref _failingCount) == 0) return;
            (long Since, string Error) was;
            lock (_gate)
            {
                if (!_failing.Remove(condition, out was)) return;
                _failingCount = _failing.Count;
            }
            long seconds = (_ctx.NowMs - was.Since) / 1000;
            string message = Describe(condition) + " failed for " + seconds + " s (" + was.Error + ") and works again" +
                (condition == AuditTrail ? "" : "; " + UnansweredDecisions + " online decision(s) went unanswered since start, decided by the controllers from their caches");
            Console.Error.WriteLine("RECOVERED " + condition + ": " + message);
            TryRaise(condition + "-recovered", message);
        }

        public object Status()
        {
            var failing = new List<object>();
            lock (_gate)
            {
                foreach (var kv in _failing) failing.Add(new { condition = kv.Key, since = kv.Value.Since, error = kv.Value.Error });
            }
            return new { ok = failing.Count == 0, failing, unansweredDecisions = UnansweredDecisions };
        }

        private void TryRaise(string kind, string message)
        {
            try
            {
                _alerts.Raise("server-" + kind, "high", null, null, null, null, message);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("alert '" + kind + "' could not be stored (" + e.Message + "); it is recorded when storage recovers");
            }
        }

        private static string Describe(string condition)
        {
            switch (condition)
            {
                case AccessLog: return "writing the access log (online decisions are not answered; controllers decide from their caches)";
                case Decisions: return "reading the decision data (online decisions are not answered; controllers decide from their caches)";
                case AuditTrail: return "writing the audit trail (admin changes are refused)";
                default: return condition;
            }
        }
    }
}
