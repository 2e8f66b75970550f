using System;
using System.Text;
using DoorController.Tests.Support;
using DoorController.Contract;

namespace DoorController.Tests.Readers
{
    /// <summary>Shared values for token tests: a site key and a clock at 2026-11-21T08:00:00Z (time step 59841600).</summary>
    public static class TokenFixture
    {
        public const long NowStep = 59841600;
        public const uint User = 1042;

        public static byte[] SiteKey()
        {
            return Encoding.UTF8.GetBytes("site-key-for-tests");
        }

        public static ManualClock Clock()
        {
            return new ManualClock(new DateTime(2026, 11, 21, 8, 0, 0));
        }

        public static string Qr(uint user, long step)
        {
            return QrToken.Create(TokenKeys.DeriveUserKey(SiteKey(), TokenKeys.QrPurpose, user), user, step);
        }

        public static byte[] Ble(uint user, long step)
        {
            return BleToken.Create(TokenKeys.DeriveUserKey(SiteKey(), TokenKeys.BlePurpose, user), user, step);
        }
    }
}
