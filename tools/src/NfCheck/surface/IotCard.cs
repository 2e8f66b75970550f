// nanoFramework.Iot.Device.Card (main @ 2026-01-08, version 1.2) - section 20 of nanoframework-api.md
// (assemblies Iot.Device.Card, Iot.Device.Mifare, Iot.Device.Ndef, Iot.Device.Ultralight; Ndef/Ultralight not listed).
// Namespaces as in the binding sources: Iot.Device.Card, Iot.Device.Rfid, Iot.Device.Card.Mifare.

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

namespace Iot.Device.Card.Mifare
{
    using System;

    // Settable as the data file's usage note requires (SerialNumber = card.NfcId, Command = AuthenticationB).
    public class MifareCard
    {
        public extern MifareCard(CardTransceiver rfid, byte target);
        public extern byte[] KeyA { get; set; }
        public extern byte[] KeyB { get; set; }
        public extern byte[] SerialNumber { get; set; }
        public extern MifareCardCapacity Capacity { get; set; }
        public extern byte BlockNumber { get; set; }
        public extern MifareCardCommand Command { get; set; }
        public extern byte[] Data { get; set; }
        public extern int RunMifareCardCommand();
        public extern bool ReselectCard();
        public static extern SpanByte DefaultKeyA { get; }
        public static extern SpanByte DefaultKeyB { get; }
    }

    // Only the commands the data file names; the numeric values are placeholders.
    public enum MifareCardCommand
    {
        AuthenticationB,
        Read16Bytes,
    }

    // Named by MifareCard.Capacity; values not listed in the data file.
    public enum MifareCardCapacity
    {
    }
}
