using System;
using DoorController.Hal;
using DoorController.Contract;

namespace DoorController.Journal
{
    /// <summary>
    /// Append-only event journal in segment files on the flash volume (format: <see cref="RecordFormat"/>, rules:
    /// docs/journal.md). An append is committed before it returns: its segment file is closed, the only thing that
    /// makes a write durable on LittleFS. The replay cursor (<see cref="AckedId"/>) moves only on a cumulative
    /// acknowledgement from the server and is persisted; <see cref="Open"/> recovers after any power cut. Public
    /// members never throw on storage errors: they count them and report failure.
    /// </summary>
    public sealed class EventJournal
    {
        private readonly object _sync = new object();
        private readonly IFileStore _store;
        private readonly IClock _clock;
        private readonly JournalOptions _options;
        private readonly JournalStateFile _state;
        private readonly SegmentSet _segments;
        // The record being appended (payload at MaxHeaderLength), then room for a journal_overflow record written
        // before it (payload at its end, WriteOverflowRecord): one buffer for both.
        private readonly byte[] _record;
        private readonly PayloadWriter _writer = new PayloadWriter();
        private readonly JournalOverflowEvent _overflow = new JournalOverflowEvent();

        private bool _opened;
        private uint _sequence;
        private long _lastId;
        private int _depth;
        private int _recoveredRecords;
        private int _corruptSkipped;
        private int _truncatedBytes;
        private int _writeFailures;
        private int _rejected;
        private bool _clockUncertain;

        public EventJournal(IFileStore store, IClock clock, JournalOptions options)
        {
            _store = store;
            _clock = clock;
            _options = options ?? new JournalOptions();
            string problem = store == null || clock == null ? "the journal needs a file store and a clock" : _options.Problem();
            if (problem != null)
            {
                throw new ArgumentException(problem);
            }
            _record = new byte[RecordFormat.MaxOverhead + _options.MaxPayloadBytes + RecordFormat.MaxOverhead + OverflowEpisode.PayloadBytes];
            _state = new JournalStateFile(store, _options.FilePrefix);
            _segments = new SegmentSet(store, _options);
        }

        /// <summary>Id of the newest record that is on flash (0 when the journal is empty).</summary>
        public long LastId { get { lock (_sync) { return _lastId; } } }

        /// <summary>Replay cursor: every id up to this one has been acknowledged by the server.</summary>
        public long AckedId { get { lock (_sync) { return _state.AckedId; } } }

        /// <summary>Records not yet acknowledged.</summary>
        public int Depth { get { lock (_sync) { return _depth; } } }

        /// <summary>Events dropped because the journal was full, over the device's life (persisted).</summary>
        public long DroppedCount { get { lock (_sync) { return _state.DroppedTotal; } } }

        public uint BootCounter { get { lock (_sync) { return _state.BootCounter; } } }

        public bool IsOpen { get { lock (_sync) { return _opened; } } }

        public int SegmentCount { get { lock (_sync) { return _segments.Count; } } }

        public int CapacityBytes { get { return _options.SegmentBytes * _options.MaxSegments; } }

        /// <summary>Bytes of segment files in use (logical lengths).</summary>
        public int UsedBytes { get { lock (_sync) { return _segments.UsedBytes; } } }

        /// <summary>Unacknowledged records found by the last recovery.</summary>
        public int RecoveredRecords { get { lock (_sync) { return _recoveredRecords; } } }

        /// <summary>Damaged regions and stale records skipped by recovery since construction.</summary>
        public int CorruptRecordsSkipped { get { lock (_sync) { return _corruptSkipped; } } }

        /// <summary>Bytes of torn tail left behind by recoveries (the next append overwrites them).</summary>
        public int TruncatedBytes { get { lock (_sync) { return _truncatedBytes; } } }

        /// <summary>Storage errors seen (each makes the next append recover first).</summary>
        public int WriteFailures { get { lock (_sync) { return _writeFailures; } } }

        /// <summary>Appends refused because the payload was too large or its encoder failed.</summary>
        public int RejectedCount { get { lock (_sync) { return _rejected; } } }

        /// <summary>While true every record carries <see cref="RecordFlags.ClockUncertain"/> (set until time is synced).</summary>
        public bool ClockUncertain
        {
            get { lock (_sync) { return _clockUncertain; } }
            set { lock (_sync) { _clockUncertain = value; } }
        }

