// nanoFramework.Device.Bluetooth 1.1.123 - section 16 of nanoframework-api.md (scanning subset; namespaces
// nanoFramework.Device.Bluetooth and nanoFramework.Device.Bluetooth.Advertisement: the watcher and its status are in
// the first, as in the v1.1.123 sources). Needs a BLE firmware image.
// The GATT server/client, pairing and Nordic SPP parts of the package are not listed, so not declared.

namespace nanoFramework.Device.Bluetooth
{
    using System;
    using nanoFramework.Device.Bluetooth.Advertisement;

    public class BluetoothLEAdvertisementWatcher
    {
        public delegate void BluetoothLEAdvertisementReceivedHandler(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args);

        public delegate void BluetoothLEAdvertisementStoppedEvenHandler(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementWatcherStoppedEventArgs args);

        public extern BluetoothLEAdvertisementWatcher();
        public extern BluetoothLEAdvertisementWatcher(BluetoothLEAdvertisementFilter advertisementFilter);
        public extern void Start();
        public extern void Stop();
        public extern BluetoothSignalStrengthFilter SignalStrengthFilter { get; set; }
        public extern BluetoothLEScanningMode ScanningMode { get; set; }
        public extern BluetoothLEAdvertisementFilter AdvertisementFilter { get; set; }
        public extern BluetoothLEAdvertisementWatcherStatus Status { get; }
        public extern event BluetoothLEAdvertisementReceivedHandler Received;
        public extern event BluetoothLEAdvertisementStoppedEvenHandler Stopped;
    }


    public enum BluetoothLEAdvertisementWatcherStatus
    {
        Created = 0,
        Started = 1,
        Stopping = 2,
        Stopped = 3,
        Aborted = 4,
    }


    public class Buffer
    {
        public extern Buffer(uint capacity);
        public extern Buffer(byte[] array);
        public extern uint Capacity { get; }
        public extern uint Length { get; set; }
        public extern void EnsureCapacity(uint newCapacity);
    }

    public class BluetoothSignalStrengthFilter
    {
        public extern BluetoothSignalStrengthFilter();
        public extern TimeSpan OutOfRangeTimeout { get; set; }
        public extern short OutOfRangeThresholdInDBm { get; set; }
        public extern short InRangeThresholdInDBm { get; set; }
    }

    public enum BluetoothAddressType
    {
        Public,
        Random,
        Unspecified,
    }

    // Named by BluetoothLEAdvertisementWatcherStoppedEventArgs.Error; values not listed in the data file.
    public enum BluetoothError
    {
    }

    public class DataReader
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern DataReader();
        public static extern DataReader FromBuffer(Buffer buffer);
        public extern uint UnconsumedBufferLength { get; }
        public extern byte ReadByte();
        public extern void ReadBytes(byte[] value);
        public extern short ReadInt16();
        public extern ushort ReadUInt16();
        public extern int ReadInt32();
        public extern uint ReadUInt32();
        public extern long ReadInt64();
        public extern ulong ReadUInt64();
        public extern float ReadSingle();
        public extern double ReadDouble();
        public extern bool ReadBoolean();
        public extern Guid ReadGuid();
        public extern Guid ReadUuid();
        public extern string ReadString(uint codeUnitCount);
        public extern Buffer ReadBuffer(uint length);
        public extern DateTime ReadDateTime();
        public extern TimeSpan ReadTimeSpan();
    }

    // "The write counterpart" of DataReader; its members are not listed in the data file.
    public class DataWriter
    {
        private extern DataWriter();
    }
}

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    using System;
    using System.Collections;

    public class BluetoothLEAdvertisementReceivedEventArgs
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern BluetoothLEAdvertisementReceivedEventArgs();
        public extern BluetoothLEAdvertisement Advertisement { get; }
        public extern BluetoothLEAdvertisementType AdvertisementType { get; }
        public extern ulong BluetoothAddress { get; }
        public extern BluetoothAddressType BluetoothAddressType { get; }
        public extern short RawSignalStrengthInDBm { get; }
        public extern DateTime Timestamp { get; }
    }

    public class BluetoothLEAdvertisementWatcherStoppedEventArgs
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern BluetoothLEAdvertisementWatcherStoppedEventArgs();
        public extern BluetoothError Error { get; }
    }

    public class BluetoothLEAdvertisement
    {
        public extern BluetoothLEAdvertisement();
        public extern ArrayList DataSections { get; }
        public extern string LocalName { get; set; }
        public extern BluetoothLEAdvertisementFlags Flags { get; set; }
        public extern ArrayList ManufacturerData { get; }
        public extern Guid[] ServiceUuids { get; }
        public extern ArrayList GetSectionsByType(byte type);
        public extern ArrayList GetManufacturerDataByCompanyId(ushort companyId);
    }

    // Named by BluetoothLEAdvertisement.Flags; values not listed in the data file.
    [Flags]
    public enum BluetoothLEAdvertisementFlags
    {
    }

    public enum BluetoothLEAdvertisementType
    {
        ConnectableUndirected = 0,
        ConnectableDirected = 1,
        ScannableUndirected = 2,
        NonConnectableUndirected = 3,
        ScanResponse = 4,
    }

    public class BluetoothLEManufacturerData
    {
        public extern BluetoothLEManufacturerData();
        public extern BluetoothLEManufacturerData(ushort companyId, Buffer data);
        public extern Buffer Data { get; set; }
        public extern ushort CompanyId { get; set; }
    }

    public enum BluetoothLEScanningMode
    {
        Passive = 0,
        Active = 1,
    }

    public class BluetoothLEAdvertisementFilter
    {
        public extern BluetoothLEAdvertisementFilter();
        public extern BluetoothLEAdvertisement Advertisement { get; set; }
        public extern ArrayList BytePatterns { get; }
    }

    public class BluetoothLEAdvertisementDataSection
    {
        public extern BluetoothLEAdvertisementDataSection();
        public extern BluetoothLEAdvertisementDataSection(byte dataType, Buffer data);
        public extern byte DataType { get; set; }
        public extern Buffer Data { get; set; }
    }
}
