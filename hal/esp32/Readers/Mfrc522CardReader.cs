using System;
using DoorController.Hal;
using Iot.Device.Mfrc522;

namespace DoorController.Esp32.Readers
{
    /// <summary>
    /// MFRC522 NFC reader (SPI). The instance is built by the device entry point (its constructor needs an SpiDevice
    /// from nanoFramework.System.Device.Spi). Each <see cref="Poll"/> listens briefly for one ISO 14443-A card,
    /// halts it and reports its UID once per presentation.
    /// </summary>
    public sealed class Mfrc522CardReader : ICredentialReader
    {
        /// <summary>Listening window per poll: short, the main loop also runs the door.</summary>
        public const int ListenMilliseconds = 20;

        private readonly int _readerId;
        private readonly MfRc522 _mfrc522;
        private ICredentialSink _sink;
        private readonly CardOnReader _card = new CardOnReader();
        private int _emptyPolls;

        public Mfrc522CardReader(int readerId, MfRc522 mfrc522)
        {
            _readerId = readerId;
            _mfrc522 = mfrc522;
        }

        public bool Start(ICredentialSink sink)
        {
            _sink = sink;
            return _mfrc522 != null;
        }

        public void Poll()
        {
            ICredentialSink sink = _sink;
            if (sink == null)
            {
                return;
            }
            try
            {
                if (!_mfrc522.ListenToCardIso14443TypeA(out var card, TimeSpan.FromMilliseconds(ListenMilliseconds)) || card == null || card.NfcId == null)
                {
                    // A halted card does not answer again while it stays in the field, so a few empty polls in a
                    // row mean it was taken away and may be reported again next time.
                    if (++_emptyPolls >= 3)
                    {
                        _card.Forget();
                    }
                    return;
                }
                _emptyPolls = 0;
                _mfrc522.Halt();
                if (!_card.IsNew(card.NfcId))
                {
                    return;
                }
                sink.OnCardUid(_readerId, card.NfcId, card.NfcId.Length);
            }
            catch (Exception)
            {
                _card.Forget();
            }
        }

        public void Stop()
        {
            _sink = null;
        }
    }
}
