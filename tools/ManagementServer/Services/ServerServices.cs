using System;

namespace DoorController.Server.Services
{
    /// <summary>The server's services, built once over one <see cref="ServerContext"/>.</summary>
    public sealed class ServerServices : IDisposable
    {
        public ServerServices(ServerContext ctx)
        {
            Context = ctx;
            Deltas = new CacheDeltas(ctx);
            Keyring = new DeviceKeyring(ctx);
            Users = new UserRegistry(ctx, Deltas);
            Devices = new DeviceRegistry(ctx, Deltas, Keyring);
            Passes = new PassIssuer(ctx, Users);
            Qr = new QrCodes(ctx.Keys);
            Log = new AccessLog(ctx);
            Router = new NotificationRouter(Keyring, ctx);
            Alerts = new AlertBook(ctx, Router);
            Admins = new AdminDirectory(ctx);
            Privacy = new Privacy(ctx);
            Commands = new RemoteCommands(ctx);
        }

        public ServerContext Context { get; }
        public CacheDeltas Deltas { get; }
        public DeviceKeyring Keyring { get; }
        public UserRegistry Users { get; }
        public DeviceRegistry Devices { get; }
        public PassIssuer Passes { get; }
        public QrCodes Qr { get; }
        public AccessLog Log { get; }
        public NotificationRouter Router { get; }
        public AlertBook Alerts { get; }
        public AdminDirectory Admins { get; }
        public Privacy Privacy { get; }
        public RemoteCommands Commands { get; }

        /// <summary>Routes every outgoing MQTT message (commands, notifications) through one publisher.</summary>
        public void UsePublisher(IMessagePublisher publisher)
        {
            Router.Publisher = publisher;
            Commands.Publisher = publisher;
        }

        public void Dispose()
        {
            Router.Dispose();
        }
    }
}