        /// <summary>
        /// Recovery on boot: loads the state, scans every segment (skipping anything whose marker, length or CRC is
        /// wrong), leaves a torn tail behind the last valid record, persists a new boot counter and reclaims acknowledged
        /// segments. False when the storage is unusable; appends then retry recovery and drop while it fails.
        /// </summary>
        public bool Open()
        {
            lock (_sync)
            {
                return Recover();
            }
        }

        /// <summary>Commits and closes (e.g. before a controlled restart).</summary>
        public void Close()
        {
            lock (_sync)
            {
                Commit();
                CloseQuietly();
                _opened = false;
            }
        }

        /// <summary>Appends an event whose payload encodes itself; returns its id, or <see cref="EventId.None"/> when dropped.</summary>
        public long Append(EventType type, IEventPayload payload, int flags)
        {
            lock (_sync)
            {
                _writer.Reset(_record, RecordFormat.MaxHeaderLength, _options.MaxPayloadBytes);
                if (payload != null)
                {
                    try
                    {
                        payload.Encode(_writer);
                    }
                    catch (Exception)
                    {
                        _rejected++;
                        return EventId.None;
                    }
                }
                if (_writer.Overflowed)
                {
                    _rejected++;
                    return EventId.None;
                }
                return AppendPrepared(type, _writer.Length, flags);
            }
        }

        /// <summary>Appends an event with raw payload bytes; returns its id, or <see cref="EventId.None"/> when dropped.</summary>
        public long Append(EventType type, byte[] payload, int offset, int count, int flags)
        {
            lock (_sync)
            {
                if (count < 0 || count > _options.MaxPayloadBytes || (count > 0 && (payload == null || offset < 0 || offset + count > payload.Length)))
                {
                    _rejected++;
                    return EventId.None;
                }
                if (count > 0)
                {
                    Array.Copy(payload, offset, _record, RecordFormat.MaxHeaderLength, count);
                }
                return AppendPrepared(type, count, flags);
            }
        }

        /// <summary>Makes every append so far durable (only needed with CommitEachAppend = false).</summary>
        public bool Commit()
        {
            lock (_sync)
            {
                if (!_opened)
                {
                    return false;
                }
                try
                {
                    _segments.Commit();
                    return true;
                }
                catch (Exception)
                {
                    MarkBroken();
                    return false;
                }
            }
        }

        /// <summary>
        /// Fills <paramref name="into"/> with the records after <paramref name="afterId"/>, oldest first: at most
        /// into.Length records and <paramref name="maxBytes"/> stored bytes (at least one record when any exists).
        /// Does not move the cursor. Returns the number filled.
        /// </summary>
        public int Read(long afterId, JournalRecord[] into, int maxBytes)
        {
            lock (_sync)
            {
                if (into == null || into.Length == 0 || (!_opened && !Recover()))
                {
                    return 0;
                }
                try
                {
                    return _segments.Read(afterId, into, maxBytes);
                }
                catch (Exception)
                {
                    _writeFailures++;
                    MarkBroken();
                    return 0;
                }
            }
        }

        /// <summary>
        /// Cumulative acknowledgement: everything with id &lt;= <paramref name="upToId"/> reached the server. Persists the
        /// cursor, then deletes segments that hold only acknowledged records. An ack at or below the cursor changes
        /// nothing; one beyond <see cref="LastId"/> is clamped to it and returns false.
        /// </summary>
        public bool Acknowledge(long upToId)
        {
            lock (_sync)
            {
                if (!_opened && !Recover())
                {
                    return false;
                }
                bool clamped = upToId > _lastId;
                if (clamped)
                {
                    upToId = _lastId;
                }
                long previous = _state.AckedId;
                if (upToId <= previous)
                {
                    return !clamped;
                }
                try
                {
                    int acknowledged = _segments.CountInRange(previous, upToId);
                    _state.AckedId = upToId;
                    _state.Save();
                    _depth -= acknowledged;
                    _segments.Reclaim(upToId);
                }
                catch (Exception)
                {
                    _writeFailures++;
                    MarkBroken();
                    return false;
                }
                return !clamped;
            }
        }

        // ---- append path ----

