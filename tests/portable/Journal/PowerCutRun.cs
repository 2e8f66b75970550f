using System;
using System.Collections;
using DoorController.Core;
using DoorController.Journal;
using DoorController.Contract;
using DoorController.Tests.Support;

namespace DoorController.Tests.Journal
{
    /// <summary>
    /// The bookkeeping behind <see cref="JournalPowerCutTests"/>: drives a journal on a <see cref="SimulatedFlashStore"/>
    /// through boots, appends (flushed each or in batches), link-style read+ack and power cuts, and after each recovery
    /// compares what the journal replays with what it promised.
    /// </summary>
    public sealed class PowerCutRun
    {
        private const int MaxBudgetBytes = 2500;
        private const int MaxOpsPerBoot = 1000;
        private const int MaxPayload = 48;
        private static readonly int[] AckShares = new int[] { 0, 5, 15, 30 };

        public readonly SimulatedFlashStore Store;
        private readonly Random _random;
        private readonly ManualClock _clock = JournalTestKit.NewClock();
        private readonly ObjectMap _confirmed = new ObjectMap();   // id -> byte[] { type, payload... }
        private readonly ArrayList _inFlight = new ArrayList();    // byte[] entries appended but not yet promised
        private readonly ArrayList _batchIds = new ArrayList();
        private readonly ArrayList _batchEntries = new ArrayList();
        private readonly JournalRecord[] _batch = new JournalRecord[16];
        private long _ackedModel;
        private long _ackInFlight;
        private long _maxIdEver;

        public int CutsDone;
        public int CutsDuringRecovery;
        public long EventsChecked;
        public int Lost;
        public int CorruptAccepted;
        public int Duplicates;
        public int CursorErrors;
        public int IdErrors;
        public int DepthErrors;
        public int OpenFailures;
        public int AppendsReturned;
        public int DroppedFull;
        public int OverflowRecords;
        public int AppendsAfterFinalRecovery;

        public PowerCutRun(int seed)
        {
            _random = new Random(seed);
            Store = new SimulatedFlashStore(seed + 1);
        }

        public static JournalOptions Options(bool batched)
        {
            JournalOptions options = new JournalOptions();
            options.SegmentBytes = 1024;
            options.MaxSegments = 6;
            options.MaxPayloadBytes = MaxPayload;
            options.OverflowReserveBytes = 128;
            options.CommitEachAppend = !batched;
            return options;
        }

        public void Execute(int cuts)
        {
            while (CutsDone < cuts)
            {
                Boot(true);
            }
            Boot(false);
        }

        private void Boot(bool withCut)
        {
            _clock.Reboot();
            Store.CutAfterBytes = withCut ? 1 + _random.Next(MaxBudgetBytes) : -1;
            bool batched = withCut && _random.Next(4) == 0;
            EventJournal journal = new EventJournal(Store, _clock, Options(batched));
            bool opened = journal.Open();
            if (Store.PoweredOff)
            {
                CutsDuringRecovery++;
                Cut();
                return;
            }
            if (!opened)
            {
                OpenFailures++;
                Cut();
                return;
            }
            Verify(journal);
            if (!withCut)
            {
                FinalChecks(journal);
                return;
            }
            Workload(journal, batched);
            Cut();
        }

        private void Cut()
        {
            CutsDone++;
            Store.PoweredOff = true;
            Store.PowerCycle();
        }

        private void Workload(EventJournal journal, bool batched)
        {
            int ackShare = AckShares[_random.Next(AckShares.Length)];
            int flushEvery = 1 + _random.Next(6);
            for (int op = 0; op < MaxOpsPerBoot && !Store.PoweredOff; op++)
            {
                int roll = _random.Next(100);
                if (roll < ackShare)
                {
                    AckLikeTheLink(journal);
                }
                else
                {
                    AppendOne(journal, batched);
                    if (batched && _batchIds.Count >= flushEvery && journal.Commit() && !Store.PoweredOff)
                    {
                        for (int i = 0; i < _batchIds.Count; i++)
                        {
                            Promise((long)_batchIds[i], (byte[])_batchEntries[i]);
                        }
                        _batchIds.Clear();
                        _batchEntries.Clear();
                    }
                }
            }
            _batchIds.Clear();
            _batchEntries.Clear();
        }

        private void AppendOne(EventJournal journal, bool batched)
        {
            int length = _random.Next(MaxPayload + 1);
            byte[] entry = new byte[length + 1];
            entry[0] = (byte)(1 + _random.Next(8));
            for (int i = 1; i < entry.Length; i++)
            {
                entry[i] = (byte)_random.Next(256);
            }
            _inFlight.Add(entry);
            long id = journal.Append((EventType)entry[0], entry, 1, length, RecordFlags.None);
            if (Store.PoweredOff)
            {
                return;
            }
            if (id == EventId.None)
            {
                DroppedFull++;
                _inFlight.Remove(entry);
                return;
            }
            if (id <= _maxIdEver)
            {
                IdErrors++;
            }
            _maxIdEver = id;
            if (batched)
            {
                _batchIds.Add(id);
                _batchEntries.Add(entry);
            }
            else
            {
                Promise(id, entry);
            }
        }

