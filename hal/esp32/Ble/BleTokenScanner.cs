using System;
using DoorController.Hal;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace DoorController.Esp32.Ble
{
    /// <summary>
    /// Passive BLE scan for phone credentials. Only the manufacturer-specific data of the configured company id is
    /// passed on, with the signal strength; the advertiser address is deliberately never forwarded (it is not a
    /// credential). Needs a BLE-enabled firmware image (ESP32_BLE_REV0/REV3 ..., see docs/wiring.md).
    /// </summary>
    public sealed class BleTokenScanner : ICredentialReader
    {
        private readonly int _readerId;
        private readonly ushort _companyId;
        private BluetoothLEAdvertisementWatcher _watcher;
        private ICredentialSink _sink;

        public BleTokenScanner(int readerId, ushort companyId)
        {
            _readerId = readerId;
            _companyId = companyId;
        }

        public bool Start(ICredentialSink sink)
        {
            try
            {
                _sink = sink;
                _watcher = new BluetoothLEAdvertisementWatcher();
                _watcher.ScanningMode = BluetoothLEScanningMode.Passive;
                _watcher.Received += OnReceived;
                _watcher.Start();
                return true;
            }
            catch (Exception)
            {
                // No Bluetooth in this firmware image, or the radio failed to start.
                _sink = null;
                return false;
            }
        }

        public void Poll()
        {
            // Event driven.
        }

        public void Stop()
        {
            _sink = null;
            BluetoothLEAdvertisementWatcher watcher = _watcher;
            _watcher = null;
            if (watcher != null)
            {
                watcher.Received -= OnReceived;
                watcher.Stop();
            }
        }

        private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
        {
            ICredentialSink sink = _sink;
            if (sink == null)
            {
                return;
            }
            try
            {
                var sections = args.Advertisement.GetManufacturerDataByCompanyId(_companyId);
                if (sections == null)
                {
                    return;
                }
                for (int i = 0; i < sections.Count; i++)
                {
                    BluetoothLEManufacturerData section = (BluetoothLEManufacturerData)sections[i];
                    var reader = DataReader.FromBuffer(section.Data);
                    byte[] data = new byte[reader.UnconsumedBufferLength];
                    reader.ReadBytes(data);
                    sink.OnAdvertisement(_readerId, section.CompanyId, data, args.RawSignalStrengthInDBm);
                }
            }
            catch (Exception)
            {
                // One unreadable advertisement must not stop the watcher's thread.
            }
        }
    }
}
