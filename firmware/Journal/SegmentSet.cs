using System;
using System.IO;
using DoorController.Contract;
using DoorController.Hal;

namespace DoorController.Journal
{
    /// <summary>
    /// The journal's segment files: which exist (oldest first), the last one that takes appends, room and reclaim
    /// decisions, and replay reads through one <see cref="SegmentImage"/>. Knows nothing of ids or policy;
    /// <see cref="EventJournal"/> does. Members throw on storage errors; the journal catches them.
    /// On LittleFS a write is durable only once its file is closed (the driver's Flush is fflush, never fsync), so the
    /// last segment is opened for an append and closed to commit it (<see cref="Commit"/>); between commits nothing is
    /// held open.
    /// </summary>
    public sealed class SegmentSet
    {
        private readonly IFileStore _store;
        private readonly JournalOptions _options;
        private readonly SegmentImage _image;
        private readonly SegmentTable _segments;
        // The last segment's header: what appends to it are sealed against.
        private readonly byte[] _header = new byte[SegmentHeader.Length];
        private Stream _active;

        // Where the last Read stopped, so the link reading record by record does not rescan the segment each time.
        private uint _resumeSegment;
        private int _resumePosition;
        private long _resumeId = -1;

        public SegmentSet(IFileStore store, JournalOptions options)
        {
            _store = store;
            _options = options;
            _image = new SegmentImage(options.MaxPayloadBytes);
            _segments = new SegmentTable(options.MaxSegments);
        }

        public int Count { get { return _segments.Count; } }

        public int UsedBytes
        {
            get
            {
                int total = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    total += _segments.Length(i);
                }
                return total;
            }
        }

        private int Last
        {
            get { return _segments.Count - 1; }
        }

        /// <summary>Forgets everything and scans the files again (see <see cref="JournalRecovery"/>).</summary>
        public JournalRecovery Load()
        {
            Close();
            _resumeId = -1;
            _segments.Clear();
            _image.Invalidate();
            JournalRecovery recovery = new JournalRecovery(_store, _options, _image);
            recovery.ScanAll(_segments);
            _header[0] = SegmentHeader.Invalid;
            int last = Last;
            if (last >= 0 && !_segments.Sealed(last))
            {
                _image.Load(_store, _options.FilePrefix, _segments.Number(last), _segments.Length(last), null);
                System.Array.Copy(_image.Header, _header, SegmentHeader.Length);
            }
            return recovery;
        }

        /// <summary>Drops the open segment after a failure (what it held uncommitted is not counted on).</summary>
        public void Close()
        {
            _image.Invalidate();
            if (_active != null)
            {
                Stream active = _active;
                _active = null;
                active.Dispose();
            }
        }

        /// <summary>Makes every append so far durable: closes the last segment, which commits it on LittleFS.</summary>
        public void Commit()
        {
            if (_active != null)
            {
                Stream active = _active;
                _active = null;
                active.Close();
            }
        }

        /// <summary>
        /// Ensures the last segment can take <paramref name="size"/> more bytes, rolling to a new segment while the
        /// segments take fewer than MaxSegments of today's size (after reclaiming acknowledged ones). With <paramref name="keepReserve"/> the last
        /// allowed segment keeps OverflowReserveBytes free for journal_overflow records. A new segment's header holds
        /// <paramref name="lastId"/> (the last id handed out in this boot) and the clocks now: its records are deltas.
        /// </summary>
        public bool MakeRoom(int size, bool keepReserve, long ackedId, long lastId, long utcMs, long uptimeMs)
        {
            int last = Last;
            if (last >= 0 && !_segments.Sealed(last) && _segments.Length(last) + size <= LimitOf(keepReserve))
            {
                return true;
            }
            if (SlotsUsed() >= _options.MaxSegments)
            {
                Reclaim(ackedId);
            }
            if (SlotsUsed() >= _options.MaxSegments)
            {
                return false;
            }
            Roll(last < 0 ? 1 : _segments.Number(last) + 1, ackedId, lastId, utcMs, uptimeMs);
            return SegmentHeader.Length + size <= LimitOf(keepReserve);
        }

