using System;
using DoorController.Readers;
using DoorController.Contract;

namespace DoorController.Hal.Host.Sim
{
    /// <summary>
    /// A phone holding one user's mobile credential keys (as the server would issue them, see docs/credentials.md):
    /// shows the QR token and advertises the BLE token for a given moment.
    /// </summary>
    public sealed class SimPhone
    {
        private readonly uint _userRef;
        private readonly byte[] _qrKey;
        private readonly byte[] _bleKey;

        public SimPhone(uint userRef, byte[] qrUserKey, byte[] bleUserKey)
        {
            _userRef = userRef;
            _qrKey = qrUserKey;
            _bleKey = bleUserKey;
        }

        /// <summary>A phone provisioned for <paramref name="userRef"/> under <paramref name="siteKey"/> (derives both keys).</summary>
        public static SimPhone ForSite(byte[] siteKey, uint userRef)
        {
            return new SimPhone(userRef,
                TokenKeys.DeriveUserKey(siteKey, TokenKeys.QrPurpose, userRef),
                TokenKeys.DeriveUserKey(siteKey, TokenKeys.BlePurpose, userRef));
        }

        public uint UserRef => _userRef;

        public string QrCodeAt(DateTime utc, int stepSeconds = QrToken.DefaultStepSeconds)
        {
            return QrToken.Create(_qrKey, _userRef, StepAt(utc, stepSeconds));
        }

        /// <param name="hint">The side the phone believes it is on (patent Fig. 6B); Unknown if it does not judge.</param>
        public byte[] AdvertisementAt(DateTime utc, DoorController.Access.Direction hint = DoorController.Access.Direction.Unknown,
            int stepSeconds = BleToken.DefaultStepSeconds)
        {
            return BleToken.Create(_bleKey, _userRef, StepAt(utc, stepSeconds), hint);
        }

        private static long StepAt(DateTime utc, int stepSeconds)
        {
            return (long)(utc - DateTime.UnixEpoch).TotalSeconds / stepSeconds;
        }
    }
}
