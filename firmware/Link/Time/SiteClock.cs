using System;
using DoorController.Core;
using DoorController.Hal;

namespace DoorController.Link.Time
{
    /// <summary>
    /// The controller's wall clock and how far to trust it. Sources, best first: the server's authenticated clock
    /// answer (SNTP may refine it within a few seconds), then a battery-backed DS3231 read at boot if one is fitted
    /// (<see cref="AttachHardwareClock"/>; trusted only if its oscillator never stopped and it is not behind the
    /// persisted time), then the last time known before the reboot (persisted every few minutes) as a lower bound
    /// instead of 1970. While the time is not certain (<see cref="IsCertain"/> false) the decision layer refuses
    /// time-windowed permissions and only honours credentials marked always-valid, and the journal marks events
    /// clock_uncertain (docs/time.md). Only an authenticated, fresh answer from the server makes the time certain
    /// (<see cref="SetAuthenticated"/>, fed by <see cref="ClockSync"/>); unauthenticated SNTP may only refine it within
    /// <see cref="SntpToleranceMilliseconds"/> of that. Tick-driven: no threads, no timers.
    /// </summary>
    public sealed class SiteClock
    {
        public const string FileName = "time.last";
        private const int RecordLength = 12;

        /// <summary>Earliest believable time: older readings come from an unset clock.</summary>
        public static readonly DateTime Floor = new DateTime(2025, 1, 1, 0, 0, 0);

        /// <summary>How often the current time is written to flash while it is certain (flash wear vs. lost time).</summary>
        public const long PersistIntervalMilliseconds = 10 * 60 * 1000;

        /// <summary>
        /// How far an SNTP reading may move the clock away from the last authenticated time (extrapolated on the
        /// uptime clock). SNTP is not authenticated: within this it refines the sub-second error of the authenticated
        /// answer; beyond it it is ignored, so forged SNTP packets, however many, move the clock by at most this much.
        /// </summary>
        public const long SntpToleranceMilliseconds = 5000;

        private readonly IClock _clock;
        private readonly IFileStore _store;
        private long _anchorUnixMilliseconds;
        private long _anchorUptime;
        private long _lastPersistUptime;
        private bool _persistedSinceSync;
        private TimeQuality _quality;
        private long _authenticatedUnixMilliseconds;
        private long _authenticatedUptime;
        private Ds3231Clock _rtc;
        private string _rtcState = "absent";

        public SiteClock(IClock clock, IFileStore store)
        {
            _clock = clock;
            _store = store;
            _quality = TimeQuality.Unknown;
        }

        public TimeQuality Quality
        {
            get { return _quality; }
        }

        /// <summary>True when windowed permissions and timestamps can be trusted: authenticated server time this boot, or
        /// a DS3231 that kept time since it was last set from it.</summary>
        public bool IsCertain
        {
            get { return _quality == TimeQuality.Server || _quality == TimeQuality.Rtc; }
        }

        /// <summary>The hardware clock for the status: absent, ok, set, oscillator-stopped (not trusted until set),
        /// not-answering, behind-last-known (not trusted), unset (before 2025).</summary>
        public string RtcState
        {
            get { return _rtcState; }
        }

        /// <summary>A DS3231 fitted on the board (before <see cref="Load"/>); null: none.</summary>
        public void AttachHardwareClock(Ds3231Clock rtc)
        {
            _rtc = rtc;
            _rtcState = rtc == null ? "absent" : "not-read";
        }

        /// <summary>SNTP readings ignored because no authenticated time exists yet or they were out of tolerance.</summary>
        public int SntpRefused { get; private set; }

        /// <summary>False only before any time was ever known (not even a persisted one).</summary>
        public bool HasEstimate
        {
            get { return _quality != TimeQuality.Unknown; }
        }

        /// <summary>Best estimate in Unix seconds (a lower bound when <see cref="Quality"/> is LastKnown); 0 when unknown.</summary>
        public long UnixSeconds
        {
            get { return HasEstimate ? UnixMilliseconds / 1000 : 0; }
        }

        public long UnixMilliseconds
        {
            get { return HasEstimate ? _anchorUnixMilliseconds + (_clock.UptimeMilliseconds - _anchorUptime) : 0; }
        }

        public DateTime UtcNow
        {
            get { return DateTime.UnixEpoch.AddTicks(UnixMilliseconds * TimeSpan.TicksPerMillisecond); }
        }

        /// <summary>Protocol text for the status message.</summary>
        public string StateText
        {
            get
            {
                switch (_quality)
                {
                    case TimeQuality.Server: return "server";
                    case TimeQuality.LastKnown: return "last-known";
                    case TimeQuality.Rtc: return "rtc";
                    default: return "unknown";
                }
            }
        }