        /// <summary>
        /// Seals the payload at <paramref name="record"/>[payloadAt ..] against the last segment's header, makes room for
        /// it (a new segment, if one is started, becomes its base: sealed again against that) and writes it at the end
        /// of the last segment; false when there is no room. With <paramref name="commit"/> the segment is closed before
        /// this returns, so the record is on flash.
        /// </summary>
        public bool Append(byte[] record, int payloadAt, int payloadLength, EventType type, int flags, long id, long utcMs, long uptimeMs,
            bool keepReserve, long ackedId, long lastIdOfBoot, bool commit)
        {
            int start;
            int size = RecordFormat.Seal(record, payloadAt, payloadLength, type, flags, id, utcMs, uptimeMs, _header, out start);
            if (!MakeRoom(size, keepReserve, ackedId, lastIdOfBoot, utcMs, uptimeMs))
            {
                return false;
            }
            size = RecordFormat.Seal(record, payloadAt, payloadLength, type, flags, id, utcMs, uptimeMs, _header, out start);
            int last = Last;
            if (_active == null)
            {
                _active = _store.Open(SegmentNames.Format(_options.FilePrefix, _segments.Number(last)), false);
            }
            _active.Seek(_segments.Length(last), SeekOrigin.Begin);
            _active.Write(record, start, size);
            if (commit)
            {
                Commit();
            }
            _image.Appended(_segments.Number(last), _segments.Length(last), record, start, size);
            _segments.Appended(last, size, id);
            return true;
        }

        /// <summary>Deletes segments holding only acknowledged (or no) records; never the last one nor an unreadable one.</summary>
        public void Reclaim(long ackedId)
        {
            int i = 0;
            while (i < _segments.Count - 1)
            {
                if (!_segments.Unreadable(i) && (_segments.Records(i) == 0 || _segments.LastId(i) <= ackedId))
                {
                    uint number = _segments.Number(i);
                    _image.Forget(number);
                    _segments.RemoveAt(i);
                    try
                    {
                        _store.Delete(SegmentNames.Format(_options.FilePrefix, number));
                    }
                    catch (Exception)
                    {
                        // Forgotten anyway: the next recovery finds the file again, sees it acknowledged and retries.
                    }
                }
                else
                {
                    i++;
                }
            }
        }

        /// <summary>Live records with <paramref name="low"/> &lt; id &lt;= <paramref name="high"/>.</summary>
        public int CountInRange(long low, long high)
        {
            return JournalCounting.CountInRange(_segments, _image, _store, _options.FilePrefix, _active, low, high);
        }

        /// <summary>Replay read: see <see cref="EventJournal.Read"/>.</summary>
        public int Read(long afterId, JournalRecord[] into, int maxBytes)
        {
            int count = 0;
            int bytes = 0;
            long last = afterId;
            for (int i = 0; i < _segments.Count; i++)
            {
                if (_segments.Records(i) == 0 || _segments.LastId(i) <= last)
                {
                    continue;
                }
                uint number = _segments.Number(i);
                _image.Load(_store, _options.FilePrefix, number, _segments.Length(i), i == Last ? _active : null);
                int position = 0;
                if (count == 0 && afterId == _resumeId && number == _resumeSegment && _resumePosition <= _image.Length)
                {
                    position = _resumePosition;
                }
                int start;
                int size;
                while (_image.Next(position, out start, out size))
                {
                    position = start + size;
                    long id = _image.IdOf(start, size);
                    if (id <= last)
                    {
                        continue;
                    }
                    if (count > 0 && bytes + size > maxBytes)
                    {
                        return count;
                    }
                    if (into[count] == null)
                    {
                        into[count] = new JournalRecord();
                    }
                    _image.Decode(start, size, into[count]);
                    count++;
                    bytes += size;
                    last = id;
                    _resumeSegment = number;
                    _resumePosition = position;
                    _resumeId = id;
                    if (count == into.Length)
                    {
                        return count;
                    }
                }
            }
            return count;
        }

        private int LimitOf(bool keepReserve)
        {
            return keepReserve && SlotsUsed() >= _options.MaxSegments
                ? _options.SegmentBytes - _options.OverflowReserveBytes
                : _options.SegmentBytes;
        }

        /// <summary>
        /// Segments counted in today's segment size: one written under an older plan with larger segments counts for
        /// every size it spans. After a firmware update shrinks the segments (a 4 MB board went from 7 x 8 KB to
        /// 13 x 4 KB), the old unacknowledged files then leave room only for what the plan has left, and the journal
        /// never takes more of the drive than MaxSegments x SegmentBytes, which the cache's share was sized around.
        /// </summary>
        private int SlotsUsed()
        {
            int slots = 0;
            int size = _options.SegmentBytes;
            for (int i = 0; i < _segments.Count; i++)
            {
                int length = _segments.Length(i);
                slots += length <= size ? 1 : (length + size - 1) / size;
            }
            return slots;
        }

        private void Roll(uint number, long ackedId, long lastId, long utcMs, long uptimeMs)
        {
            // With batched appends the old segment may hold uncommitted records: commit them before moving on.
            Commit();
            _image.Invalidate();
            _active = _store.Open(SegmentNames.Format(_options.FilePrefix, number), true);
            SegmentHeader.Start(_header, number, lastId, utcMs, uptimeMs);
            _active.Seek(0, SeekOrigin.Begin);
            _active.Write(_header, 0, _header.Length);
            _segments.Add(number, _header.Length);
            Reclaim(ackedId);
        }
    }
}
