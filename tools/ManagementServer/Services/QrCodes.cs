using DoorController.Contract;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Signed rotating QR codes in the reader layer's format (firmware/Readers QrToken, docs/credentials.md):
    /// "DC1.&lt;user-ref&gt;.&lt;time-step&gt;.&lt;mac&gt;" under the per-user key derived from the site key. The server
    /// only issues; controllers verify offline with the same derivation.
    /// </summary>
    public sealed class QrCodes
    {
        public const int SlotSeconds = QrToken.DefaultStepSeconds;
        private readonly SiteKeys _keys;

        public QrCodes(SiteKeys keys)
        {
            _keys = keys;
        }

        public string Issue(int userNumber, long unixMs)
        {
            uint userRef = (uint)userNumber;
            byte[] userKey = TokenKeys.DeriveUserKey(_keys.CredentialKey, TokenKeys.QrPurpose, userRef);
            return QrToken.Create(userKey, userRef, TokenKeys.TimeStepOf(unixMs / 1000, SlotSeconds));
        }
    }
}
