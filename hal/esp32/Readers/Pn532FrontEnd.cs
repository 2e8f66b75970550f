using System;
using DoorController.Hal;
using Iot.Device.Pn532;
using Iot.Device.Pn532.ListPassive;

namespace DoorController.Esp32.Readers
{
    /// <summary>
    /// A PN532 (over HSU, I2C or SPI: the binding hides the bus) asked for one ISO 14443-A target per call. The
    /// target is released after its UID is read, so a card left on the pad answers the next poll again (the reader
    /// above reports it once). Built by <see cref="NfcReaderFactory"/>.
    /// </summary>
    public sealed class Pn532FrontEnd : INfcFrontEnd
    {
        private readonly Pn532 _pn532;

        public Pn532FrontEnd(Pn532 pn532)
        {
            _pn532 = pn532;
        }

        public int ReadUid(byte[] uid)
        {
            try
            {
                byte[] response = _pn532.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
                if (response == null || response.Length < 2)
                {
                    return 0;
                }
                // The first byte is the number of targets found; the target data follows.
                var card = _pn532.TryDecode106kbpsTypeA(new SpanByte(response, 1, response.Length - 1));
                if (card == null || card.NfcId == null || card.NfcId.Length > uid.Length)
                {
                    return -1;
                }
                _pn532.ReleaseTarget(card.TargetNumber);
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
