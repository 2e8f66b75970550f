using System.Text;
using DoorController.Access;

namespace DoorController.Tests.Support
{
    /// <summary>
    /// The patent's Fig 8 site as test data: building X1 &gt; office X2 &gt; conference rooms X7 and X3, gate G1
    /// (entry by face/NFC), exit gate G1X and a second exit gate G5 (QR), office door G2, conference room door G3.
    /// Users: employee A1, guard, guest invited by A1. Policies per Fig 9A and routes P1/P2/P3 per Fig 9B.
    /// Each test builds a fresh site (static state, no sharing between tests).
    /// </summary>
    public sealed class PatentSite
    {
        public const int Building = 1;
        public const int Office = 2;
        public const int RoomX3 = 3;
        public const int RoomX7 = 7;

        public const int G1 = 1;      // building entry gate (face, NFC)
        public const int G1X = 11;    // building exit at the same gate (NFC, face)
        public const int G5 = 5;      // another exit gate (QR)
        public const int G2 = 2;      // office door (toggle by areas: building -> office)
        public const int G2X = 12;    // office exit
        public const int G3 = 3;      // conference room X7, direction asked (enter/exit button)
        public const int G4 = 4;      // room X3, door with a contact

        public const int Employee = 100;
        public const int Guard = 200;
        public const int Guest = 300;
        public const int StaffGroup = 1;

        /// <summary>Friday 2026-11-20 10:00 JST.</summary>
        public static readonly long FridayTenJst = CivilDate.DaysFromCivil(2026, 11, 20) * 86400L + 1 * 3600L;

        public static readonly byte[] Key = Encoding.UTF8.GetBytes("site-key-for-tests-only-32-bytes");

        public readonly CredentialHasher Hasher = new CredentialHasher(Key);
        public readonly InMemoryCredentialDirectory Credentials = new InMemoryCredentialDirectory();
        public readonly InMemoryUserDirectory Users = new InMemoryUserDirectory();
        public readonly InMemorySite Site = new InMemorySite();
        public readonly InMemoryPermissions Permissions = new InMemoryPermissions();
        public readonly InMemoryPresenceStore Presence = new InMemoryPresenceStore();
        public readonly InMemoryPolicies Policies = new InMemoryPolicies();
        public readonly InMemoryRoutes Routes = new InMemoryRoutes();
        public readonly InMemorySchedule Schedule = new InMemorySchedule();
        public readonly InMemoryLastSeen LastSeen = new InMemoryLastSeen();
        public readonly HolidayList Holidays = new HolidayList();
        public readonly UseCounterTable Uses = new UseCounterTable(16);
        public readonly KeyUseTable KeyUses = new KeyUseTable(16);
        public readonly PendingFactors PendingFactors = new PendingFactors(8);
        public readonly AccessSources Sources = new AccessSources();
        public readonly AccessOptions Options = new AccessOptions();
        public readonly AccessPipeline Pipeline;
        public readonly AccessRequest Request = new AccessRequest();

        public NotificationRoute EmployeeP1;
        public NotificationRoute EmployeeP2;
        public NotificationRoute EmployeeP3;
        public NotificationRoute GuestP1;
        public NotificationRoute GuestP2;
        public NotificationRoute GuestP3;