        /// <summary>
        /// Boot: restores the persisted last-known time as a lower bound (corrupt or missing file: stays Unknown), then
        /// reads the DS3231 if one is attached: a reading from a chip whose oscillator never stopped, not before
        /// 2025 and not behind that lower bound, is trusted (<see cref="TimeQuality.Rtc"/>) and becomes the reference
        /// SNTP is bounded by. Called again (the link starts after the boot read) it changes nothing.
        /// </summary>
        public void Load()
        {
            long unixSeconds;
            if (_quality != TimeQuality.Unknown)
            {
                return;
            }
            long lowerBound = 0;
            if (TryReadPersisted(out unixSeconds))
            {
                Anchor(unixSeconds * 1000, TimeQuality.LastKnown);
                lowerBound = unixSeconds;
            }
            long rtcSeconds;
            if (TryTrustRtc(lowerBound, out rtcSeconds))
            {
                Anchor(rtcSeconds * 1000, TimeQuality.Rtc);
                _authenticatedUnixMilliseconds = rtcSeconds * 1000;
                _authenticatedUptime = _clock.UptimeMilliseconds;
            }
        }

        private bool TryTrustRtc(long lowerBound, out long unixSeconds)
        {
            unixSeconds = 0;
            if (_rtc == null)
            {
                return false;
            }
            bool stopped;
            if (!_rtc.TryRead(out unixSeconds, out stopped))
            {
                _rtcState = "not-answering";
                return false;
            }
            if (stopped)
            {
                _rtcState = "oscillator-stopped"; // the battery failed at some point: its time means nothing
                return false;
            }
            if (unixSeconds * 1000 < FloorUnixMilliseconds)
            {
                _rtcState = "unset";
                return false;
            }
            if (unixSeconds < lowerBound)
            {
                _rtcState = "behind-last-known"; // earlier than a time this controller already saw: wrong
                return false;
            }
            _rtcState = "ok";
            return true;
        }

        /// <summary>Writes trusted time to the DS3231 (and clears its oscillator-stop flag).</summary>
        private void SetHardwareClock()
        {
            if (_rtc != null)
            {
                _rtcState = _rtc.TryWrite(UnixSeconds) ? "set" : "not-answering";
            }
        }

        /// <summary>
        /// The server's time from an authenticated answer to this controller's own clock request (MAC, nonce and round
        /// trip checked by <see cref="ClockSync"/>). The server is the site's reference — it decides online on the
        /// same clock — so this sets the time in either direction. Readings before <see cref="Floor"/> are refused.
        /// </summary>
        public bool SetAuthenticated(long unixMilliseconds)
        {
            if (unixMilliseconds < FloorUnixMilliseconds)
            {
                return false;
            }
            Anchor(unixMilliseconds, TimeQuality.Server);
            _authenticatedUnixMilliseconds = unixMilliseconds;
            _authenticatedUptime = _clock.UptimeMilliseconds;
            SetHardwareClock();
            return true;
        }

        /// <summary>
        /// An SNTP reading. Accepted only once the time is certain and only within
        /// <see cref="SntpToleranceMilliseconds"/> of the last authenticated time (or the trusted DS3231 reading at
        /// boot) carried forward on the uptime clock; an accepted reading also sets the DS3231;
        /// never makes an uncertain clock certain and never steps it further.
        /// </summary>
        public bool CorrectFromSntp(DateTime utc)
        {
            long sntp = (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
            long authenticated = _authenticatedUnixMilliseconds + (_clock.UptimeMilliseconds - _authenticatedUptime);
            long offset = sntp - authenticated;
            if (!IsCertain || offset > SntpToleranceMilliseconds || offset < -SntpToleranceMilliseconds)
            {
                SntpRefused++;
                return false;
            }
            _anchorUnixMilliseconds = sntp;
            _anchorUptime = _clock.UptimeMilliseconds;
            SetHardwareClock();
            return true;
        }

        /// <summary>Call from the main loop: persists the time periodically once it is certain.</summary>
        public void Tick()
        {
            if (!IsCertain)
            {
                return;
            }
            long now = _clock.UptimeMilliseconds;
            if (!_persistedSinceSync || now - _lastPersistUptime >= PersistIntervalMilliseconds)
            {
                Persist();
                _lastPersistUptime = now;
                _persistedSinceSync = true;
            }
        }

        private void Anchor(long unixMilliseconds, TimeQuality quality)
        {
            _anchorUnixMilliseconds = unixMilliseconds;
            _anchorUptime = _clock.UptimeMilliseconds;
            _quality = quality;
            _persistedSinceSync = false;
        }

        private void Persist()
        {
            byte[] record = new byte[RecordLength];
            LittleEndian.WriteInt64(record, 0, UnixSeconds);
            LittleEndian.WriteUInt32(record, 8, Crc32.Compute(record, 0, 8));
            try
            {
                LinkFiles.WriteAtomically(_store, FileName, record);
            }
            catch (Exception)
            {
                // Flash trouble costs only the reboot estimate; the running clock is unaffected.
            }
        }

        private bool TryReadPersisted(out long unixSeconds)
        {
            unixSeconds = 0;
            byte[] record = new byte[RecordLength];
            try
            {
                if (LinkFiles.ReadPrefix(_store, FileName, record) != RecordLength
                    || LittleEndian.ReadUInt32(record, 8) != Crc32.Compute(record, 0, 8))
                {
                    return false;
                }
            }
            catch (Exception)
            {
                return false;
            }
            unixSeconds = LittleEndian.ReadInt64(record, 0);
            return unixSeconds * 1000 >= FloorUnixMilliseconds;
        }

        private static long FloorUnixMilliseconds
        {
            get { return (Floor.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond; }
        }
    }
}
