using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>
    /// An NFC reader polled from the main loop: each <see cref="Poll"/> asks the chip (<see cref="INfcFrontEnd"/>) for
    /// one card and hands a new UID to the sink once per presentation. A card left on the pad is not reported again;
    /// it counts as gone after <see cref="EmptyPollsToForget"/> polls without an answer, or at once after a bus error.
    /// The count differs by chip: a PN532 releases the card, which answers every poll while it lies there (1); an
    /// MFRC522 halts it, so it stays silent on the pad and a single empty poll proves nothing (3).
    /// </summary>
    public sealed class NfcCardReader : ICredentialReader
    {
        public const int MaximumUidLength = 10;

        private readonly int _readerId;
        private readonly INfcFrontEnd _chip;
        private readonly int _emptyPollsToForget;
        private readonly byte[] _uid = new byte[MaximumUidLength];
        private readonly CardOnReader _card = new CardOnReader();
        private ICredentialSink _sink;
        private int _emptyPolls;

        /// <param name="chip">Null when the chip did not answer at start-up: the reader then reports itself absent.</param>
        public NfcCardReader(int readerId, INfcFrontEnd chip, int emptyPollsToForget)
        {
            _readerId = readerId;
            _chip = chip;
            _emptyPollsToForget = emptyPollsToForget < 1 ? 1 : emptyPollsToForget;
        }

        public int EmptyPollsToForget
        {
            get { return _emptyPollsToForget; }
        }

        /// <summary>Bus errors seen (a loose cable shows here before anyone complains).</summary>
        public int BusErrors { get; private set; }

        public bool Start(ICredentialSink sink)
        {
            if (_chip == null)
            {
                return false;
            }
            _sink = sink;
            return true;
        }

        public void Poll()
        {
            ICredentialSink sink = _sink;
            if (sink == null)
            {
                return;
            }
            int length = _chip.ReadUid(_uid);
            if (length < 0 || length > MaximumUidLength)
            {
                BusErrors++;
                _card.Forget();
                return;
            }
            if (length == 0)
            {
                if (++_emptyPolls >= _emptyPollsToForget)
                {
                    _card.Forget();
                }
                return;
            }
            _emptyPolls = 0;
            if (_card.IsNew(_uid, length))
            {
                byte[] uid = new byte[length];
                System.Array.Copy(_uid, uid, length);
                sink.OnCardUid(_readerId, uid, length);
            }
        }

        public void Stop()
        {
            _sink = null;
        }
    }
}