        public PatentSite()
        {
            Sources.Credentials = Credentials;
            Sources.Users = Users;
            Sources.Site = Site;
            Sources.Permissions = Permissions;
            Sources.Presence = Presence;
            Sources.Policies = Policies;
            Sources.Routes = Routes;
            Sources.Schedule = Schedule;
            Sources.LastSeen = LastSeen;
            Sources.Holidays = Holidays;
            Sources.UseCounter = Uses;
            Sources.KeyUses = KeyUses;
            Sources.PendingFactors = PendingFactors;
            Pipeline = new AccessPipeline(Sources, Options);

            Site.AddArea(new Area(Building, 0, "X1 building"));
            Site.AddArea(new Area(Office, Building, "X2 office"));
            Site.AddArea(new Area(RoomX7, Office, "X7 conference"));
            Site.AddArea(new Area(RoomX3, Office, "X3 conference"));
            Site.AddDoor(new DoorInfo(1, "gate", false, 3000));
            Site.AddDoor(new DoorInfo(2, "office door", false, 0));
            Site.AddDoor(new DoorInfo(3, "X7 door", false, 0));
            Site.AddDoor(new DoorInfo(4, "X3 door", true, 4000));
            Site.AddDoor(new DoorInfo(5, "exit gate 5", false, 0));

            // Tokyo Station area for the building; readers a few tens of metres apart inside.
            Reader g1 = Site.AddReader(G1, "G1", 1, ReaderUsage.Entry, 0, Building).SetLocal(0, 0).SetGeo(35.68120, 139.76710);
            g1.MethodMask = Reader.MethodBit(CredentialMethod.ExternalFace) | Reader.MethodBit(CredentialMethod.Nfc);
            Site.AddReader(G1X, "G1X", 1, ReaderUsage.Exit, Building, 0).SetLocal(2, 0).SetGeo(35.68120, 139.76712);
            Reader g5 = Site.AddReader(G5, "G5", 5, ReaderUsage.Exit, Building, 0).SetLocal(80, 0).SetGeo(35.68120, 139.76798);
            g5.MethodMask = Reader.MethodBit(CredentialMethod.Qr);
            Site.AddReader(G2, "G2", 2, ReaderUsage.ByAreas, Building, Office).SetLocal(30, 0).SetGeo(35.68120, 139.76743);
            Site.AddReader(G2X, "G2X", 2, ReaderUsage.ByAreas, Office, Building).SetLocal(31, 0).SetGeo(35.68120, 139.76744);
            Site.AddReader(G3, "G3", 3, ReaderUsage.Ask, Office, RoomX7).SetLocal(60, 10).SetGeo(35.68129, 139.76776);
            Site.AddReader(G4, "G4", 4, ReaderUsage.Toggle, Office, RoomX3).SetLocal(60, -10).SetGeo(35.68111, 139.76776);

            User employee = Users.Add(Employee, UserAttribute.Employee);
            employee.GroupIds = new int[] { StaffGroup };
            User guard = Users.Add(Guard, UserAttribute.Guard);
            guard.GroupIds = new int[] { StaffGroup };
            User guest = Users.Add(Guest, UserAttribute.Guest);
            guest.InviterId = Employee;

            AddCredential(Employee, CredentialMethod.ExternalFace, "face:A1", 0, 0, CredentialFlags.None, 0);
            AddCredential(Employee, CredentialMethod.Nfc, "04A1B2C3", 0, 0, CredentialFlags.None, 0);
            AddCredential(Employee, CredentialMethod.Qr, "qr:A1", 0, 0, CredentialFlags.None, 0);
            AddCredential(Guard, CredentialMethod.Nfc, "04GUARD1", 0, 0, CredentialFlags.None, 0);
            AddCredential(Guest, CredentialMethod.Qr, "qr:guest", 0, 0, CredentialFlags.None, 0);

            Permissions.Add(Permission.ForGroup(StaffGroup, PermissionTarget.Area, Building));
            Permissions.Add(Permission.ForUser(Guest, PermissionTarget.Area, Building));

            // Fig 9A: guards are never judged at G1 or G3; a guest is judged at G3 on entry only.
            Policies.Set(G1, UserAttribute.Guard, new AccessPolicy().WithApb(ApbMode.Hard, false, false));
            Policies.Set(G1X, UserAttribute.Guard, new AccessPolicy().WithApb(ApbMode.Hard, false, false));
            Policies.Set(G3, UserAttribute.Guard, new AccessPolicy().WithApb(ApbMode.Hard, false, false));
            Policies.Set(G3, UserAttribute.Guest, new AccessPolicy().WithApb(ApbMode.Hard, true, false));

            // Fig 9B routes.
            int gateTargets = RouteTargets.DoorDisplay | RouteTargets.GuardTerminal | RouteTargets.Sound | RouteTargets.LockSignal;
            EmployeeP1 = SetRoute(UserAttribute.Employee, G1, 1, "P1", gateTargets);
            EmployeeP2 = SetRoute(UserAttribute.Employee, G2, 2, "P2", RouteTargets.DoorDisplay | RouteTargets.GuardTerminal | RouteTargets.Manager | RouteTargets.LockSignal);
            EmployeeP3 = SetRoute(UserAttribute.Employee, G3, 3, "P3", RouteTargets.DoorDisplay | RouteTargets.LockSignal);
            GuestP1 = SetRoute(UserAttribute.Guest, G1, 11, "P1", gateTargets);
            GuestP2 = SetRoute(UserAttribute.Guest, G2, 12, "P2", RouteTargets.DoorDisplay | RouteTargets.GuardTerminal | RouteTargets.InvitingEmployee | RouteTargets.LockSignal);
            GuestP3 = SetRoute(UserAttribute.Guest, G3, 13, "P3", RouteTargets.DoorDisplay | RouteTargets.InvitingEmployee | RouteTargets.LockSignal);
        }

        public CredentialInfo AddCredential(int userId, CredentialMethod method, string raw, long validFrom, long validTo, int flags, int uses)
        {
            return Credentials.Add(Hasher.Hash(method, Encoding.UTF8.GetBytes(raw)), userId, method, validFrom, validTo, flags, uses);
        }

        private NotificationRoute SetRoute(UserAttribute attribute, int readerId, int id, string name, int targets)
        {
            return Routes.Set(attribute, readerId, new NotificationRoute(id, name, targets, "Please contact security", 2));
        }

        /// <summary>This site's credentials, holders and permissions encoded as a controller's store, with <paramref name="siteConfig"/>.</summary>
        public StoreImage Store(byte[] siteConfig)
        {
            return Store(siteConfig, null);
        }

        /// <summary>As <see cref="Store(byte[])"/>, numbering profiles and sets as <paramref name="previous"/> (what the controller holds) did.</summary>
        public StoreImage Store(byte[] siteConfig, StoreImage previous)
        {
            string error;
            StoreImage image = CredentialStoreBuilder.Build(Credentials, Users, Permissions, siteConfig, previous, out error);
            if (image == null)
            {
                throw new System.InvalidOperationException(error);
            }
            return image;
        }

        /// <summary>Presents <paramref name="raw"/> by <paramref name="method"/> at a reader, online.</summary>
        public AccessDecision Present(int readerId, CredentialMethod method, string raw, long atUnix)
        {
            return Present(readerId, method, raw, atUnix, DecisionMode.Online, Direction.Unknown);
        }

        public AccessDecision Present(int readerId, CredentialMethod method, string raw, long atUnix, DecisionMode mode, Direction direction)
        {
            Request.Set(readerId, method, atUnix, mode, direction);
            byte[] bytes = Encoding.UTF8.GetBytes(raw);
            if (!Hasher.TryHash(method, bytes, 0, bytes.Length, Request.CredentialHash, 0))
            {
                for (int i = 0; i < Request.CredentialHash.Length; i++)
                {
                    Request.CredentialHash[i] = 0;
                }
            }
            return Pipeline.Decide(Request);
        }

        /// <summary>True when the presence store says the user is (effectively) inside the area.</summary>
        public bool IsInside(int userId, int areaId)
        {
            long at;
            return DoorController.Access.Presence.Effective(Presence, Site, userId, areaId, out at) == DoorController.Access.Presence.Inside;
        }
    }
}
