using DoorController.Hal;

namespace DoorController.Tests.Readers
{
    /// <summary>
    /// An NFC chip on a fake bus: a card can be laid on the pad or taken away, the bus can fail, and a halting chip
    /// (MFRC522) answers only the first look at a card until it leaves the field, as a halted ISO 14443-A card does.
    /// </summary>
    public sealed class FakeNfcChip : INfcFrontEnd
    {
        private readonly bool _halts;
        private byte[] _card;
        private bool _halted;

        public FakeNfcChip(bool halts)
        {
            _halts = halts;
        }

        public bool BusBroken;
        public int Looks;

        public void Lay(byte[] uid)
        {
            _card = uid;
            _halted = false;
        }

        public void Remove()
        {
            _card = null;
            _halted = false;
        }

        public int ReadUid(byte[] uid)
        {
            Looks++;
            if (BusBroken)
            {
                return -1;
            }
            if (_card == null || _halted)
            {
                return 0;
            }
            System.Array.Copy(_card, uid, _card.Length);
            _halted = _halts;
            return _card.Length;
        }
    }
}
