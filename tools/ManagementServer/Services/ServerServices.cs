using System;

namespace DoorController.Server.Services
{
    /// <summary>The server's services, built once over one <see cref="ServerContext"/>.</summary>
    public sealed class ServerServices : IDisposable
    {
        public ServerServices(ServerContext ctx)
        {
            Context = ctx;
            Versions = new CacheVersions(ctx);
            Keyring = new DeviceKeyring(ctx);
            Users = new UserRegistry(ctx, Versions);
            Devices = new DeviceRegistry(ctx, Versions, Keyring);
            Settings = new SiteSettings(ctx, Versions);
            CredentialRules = new CredentialRules(ctx, Versions);
            OfficeModes = new OfficeModes(ctx, Versions);
            Passes = new PassIssuer(ctx, Users);
            Phones = new PhoneEnrolment(ctx, Users);
            Qr = new QrCodes(ctx.Keys);
            Log = new AccessLog(ctx);
            Router = new NotificationRouter(Keyring, ctx);
            Alerts = new AlertBook(ctx, Router);
            Health = new StorageHealth(ctx, Alerts);
            Admins = new AdminDirectory(ctx);
            SignIns = new SignInThrottle(ctx, Alerts);
            Audit = new AuditTrail(ctx);
            Privacy = new Privacy(ctx);
            Commands = new RemoteCommands(ctx);
            Calendar = new SiteCalendar(ctx, Versions);
            Reports = new ControllerReports(ctx);
            LiveDoors = new LiveDoors(ctx);
            Presence = new PresenceView(ctx);
            Amnesty = new PresenceAmnesty(ctx);
            History = new HistoryQuery(ctx);
            People = new PersonEditor(ctx, Versions) { Users = Users };
            PeopleCsv = new PeopleCsv(ctx, Users);
            Policies = new PolicyTables(ctx, Versions);
            AlertSearch = new AlertSearch(ctx);
        }

        public ServerContext Context { get; }
        public CacheVersions Versions { get; }
        public CredentialRules CredentialRules { get; }
        public OfficeModes OfficeModes { get; }
        public DeviceKeyring Keyring { get; }
        public SiteSettings Settings { get; }
        public UserRegistry Users { get; }
        public DeviceRegistry Devices { get; }
        public PassIssuer Passes { get; }
        public PhoneEnrolment Phones { get; }
        public QrCodes Qr { get; }
        public AccessLog Log { get; }
        public NotificationRouter Router { get; }
        public AlertBook Alerts { get; }
        public StorageHealth Health { get; }
        public AdminDirectory Admins { get; }
        public SignInThrottle SignIns { get; }
        public AuditTrail Audit { get; }
        public Privacy Privacy { get; }
        public RemoteCommands Commands { get; }
        public SiteCalendar Calendar { get; }
        public ControllerReports Reports { get; }
        public LiveDoors LiveDoors { get; }
        public PresenceView Presence { get; }
        public PresenceAmnesty Amnesty { get; }
        public HistoryQuery History { get; }
        public PersonEditor People { get; }
        public PeopleCsv PeopleCsv { get; }
        public PolicyTables Policies { get; }
        public AlertSearch AlertSearch { get; }

        /// <summary>Routes every outgoing MQTT message (commands, notifications) through one publisher.</summary>
        public void UsePublisher(IMessagePublisher publisher)
        {
            Router.Publisher = publisher;
            Commands.Publisher = publisher;
        }

        public void Dispose()
        {
            Reports.Dispose();
            Router.Dispose();
        }
    }
}
