using System;
using DoorController.Hal;
using Iot.Device.Mfrc522;

namespace DoorController.Esp32.Readers
{
    /// <summary>
    /// An MFRC522 on SPI asked for one ISO 14443-A card per call; the card read is halted so it stays silent while
    /// it lies on the pad. Built by <see cref="NfcReaderFactory"/>.
    /// </summary>
    public sealed class Mfrc522FrontEnd : INfcFrontEnd
    {
        /// <summary>
        /// Passed as the listen timeout. The binding's timeout test is inverted (nanoframework-api.md section 20): any
        /// positive value means one REQA attempt that returns at once when no card answers, while TimeSpan.Zero would
        /// loop until a card comes and freeze the main loop. So this must stay positive; its size does not matter.
        /// </summary>
        public const int SingleAttemptTimeoutMilliseconds = 20;

        private readonly MfRc522 _mfrc522;

        public Mfrc522FrontEnd(MfRc522 mfrc522)
        {
            _mfrc522 = mfrc522;
        }

        public int ReadUid(byte[] uid)
        {
            try
            {
                if (!_mfrc522.ListenToCardIso14443TypeA(out var card, TimeSpan.FromMilliseconds(SingleAttemptTimeoutMilliseconds)))
                {
                    return 0;
                }
                if (card == null || card.NfcId == null || card.NfcId.Length > uid.Length)
                {
                    return -1;
                }
                _mfrc522.Halt();
                Array.Copy(card.NfcId, uid, card.NfcId.Length);
                return card.NfcId.Length;
            }
            catch (Exception)
            {
                return -1;
            }
        }
    }
}