        private long AppendPrepared(EventType type, int payloadLength, int flags)
        {
            if (!_opened && !Recover())
            {
                _writeFailures++;
                return EventId.None;
            }
            try
            {
                if (OverflowEpisode.IsOpen(_state))
                {
                    // Space came back after an overflow: tell the server how many events were lost before the next one.
                    if (!_segments.MakeRoom(2 * RecordFormat.MaxOverhead + payloadLength + OverflowEpisode.PayloadBytes, true, _state.AckedId,
                        EventId.Compose(_state.BootCounter, _sequence), UtcMilliseconds(), _clock.UptimeMilliseconds) || !WriteOverflowRecord(true))
                    {
                        return Drop();
                    }
                    OverflowEpisode.End(_state);
                }
                long id = WriteRecord(RecordFormat.MaxHeaderLength, payloadLength, type, flags, true);
                return id != EventId.None ? id : Drop();
            }
            catch (Exception)
            {
                _writeFailures++;
                MarkBroken();
                return EventId.None;
            }
        }

        /// <summary>Journal full of unacknowledged events: keep deciding, count the loss, tell the server once.</summary>
        private long Drop()
        {
            if (OverflowEpisode.CountDrop(_state))
            {
                WriteOverflowRecord(false);
            }
            return EventId.None;
        }

        private bool WriteOverflowRecord(bool ended)
        {
            int payloadAt = _record.Length - RecordFormat.CrcLength - OverflowEpisode.PayloadBytes;
            int length = OverflowEpisode.Encode(_state, _overflow, ended, _writer, _record, payloadAt);
            // The "started" record may use the reserve held back in the last segment; that is what it is for.
            return WriteRecord(payloadAt, length, EventType.JournalOverflow, RecordFlags.None, ended) != EventId.None;
        }

        /// <summary>Appends the payload at _record[payloadAt ..] as a record with the next id; EventId.None when there is no room.</summary>
        private long WriteRecord(int payloadAt, int payloadLength, EventType type, int flags, bool keepReserve)
        {
            if (_sequence == uint.MaxValue)
            {
                // A new id epoch: same rule as a reboot, persisted before the id is used.
                _state.BootCounter++;
                _state.Save();
                _sequence = 0;
            }
            long id = EventId.Compose(_state.BootCounter, _sequence + 1);
            long utcMs = UtcMilliseconds();
            long uptimeMs = _clock.UptimeMilliseconds;
            int allFlags = (flags | (_clockUncertain ? RecordFlags.ClockUncertain : 0)) & 0xFF;
            if (!_segments.Append(_record, payloadAt, payloadLength, type, allFlags, id, utcMs, uptimeMs, keepReserve, _state.AckedId,
                EventId.Compose(_state.BootCounter, _sequence), _options.CommitEachAppend))
            {
                return EventId.None;
            }
            _sequence++;
            _lastId = id;
            _depth++;
            return id;
        }

        private long UtcMilliseconds()
        {
            return (_clock.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        }

        // ---- recovery ----

        private bool Recover()
        {
            CloseQuietly();
            _opened = false;
            try
            {
                _state.Load();
                JournalRecovery recovery = _segments.Load();
                _corruptSkipped += recovery.CorruptSkipped + recovery.Unreadable;
                _truncatedBytes += recovery.TornBytes;
                long maxId = recovery.MaxId;
                uint boot = _state.BootCounter;
                if (EventId.BootOf(maxId) > boot)
                {
                    boot = EventId.BootOf(maxId);
                }
                // Persist the new boot counter before any id of this boot exists: ids can then never repeat.
                _state.BootCounter = boot + 1;
                _state.Save();
                _sequence = 0;
                _lastId = maxId;
                _segments.Reclaim(_state.AckedId);
                _depth = _segments.CountInRange(_state.AckedId, long.MaxValue);
                _recoveredRecords = _depth;
                _opened = true;
                return true;
            }
            catch (Exception)
            {
                _writeFailures++;
                CloseQuietly();
                return false;
            }
        }

        private void MarkBroken()
        {
            CloseQuietly();
            _opened = false;
        }

        private void CloseQuietly()
        {
            try
            {
                _segments.Close();
            }
            catch (Exception)
            {
                _writeFailures++;
            }
        }
    }
}
