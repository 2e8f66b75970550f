using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using DoorController.Contract;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// What controllers say about themselves: the retained status (online with door, lock, a second door's and the
    /// doors' numbers, mode, cache version,
    /// journal depth, firmware and time source) and its last will (offline), command results, and the messages they
    /// refused. The MQTT thread only hands payloads over; one worker parses and stores them, so a flood from the
    /// network can cost at most the bounded queue, never the decision path. Reports from an id that is not a
    /// registered, unrevoked controller are dropped.
    /// </summary>
    public sealed class ControllerReports : IDisposable
    {
        /// <summary>A controller publishes its status every 60 s; three missed ones and it is called silent.</summary>
        public const long SilentAfterMilliseconds = 180_000;
        /// <summary>Refused messages kept per controller (the newest).</summary>
        public const int ErrorsKept = 100;
        public const int QueueCapacity = 10_000;

        private readonly ServerContext _ctx;
        private readonly BlockingCollection<(string Kind, string Device, byte[] Payload)> _queue =
            new BlockingCollection<(string, string, byte[])>(QueueCapacity);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Thread _worker;
        private long _stored;

        public ControllerReports(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>Reports stored (or dropped as unknown) so far; tests wait on it.</summary>
        public long Handled => Interlocked.Read(ref _stored);

        public void Start()
        {
            if (_worker != null) return;
            _worker = new Thread(Work) { IsBackground = true, Name = "controller-reports" };
            _worker.Start();
        }

        // Called on the MQTT network thread: queue and return (a full queue drops the report).
        public void OnStatus(string device, byte[] payload) => _queue.TryAdd(("status", device, payload));
        public void OnCommandResult(string device, byte[] payload) => _queue.TryAdd(("result", device, payload));
        public void OnError(string device, byte[] payload) => _queue.TryAdd(("error", device, payload));

        private void Work()
        {
            try
            {
                foreach (var (kind, device, payload) in _queue.GetConsumingEnumerable(_stop.Token))
                {
                    try
                    {
                        Handle(kind, device, payload);
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine("controller " + kind + " from " + device + " not stored: " + e.Message);
                    }
                    Interlocked.Increment(ref _stored);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        /// <summary>Parses and stores one report (tests call it directly).</summary>
        public void Handle(string kind, string device, byte[] payload)
        {
            string error;
            if (kind == "status")
            {
                if (StatusMessage.TryParse(payload, out StatusMessage status, out error)) StoreStatus(device, status);
                else Console.Error.WriteLine("status from " + device + " refused: " + error);
            }
            else if (kind == "result")
            {
                if (CommandResult.TryParse(payload, out CommandResult result, out error)) StoreResult(device, result);
                else Console.Error.WriteLine("command result from " + device + " refused: " + error);
            }
            else if (kind == "error")
            {
                if (ErrorMessage.TryParse(payload, out ErrorMessage message, out error)) StoreError(device, message);
                else Console.Error.WriteLine("error report from " + device + " refused: " + error);
            }
        }

        private static bool Registered(Tx tx, string device) =>
            tx.QuerySingle("SELECT id FROM devices WHERE id = @d AND revoked = 0", new { d = device }) != null;

        private void StoreStatus(string device, StatusMessage s)
        {
            long now = _ctx.NowMs;
            _ctx.Db.InTransaction(tx =>
            {
                if (!Registered(tx, device)) return;
                var had = tx.QuerySingle("SELECT state, door, door2, state_since, door_since, door2_since, last_seen FROM controller_status WHERE device_id = @d", new { d = device });
                if (s.State == StatusMessage.OfflineState)
                {
                    // The last will: the broker lost the controller. What it said last stays, marked offline.
                    if (had == null)
                    {
                        tx.Execute("INSERT INTO controller_status (device_id, state, last_seen, state_since, door_since) VALUES (@d, 'offline', @t, @t, @t)", new { d = device, t = now });
                    }
                    else if (had.Str("state") != "offline")
                    {
                        tx.Execute("UPDATE controller_status SET state = 'offline', state_since = @t WHERE device_id = @d", new { d = device, t = now });
                    }
                    return;
                }
                // A retained status delivered when this server (re)subscribes may be old: its own clock says when
                // it was sent (controllers keep the server's time), never later than now.
                // Statuses arrive here in the controller's order (the bridge passes only nonces above the last), so
                // each replaces the one before; last seen never moves back (the clock claim has whole seconds only).
                long seen = s.ClockUncertain || s.At <= 0 ? now : Math.Min(now, s.At * 1000);
                if (had != null) seen = Math.Max(seen, had.Long("last_seen"));
                long stateSince = had != null && had.Str("state") == "online" ? had.Long("state_since") : seen;
                long doorSince = had != null && had.Str("door") == Text(s.Door) ? had.Long("door_since") : seen;
                // The second door (null when the controller has none, or no longer has one).
                long? door2Since = s.Door2 == null ? null
                    : had != null && had.Str("door2") == Text(s.Door2) && !had.IsNull("door2_since") ? had.Long("door2_since") : seen;
                var values = new
                {
                    d = device, f = Text(s.Firmware), cv = s.CacheVersion, jd = (long)s.JournalDepth, m = Text(s.Mode), door = Text(s.Door), l = Text(s.Lock),
                    ts = Text(s.TimeState), cu = s.ClockUncertain, up = s.UptimeSeconds, seen, ss = stateSince, ds = doorSince,
                    dn = s.DoorId > 0 ? (long?)s.DoorId : null, door2 = Text(s.Door2), l2 = s.Door2 == null ? null : Text(s.Lock2), m2 = s.Door2 == null ? null : Text(s.Mode2),
                    dn2 = s.Door2 != null && s.Door2Id > 0 ? (long?)s.Door2Id : null, ds2 = door2Since,
                };
                if (had == null)
                {
                    tx.Execute("INSERT INTO controller_status (device_id, state, firmware, cache_version, journal_depth, mode, door, lock_state, time_state, clock_uncertain, uptime_s, last_seen, state_since, door_since, " +
                        "door_number, door2, lock2_state, mode2, door2_number, door2_since) " +
                        "VALUES (@d, 'online', @f, @cv, @jd, @m, @door, @l, @ts, @cu, @up, @seen, @ss, @ds, @dn, @door2, @l2, @m2, @dn2, @ds2)", values);
                }
                else
                {
                    tx.Execute("UPDATE controller_status SET state = 'online', firmware = @f, cache_version = @cv, journal_depth = @jd, mode = @m, door = @door, lock_state = @l, " +
                        "time_state = @ts, clock_uncertain = @cu, uptime_s = @up, last_seen = @seen, state_since = @ss, door_since = @ds, " +
                        "door_number = @dn, door2 = @door2, lock2_state = @l2, mode2 = @m2, door2_number = @dn2, door2_since = @ds2 WHERE device_id = @d", values);
                }
            });
        }

        private void StoreResult(string device, CommandResult r)
        {
            const string prefix = "cmd-";
            if (r.RequestId == null || !r.RequestId.StartsWith(prefix, StringComparison.Ordinal)
                || !long.TryParse(r.RequestId.Substring(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id))
            {
                return; // not one of ours (resync requests carry no command row)
            }
            // Only the controller the command was sent to can settle it, and only once.
            _ctx.Db.Execute("UPDATE commands SET result = @r, result_at = @t WHERE id = @i AND device_id = @d AND result IS NULL",
                new { r = r.Ok ? "ok" : Clip(r.Error ?? "failed", 200), t = _ctx.NowMs, i = id, d = device });
        }

        private void StoreError(string device, ErrorMessage m)
        {
            _ctx.Db.InTransaction(tx =>
            {
                if (!Registered(tx, device)) return;
                tx.Execute("INSERT INTO controller_errors (device_id, at, topic, error) VALUES (@d, @t, @topic, @e)",
                    new { d = device, t = _ctx.NowMs, topic = Clip(m.Topic, 200), e = Clip(m.Error, 300) });
                // Keep the newest few per controller: a controller refusing a flood of forged messages must not
                // fill the disk with its refusals.
                var cut = tx.QuerySingle("SELECT id FROM controller_errors WHERE device_id = @d ORDER BY id DESC LIMIT 1 OFFSET @n", new { d = device, n = (long)ErrorsKept });
                if (cut != null) tx.Execute("DELETE FROM controller_errors WHERE device_id = @d AND id <= @c", new { d = device, c = cut.Long("id") });
            });
        }

        /// <summary>Printable text of bounded length (a status field is shown on every guard's screen).</summary>
        private static string Text(string value) => value == null ? null : Clip(value, 64);

        private static string Clip(string value, int max)
        {
            if (value == null) return "";
            var sb = new StringBuilder(Math.Min(value.Length, max));
            foreach (char c in value)
            {
                if (sb.Length >= max) break;
                sb.Append(char.IsControl(c) ? '?' : c);
            }
            return sb.ToString();
        }

        /// <summary>Online, offline (last will), silent (no status for <see cref="SilentAfterMilliseconds"/>) or never (no report yet).</summary>
        public static string Connection(Row status, long nowMs)
        {
            if (status == null || status.IsNull("state")) return "never";
            if (status.Str("state") == "online" && nowMs - status.Long("last_seen") > SilentAfterMilliseconds) return "silent";
            return status.Str("state");
        }

        public void Dispose()
        {
            _stop.Cancel();
            _worker?.Join(2000);
        }
    }
}
