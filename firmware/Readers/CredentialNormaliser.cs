using System;
using DoorController.Hal;
using DoorController.Access;
using DoorController.Contract;

namespace DoorController.Readers
{
    /// <summary>
    /// The single entry for raw reads from every reader binding. Validates and normalises each read into a
    /// <see cref="CredentialInput"/> (accepted, or rejected with its reason) and queues it for the main loop;
    /// it never decides access and never throws back into a reader thread.
    /// BLE is special: phones advertise many times a second and every phone in range is heard, so weak, foreign and
    /// repeated advertisements are only counted, and a given BLE rejection is queued at most once per
    /// <see cref="BleRejectionQuietMilliseconds"/>.
    /// </summary>
    public sealed class CredentialNormaliser : ICredentialSink, IWiegandSink
    {
        public const int BleRejectionQuietMilliseconds = 10000;

        private readonly object _sync = new object();
        private readonly IClock _clock;
        private readonly CredentialQueue _queue;
        private readonly DirectionMap _directions;
        private readonly PinEntry _pin = new PinEntry();

        private uint _lastBleRejectedRef;
        private ReadOutcome _lastBleRejection = ReadOutcome.Accepted;
        private long _lastBleRejectionAt;

        public CredentialNormaliser(IClock clock, CredentialQueue queue, DirectionMap directions)
        {
            _clock = clock;
            _queue = queue;
            _directions = directions != null ? directions : new DirectionMap();
        }

        /// <summary>QR verifier; null = QR not configured (scans are refused as such).</summary>
        public QrTokenVerifier Qr { get; set; }

        /// <summary>BLE verifier; null = BLE not configured.</summary>
        public BleTokenVerifier Ble { get; set; }

        /// <summary>PIN rules (lengths, key timeout).</summary>
        public PinEntry Pin
        {
            get { return _pin; }
        }

        /// <summary>Advertisements dropped without queueing (weak, foreign, repeated).</summary>
        public int BleIgnored { get; private set; }

        /// <summary>Reads that threw inside verification (a bug or out of memory); they were refused.</summary>
        public int Faults { get; private set; }

        public void OnCardUid(int readerId, byte[] uid, int length)
        {
            byte[] value;
            ReadOutcome outcome = NfcUid.Validate(uid, length, out value);
            Enqueue(CredentialMethod.Nfc, value, readerId, outcome);
        }

        public void OnText(int readerId, string text)
        {
            try
            {
                VerifyText(readerId, text);
            }
            catch (Exception)
            {
                Faults++;
                Enqueue(CredentialMethod.Qr, null, readerId, ReadOutcome.Malformed);
            }
        }

        private void VerifyText(int readerId, string text)
        {
            QrTokenVerifier qr = Qr;
            if (qr == null)
            {
                Enqueue(CredentialMethod.Qr, null, readerId, ReadOutcome.NotConfigured);
                return;
            }
            uint userRef;
            ReadOutcome outcome = qr.Verify(text, out userRef);
            Enqueue(CredentialMethod.Qr, outcome == ReadOutcome.Accepted ? TokenKeys.UserRefBytes(userRef) : null, readerId, outcome);
        }

        public void OnKey(int readerId, char key)
        {
            ReadOutcome outcome;
            byte[] pin;
            bool ended;
            lock (_sync)
            {
                ended = _pin.OnKey(readerId, key, _clock.UptimeMilliseconds, out outcome, out pin);
            }
            if (ended)
            {
                Enqueue(CredentialMethod.Pin, pin, readerId, outcome);
            }
        }

        public void OnAdvertisement(int readerId, ushort companyId, byte[] data, int rssiDbm)
        {
            try
            {
                VerifyAdvertisement(readerId, companyId, data, rssiDbm);
            }
            catch (Exception)
            {
                Faults++;
            }
        }

        private void VerifyAdvertisement(int readerId, ushort companyId, byte[] data, int rssiDbm)
        {
            BleTokenVerifier ble = Ble;
            if (ble == null)
            {
                BleIgnored++;
                return;
            }
            uint userRef;
            Direction hint;
            ReadOutcome outcome = ble.Verify(companyId, data, rssiDbm, out userRef, out hint);
            if (outcome == ReadOutcome.Accepted)
            {
                Enqueue(CredentialMethod.Ble, TokenKeys.UserRefBytes(userRef), readerId, outcome, hint);
                return;
            }
            if (outcome == ReadOutcome.WeakSignal || outcome == ReadOutcome.Replayed || outcome == ReadOutcome.Malformed)
            {
                BleIgnored++;
                return;
            }
            uint claimedRef;
            long step;
            Direction ignoredHint;
            BleToken.TryParse(data, out claimedRef, out step, out ignoredHint);
            long now = _clock.UptimeMilliseconds;
            lock (_sync)
            {
                if (claimedRef == _lastBleRejectedRef && outcome == _lastBleRejection
                    && now - _lastBleRejectionAt < BleRejectionQuietMilliseconds)
                {
                    BleIgnored++;
                    return;
                }
                _lastBleRejectedRef = claimedRef;
                _lastBleRejection = outcome;
                _lastBleRejectionAt = now;
            }
            Enqueue(CredentialMethod.Ble, null, readerId, outcome);
        }

        /// <summary>A frame from a Wiegand reader: a keypad key (4/8-bit) goes to PIN entry, anything else is a card.</summary>
        public void OnWiegandFrame(int readerId, WiegandFrame frame)
        {
            char key;
            if (WiegandFormat.TryDecodeKey(frame, out key))
            {
                OnKey(readerId, key);
                return;
            }
            byte[] value;
            ReadOutcome outcome = WiegandFormat.DecodeCard(frame, out value);
            Enqueue(CredentialMethod.Wiegand, value, readerId, outcome);
        }

        /// <summary>
        /// A user already identified by an external terminal (face recognition); <paramref name="userRefBytes"/> is
        /// its reference for the user, <paramref name="hint"/> the side it stands on if it knows.
        /// </summary>
        public void OnExternal(int readerId, byte[] userRefBytes, Direction hint)
        {
            bool ok = userRefBytes != null && userRefBytes.Length > 0 && userRefBytes.Length <= 32;
            byte[] copy = null;
            if (ok)
            {
                copy = new byte[userRefBytes.Length];
                System.Array.Copy(userRefBytes, copy, copy.Length);
            }
            Enqueue(CredentialMethod.ExternalFace, copy, readerId, ok ? ReadOutcome.Accepted : ReadOutcome.InvalidLength, hint);
        }

        /// <summary>Main-loop housekeeping: reports an abandoned PIN entry.</summary>
        public void Tick()
        {
            bool timedOut;
            int readerId;
            lock (_sync)
            {
                readerId = _pin.ReaderId;
                timedOut = _pin.CheckTimeout(_clock.UptimeMilliseconds);
            }
            if (timedOut)
            {
                Enqueue(CredentialMethod.Pin, null, readerId, ReadOutcome.PinTimeout);
            }
        }

        private void Enqueue(CredentialMethod method, byte[] value, int readerId, ReadOutcome outcome)
        {
            Enqueue(method, value, readerId, outcome, Direction.Unknown);
        }

        private void Enqueue(CredentialMethod method, byte[] value, int readerId, ReadOutcome outcome, Direction hint)
        {
            Direction direction = _directions.Resolve(method, readerId, hint);
            _queue.TryEnqueue(new CredentialInput(method, value, direction, readerId, outcome, _clock.UptimeMilliseconds));
        }
    }
}
