using DoorController.Contract;

namespace DoorController.Tests.Support
{
    /// <summary>
    /// The offline grant whose golden forms the tests pin down in two places: its 14 journal bytes
    /// (EventPayloadTests) and the event message that replays it (EventGoldenTests). One sample, so the two goldens
    /// describe the same event: person 104233 entering at reader 12 with an NFC card, pending the server's re-check.
    /// </summary>
    public static class OfflineGrantSample
    {
        public static AccessDecisionEvent Create()
        {
            AccessDecisionEvent grant = new AccessDecisionEvent();
            grant.Allowed = true;
            grant.PendingRetro = true;
            grant.Direction = 1;
            grant.Method = 1;
            grant.UserId = "104233";
            grant.ReaderId = "12";
            grant.CredentialHash = new byte[] { 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF };
            grant.RequestId = "";
            return grant;
        }
    }
}
