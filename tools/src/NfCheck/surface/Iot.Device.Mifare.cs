// Assembly Iot.Device.Mifare of nanoFramework.Iot.Device.Card 1.2.937 - section 20 of nanoframework-api.md
// (namespace Iot.Device.Card.Mifare). Only the members the data file lists; the sector-trailer helpers are omitted.

namespace Iot.Device.Card.Mifare
{
    using System;

    public class MifareCard
    {
        public extern MifareCard(CardTransceiver rfid, byte target);
        public static extern SpanByte DefaultKeyA { get; }
        public static extern SpanByte DefaultKeyB { get; }
        public extern byte Target { get; set; }
        public extern MifareCardCommand Command { get; set; }
        public extern byte[] KeyA { get; set; }
        public extern byte[] KeyB { get; set; }
        public extern byte[] SerialNumber { get; set; }
        public extern MifareCardCapacity Capacity { get; set; }
        public extern byte BlockNumber { get; set; }
        public extern byte[] Data { get; set; }
        public extern int RunMifareCardCommand();
        public extern bool ReselectCard();
        public extern void SetCapacity(ushort ATQA, byte SAK);
        public extern bool WriteDataBlock(byte block);
        public extern byte GetNumberBlocks(byte sectorNumber);
        public extern int GetNumberBlocks();
        public extern int GetNumberSectors();
        public extern bool IsSectorBlock(byte blockNumber);
        public static extern byte BlockNumberToBlockGroup(byte blockNumber);
        public static extern byte BlockNumberToSector(byte blockNumber);
        public static extern byte SectorToBlockNumber(byte sector, byte group = 0);
    }

    public enum MifareCardCommand
    {
        AuthenticationA = 0x60,
        AuthenticationB = 0x61,
        Read16Bytes = 0x30,
        Write16Bytes = 0xA0,
        Write4Bytes = 0xA2,
        Incrementation = 0xC1,
        Decrementation = 0xC0,
        Transfer = 0xB0,
        Restore = 0xC2,
    }

    public enum MifareCardCapacity
    {
        Unknown,
        Mifare300,
        Mifare1K,
        Mifare2K,
        Mifare4K,
    }
}
