using System;
using System.Text;
using DoorController.Access;
using DoorController.Server.Decisions;

namespace DoorController.Bench.Heap
{
    /// <summary>
    /// A site as the management server holds it (its <see cref="DecisionSnapshot"/>), shaped like a large real one, for
    /// the heap and capacity benchmarks: one controller ("door-1") driving one door through <see cref="ReaderCount"/>
    /// readers (NFC in and out, Wiegand keypad, QR, BLE, face terminal), a four-level area chain, policies and routes
    /// for every reader and attribute, holidays, and <c>people</c> people: employees with a card (a third also with a
    /// PIN) on weekday or shift windows, 1 % guards, 2 % guests with a week-long pass and an inviter, 0.5 % delivery
    /// codes (one-time PINs). Every person may use every reader of the controller, as the server sends it.
    /// </summary>
    public sealed class ReferenceSite
    {
        public const string DeviceId = "door-1";
        public const int DoorId = 1;
        public const int ReaderCount = 6;
        public const int FirstReader = 1;
        public const long Now = 1794967600; // Wednesday 2026-11-18 11:06 JST
        public static readonly byte[] SiteKey = Encoding.UTF8.GetBytes("reference-site-key-0123456789ab!");

        private readonly CredentialHasher _hasher = new CredentialHasher(SiteKey);

        public ReferenceSite(int people)
        {
            People = people;
            Snapshot = new DecisionSnapshot();
            BuildPlaces();
            BuildPeople();
        }

        public int People { get; }
        public DecisionSnapshot Snapshot { get; }
        public int Credentials => Snapshot.Credentials.Count;

        /// <summary>The NFC card of person <paramref name="person"/> (0-based): a 7-byte UID.</summary>
        public static byte[] CardUid(int person)
        {
            return new byte[] { 0x04, (byte)(person >> 24), (byte)(person >> 16), (byte)(person >> 8), (byte)person, 0x5A, 0x81 };
        }

        public static int UserNumber(int person) => 1000 + person;

        private void BuildPlaces()
        {
            var site = Snapshot.Site;
            site.AddArea(new Area(DecisionSnapshot.SiteAreaNumber, 0, "site"));
            site.AddArea(new Area(10, DecisionSnapshot.SiteAreaNumber, "head office"));
            site.AddArea(new Area(11, 10, "floor 3"));
            site.AddArea(new Area(12, 11, "R&D wing"));
            for (int i = 0; i < 40; i++) site.AddArea(new Area(100 + i, 10, "meeting room " + i)); // elsewhere on site
            site.AddDoor(new DoorInfo(DoorId, "R&D wing entrance", false, 1000)); // as the server builds doors today: presence moves on the grant
            string[] names = { "R&D in (NFC)", "R&D out (NFC)", "R&D keypad", "R&D QR", "R&D phone", "R&D face" };
            ReaderUsage[] usage = { ReaderUsage.Entry, ReaderUsage.Exit, ReaderUsage.Entry, ReaderUsage.Entry, ReaderUsage.Toggle, ReaderUsage.Entry };
            for (int r = 0; r < ReaderCount; r++)
            {
                int id = FirstReader + r;
                bool exit = usage[r] == ReaderUsage.Exit;
                var reader = site.AddReader(id, names[r], DoorId, usage[r], exit ? 12 : 11, exit ? 11 : 12);
                reader.SetGeo(35.6581 + r * 1e-5, 139.7017);
                reader.SetLocal(r * 2.0, 0);
                Snapshot.Readers[id] = (DeviceId, "reader-" + id);
                foreach (UserAttribute a in Enum.GetValues<UserAttribute>())
                {
                    if (a == UserAttribute.Unknown) continue;
                    Snapshot.Policies.Set(id, a, new AccessPolicy { Apb = ApbMode.Hard, FraudOnEntry = a != UserAttribute.Guard, Travel = CheckMode.Flag });
                }
            }
        }

        private void BuildPeople()
        {
            var weekdays = new[] { TimeWindow.Hours(TimeWindow.Weekdays, 7, 0, 20, 0) };
            var shifts = new[] { TimeWindow.Hours(TimeWindow.EveryDay, 22, 0, 6, 0), TimeWindow.Hours(TimeWindow.Weekdays | TimeWindow.HolidayBit, 6, 0, 14, 0) };
            var allDay = new[] { new TimeWindow(TimeWindow.EveryDay, 0, TimeWindow.MinutesPerDay) };
            for (int p = 0; p < People; p++)
            {
                int user = UserNumber(p);
                UserAttribute attribute = p % 100 == 7 ? UserAttribute.Guard : p % 50 == 3 ? UserAttribute.Guest : p % 200 == 11 ? UserAttribute.Delivery : UserAttribute.Employee;
                var u = new User(user, attribute) { Name = "person " + p };
                long from = 0, to = 0;
                TimeWindow[] windows = p % 5 == 0 ? shifts : weekdays;
                if (attribute == UserAttribute.Guest || attribute == UserAttribute.Delivery)
                {
                    u.InviterId = UserNumber(p / 2);
                    from = Now - 86400 + p;       // every pass has its own window
                    to = from + 7 * 86400;
                    windows = allDay;
                }
                Snapshot.Users.Add(u);
                Snapshot.UserIds[user] = "u" + user;
                if (attribute != UserAttribute.Delivery)
                {
                    Add(user, CredentialMethod.Nfc, CardUid(p), from, to, CredentialFlags.None, 0);
                }
                if (p % 3 == 0 || attribute == UserAttribute.Delivery)
                {
                    bool oneTime = attribute == UserAttribute.Delivery;
                    Add(user, CredentialMethod.Pin, Encoding.ASCII.GetBytes((10000000 + p).ToString()), from, to,
                        oneTime ? CredentialFlags.OneTime : CredentialFlags.None, oneTime ? 1 : 0);
                }
                for (int r = 0; r < ReaderCount; r++)
                {
                    Snapshot.Permissions.Add(Permission.ForUser(user, PermissionTarget.Reader, FirstReader + r).During(windows).Between(from, to));
                }
            }
        }

        private void Add(int user, CredentialMethod method, byte[] raw, long from, long to, int flags, int uses)
        {
            Snapshot.Credentials.Add(_hasher.Hash(method, raw), user, method, from, to, flags, uses);
        }
    }
}
