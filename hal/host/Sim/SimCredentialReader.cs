using System;
using DoorController.Hal;

namespace DoorController.Hal.Host.Sim
{
    /// <summary>
    /// A simulated reader of any kind (NFC pad, QR scanner, keypad, BLE radio): the test or the virtual controller
    /// "presents" something and it arrives at the sink exactly as from a device binding. Reads before
    /// <see cref="Start"/> or after <see cref="Stop"/> are lost, like on hardware.
    /// </summary>
    public sealed class SimCredentialReader : ICredentialReader
    {
        private readonly int _readerId;
        private volatile ICredentialSink _sink;

        public SimCredentialReader(int readerId, bool present = true)
        {
            _readerId = readerId;
            Present = present;
        }

        /// <summary>False simulates a reader that is not connected (Start reports it).</summary>
        public bool Present { get; set; }

        public int Polls { get; private set; }

        public bool Start(ICredentialSink sink)
        {
            if (!Present)
            {
                return false;
            }
            _sink = sink;
            return true;
        }

        public void Poll()
        {
            Polls++;
        }

        public void Stop()
        {
            _sink = null;
        }

        public bool PresentCard(byte[] uid)
        {
            ICredentialSink sink = _sink;
            sink?.OnCardUid(_readerId, uid, uid.Length);
            return sink != null;
        }

        public bool Scan(string text)
        {
            ICredentialSink sink = _sink;
            sink?.OnText(_readerId, text);
            return sink != null;
        }

        public bool PressKeys(string keys)
        {
            ICredentialSink sink = _sink;
            if (sink == null)
            {
                return false;
            }
            foreach (char key in keys)
            {
                sink.OnKey(_readerId, key);
            }
            return true;
        }

        public bool Advertise(ushort companyId, byte[] data, int rssiDbm)
        {
            ICredentialSink sink = _sink;
            sink?.OnAdvertisement(_readerId, companyId, data, rssiDbm);
            return sink != null;
        }
    }
}