        private void Promise(long id, byte[] entry)
        {
            _confirmed[id] = entry;
            _inFlight.Remove(entry);
            AppendsReturned++;
        }

        private void AckLikeTheLink(EventJournal journal)
        {
            int n = journal.Read(journal.AckedId, _batch, 600);
            if (n == 0 || Store.PoweredOff)
            {
                return;
            }
            long upTo = _batch[_random.Next(2) == 0 ? n - 1 : _random.Next(n)].Id;
            _ackInFlight = upTo;
            bool acknowledged = journal.Acknowledge(upTo);
            if (Store.PoweredOff)
            {
                return;
            }
            if (acknowledged)
            {
                _ackedModel = upTo;
            }
            _ackInFlight = 0;
        }

        /// <summary>After a recovery: replay everything after the cursor and compare with the promises.</summary>
        private void Verify(EventJournal journal)
        {
            long acked = journal.AckedId;
            if (acked < _ackedModel || (acked > _ackedModel && acked != _ackInFlight))
            {
                CursorErrors++;
            }
            _ackedModel = acked;
            _ackInFlight = 0;
            ObjectMap seen = new ObjectMap();
            long after = acked;
            int replayed = 0;
            while (true)
            {
                int n = journal.Read(after, _batch, 1 << 20);
                if (n == 0)
                {
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    JournalRecord record = _batch[i];
                    if (record.Id <= after)
                    {
                        Duplicates++;
                        continue;
                    }
                    after = record.Id;
                    replayed++;
                    if (record.Id > _maxIdEver)
                    {
                        _maxIdEver = record.Id;
                    }
                    if (Accept(record))
                    {
                        seen[record.Id] = true;
                    }
                    else
                    {
                        CorruptAccepted++;
                    }
                }
            }
            if (replayed != journal.Depth)
            {
                DepthErrors++;
            }
            ArrayList forget = new ArrayList();
            foreach (object key in _confirmed.Keys())
            {
                long id = (long)key;
                if (id <= acked)
                {
                    forget.Add(key);
                }
                else if (!seen.Contains(key))
                {
                    Lost++;
                    forget.Add(key);
                }
            }
            for (int i = 0; i < forget.Count; i++)
            {
                _confirmed.Remove(forget[i]);
            }
            _inFlight.Clear();
        }

        private bool Accept(JournalRecord record)
        {
            byte[] expected = (byte[])_confirmed[record.Id];
            if (expected != null)
            {
                EventsChecked++;
                return Matches(expected, record);
            }
            if (record.Type == EventType.JournalOverflow)
            {
                JournalOverflowEvent overflow = new JournalOverflowEvent();
                if (!overflow.TryDecode(record.Payload, 0, record.PayloadLength) || overflow.Dropped < 1)
                {
                    return false;
                }
                OverflowRecords++;
                _confirmed[record.Id] = Entry(record);
                return true;
            }
            for (int i = 0; i < _inFlight.Count; i++)
            {
                if (Matches((byte[])_inFlight[i], record))
                {
                    // An append cut before it returned, found whole on flash: it now counts like any other.
                    _confirmed[record.Id] = _inFlight[i];
                    _inFlight.RemoveAt(i);
                    return true;
                }
            }
            return false;
        }

        private void FinalChecks(EventJournal journal)
        {
            int n;
            while ((n = journal.Read(journal.AckedId, _batch, 1 << 20)) > 0)
            {
                journal.Acknowledge(_batch[n - 1].Id);
            }
            _ackedModel = journal.AckedId;
            for (int i = 0; i < 20; i++)
            {
                byte[] entry = new byte[] { (byte)EventType.Tamper, (byte)i };
                long id = journal.Append(EventType.Tamper, entry, 1, 1, RecordFlags.None);
                if (id > _maxIdEver)
                {
                    _maxIdEver = id;
                    Promise(id, entry);
                    AppendsAfterFinalRecovery++;
                }
                else
                {
                    IdErrors++;
                }
            }
            journal.Close();
            EventJournal reopened = new EventJournal(Store, _clock, Options(false));
            reopened.Open();
            Verify(reopened);
        }

        private static byte[] Entry(JournalRecord record)
        {
            byte[] entry = new byte[record.PayloadLength + 1];
            entry[0] = (byte)record.Type;
            Array.Copy(record.Payload, 0, entry, 1, record.PayloadLength);
            return entry;
        }

        private static bool Matches(byte[] entry, JournalRecord record)
        {
            if (entry[0] != (byte)record.Type || entry.Length - 1 != record.PayloadLength)
            {
                return false;
            }
            for (int i = 0; i < record.PayloadLength; i++)
            {
                if (entry[i + 1] != record.Payload[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
