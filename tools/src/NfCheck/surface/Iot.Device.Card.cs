// Assembly Iot.Device.Card of nanoFramework.Iot.Device.Card 1.2.937 (main @ 2026-01-08) - section 20 of
// nanoframework-api.md. The package also ships Iot.Device.Mifare, Iot.Device.Ndef and Iot.Device.Ultralight.
// Namespaces as in the binding sources: Iot.Device.Card (CardTransceiver) and Iot.Device.Rfid (Data106kbpsTypeA).

namespace Iot.Device.Card
{
    using System;

    public abstract class CardTransceiver
    {
        public abstract int Transceive(byte targetNumber, SpanByte dataToSend, SpanByte dataFromCard);
        public abstract bool ReselectTarget(byte targetNumber);
    }
}

namespace Iot.Device.Rfid
{
    public class Data106kbpsTypeA
    {
        public extern Data106kbpsTypeA(byte targetNumber, ushort atqa, byte sak, byte[] nfcId, byte[] ats);
        public extern byte TargetNumber { get; set; }
        public extern ushort Atqa { get; set; }
        public extern byte Sak { get; set; }
        public extern byte[] NfcId { get; set; }
        public extern byte[] Ats { get; set; }
    }
}
