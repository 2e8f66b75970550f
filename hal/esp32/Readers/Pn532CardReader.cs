using System;
using DoorController.Hal;
using Iot.Device.Pn532;
using Iot.Device.Pn532.ListPassive;
using nanoFramework.Hardware.Esp32;

namespace DoorController.Esp32.Readers
{
    /// <summary>
    /// PN532 NFC reader. Polled from the main loop: each <see cref="Poll"/> asks for one ISO 14443-A target and
    /// reports its UID; the same card left on the reader is reported once, not on every poll.
    /// Created over HSU (UART, both mode switches off) with <see cref="OverUart"/>; an SPI or I2C instance built by
    /// the entry point can be passed to the constructor instead.
    /// </summary>
    public sealed class Pn532CardReader : ICredentialReader
    {
        private readonly int _readerId;
        private readonly Pn532 _pn532;
        private ICredentialSink _sink;
        private readonly CardOnReader _card = new CardOnReader();

        public Pn532CardReader(int readerId, Pn532 pn532)
        {
            _readerId = readerId;
            _pn532 = pn532;
        }

        /// <summary>Maps <paramref name="rxPin"/>/<paramref name="txPin"/> to <paramref name="port"/> ("COM2") and opens the PN532 on it. Null if absent.</summary>
        public static Pn532CardReader OverUart(int readerId, string port, int rxPin, int txPin, DeviceFunction rxFunction, DeviceFunction txFunction)
        {
            try
            {
                Configuration.SetPinFunction(rxPin, rxFunction);
                Configuration.SetPinFunction(txPin, txFunction);
                return new Pn532CardReader(readerId, new Pn532(port));
            }
            catch (Exception)
            {
                return null; // the binding throws when no PN532 answers
            }
        }

        public bool Start(ICredentialSink sink)
        {
            _sink = sink;
            return _pn532 != null;
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
                byte[] response = _pn532.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
                if (response == null || response.Length < 2)
                {
                    _card.Forget();
                    return;
                }
                // The first byte is the number of targets found; the target data follows.
                var card = _pn532.TryDecode106kbpsTypeA(new SpanByte(response, 1, response.Length - 1));
                if (card == null || card.NfcId == null)
                {
                    return;
                }
                _pn532.ReleaseTarget(card.TargetNumber);
                if (!_card.IsNew(card.NfcId))
                {
                    return;
                }
                sink.OnCardUid(_readerId, card.NfcId, card.NfcId.Length);
            }
            catch (Exception)
            {
                _card.Forget(); // bus error: try again next poll
            }
        }

        public void Stop()
        {
            _sink = null;
        }
    }
}
