using System;
using System.Threading;
using System.Threading.Tasks;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Growing back-off after failed sign-ins, per account name and per client address (state in the database, so
    /// it survives a restart and is shared by every server on one database). The first
    /// <see cref="AccountFreeFailures"/> failures for a name (<see cref="AddressFreeFailures"/> from an address) cost
    /// nothing; from then on each failure pauses sign-in for that name or address for 1 s, 2 s, 4 s, ... up to
    /// 15 min. During a pause every attempt is refused with 429 before the password is checked, so the right
    /// password is refused too and guessing costs the attacker time, not the server CPU. Unknown names are throttled
    /// exactly like real ones, so a 429 does not reveal which names exist. A streak is forgotten 24 h after its
    /// last failure, or (for the account) at a successful sign-in. Reaching the free limit raises an alert.
    /// </summary>
    public sealed class SignInThrottle
    {
        public const int AccountFreeFailures = 5;
        public const int AddressFreeFailures = 20;
        public static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(15);
        public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

        private readonly ServerContext _ctx;
        private readonly AlertBook _alerts;
        // One attempt at a time: the check, the password verification and the recorded failure are one step, so a
        // burst of parallel guesses cannot all pass the check before the first failure is written.
        private readonly SemaphoreSlim _one = new SemaphoreSlim(1, 1);

        public SignInThrottle(ServerContext ctx, AlertBook alerts)
        {
            _ctx = ctx;
            _alerts = alerts;
        }

        /// <summary>How long sign-in stays paused after <paramref name="failures"/> failures in a row.</summary>
        public static TimeSpan BackOff(int failures, int freeFailures)
        {
            if (failures < freeFailures) return TimeSpan.Zero;
            int doublings = Math.Min(failures - freeFailures, 30);
            double ms = FirstBackOff.TotalMilliseconds * Math.Pow(2, doublings);
            return ms >= MaxBackOff.TotalMilliseconds ? MaxBackOff : TimeSpan.FromMilliseconds(ms);
        }

        /// <summary>
        /// Runs <paramref name="verify"/> (true when the password is right) unless the account or the address is in
        /// back-off. Returns the time still to wait (zero when the attempt ran) and whether it succeeded.
        /// </summary>
        public async Task<(TimeSpan RetryAfter, bool Ok, int Failures)> AttemptAsync(string username, string address, Func<bool> verify)
        {
            string account = "account:" + username, from = "address:" + (address ?? "?");
            await _one.WaitAsync();
            try
            {
                long now = _ctx.NowMs;
                long blockedUntil = 0;
                foreach (var r in _ctx.Db.Query("SELECT blocked_until, last_failure_at FROM sign_in_throttle WHERE subject IN (@a, @b)", new { a = account, b = from }))
                {
                    if (r.Long("last_failure_at") >= now - (long)ForgetAfter.TotalMilliseconds) blockedUntil = Math.Max(blockedUntil, r.Long("blocked_until"));
                }
                if (blockedUntil > now) return (TimeSpan.FromMilliseconds(blockedUntil - now), false, 0);
                if (verify())
                {
                    _ctx.Db.Execute("DELETE FROM sign_in_throttle WHERE subject = @a", new { a = account });
                    return (TimeSpan.Zero, true, 0);
                }
                int failures = _ctx.Db.InTransaction(tx =>
                {
                    tx.Execute("DELETE FROM sign_in_throttle WHERE last_failure_at < @old", new { old = now - (long)ForgetAfter.TotalMilliseconds });
                    int n = Fail(tx, account, AccountFreeFailures, now);
                    int m = Fail(tx, from, AddressFreeFailures, now);
                    if (n == AccountFreeFailures)
                    {
                        _alerts.Raise(tx, "sign-in-failures", "high", null, null, null, null,
                            n + " failed sign-ins in a row for account '" + username + "' (the last from " + address + "); sign-in for it is paused with a growing back-off");
                    }
                    if (m == AddressFreeFailures)
                    {
                        _alerts.Raise(tx, "sign-in-failures", "high", null, null, null, null,
                            m + " failed sign-ins in a row from " + address + "; sign-in from there is paused with a growing back-off");
                    }
                    return n;
                });
                Console.Error.WriteLine("sign-in failed for '" + username + "' from " + address + " (" + failures + " in a row)");
                return (TimeSpan.Zero, false, failures);
            }
            finally
            {
                _one.Release();
            }
        }

        /// <summary>Counts one more failure for <paramref name="subject"/> and sets its pause; returns the count.</summary>
        private static int Fail(Tx tx, string subject, int freeFailures, long now)
        {
            int failures = (int)tx.QuerySingle("INSERT INTO sign_in_throttle (subject, failures, blocked_until, last_failure_at) VALUES (@s, 1, 0, @now) " +
                "ON CONFLICT (subject) DO UPDATE SET failures = sign_in_throttle.failures + 1, last_failure_at = excluded.last_failure_at RETURNING failures",
                new { s = subject, now }).Long("failures");
            long pause = (long)BackOff(failures, freeFailures).TotalMilliseconds;
            if (pause > 0) tx.Execute("UPDATE sign_in_throttle SET blocked_until = @u WHERE subject = @s", new { u = now + pause, s = subject });
            return failures;
        }
    }
}
