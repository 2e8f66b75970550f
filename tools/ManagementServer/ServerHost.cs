using System;
using System.IO;
using System.Linq;
using DoorController.Server.Api;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DoorController.Server
{
    /// <summary>
    /// The assembled server: storage (migrated), services, HTTP API and page. Tests create it in-process with
    /// port 0 and read <see cref="Url"/>; Program runs it until stopped.
    /// </summary>
    public sealed class ServerHost : IDisposable
    {
        private readonly WebApplication _app;
        private RetentionJob _retention;
        private Mqtt.MqttBridge _mqtt;

        private ServerHost(ServerOptions options, WebApplication app, ServerServices services, Database db)
        {
            Options = options;
            _app = app;
            Services = services;
            Store = new StoreInfo(db);
        }

        public ServerOptions Options { get; }
        public ServerServices Services { get; }
        public StoreInfo Store { get; }
        public string Url { get; private set; }
        /// <summary>The MQTT side (null without --mqtt).</summary>
        public Mqtt.MqttBridge Mqtt => _mqtt;
        /// <summary>The generated first-admin password, when one was generated at this start.</summary>
        public string GeneratedAdminPassword { get; private set; }

        public static ServerHost Create(ServerOptions options)
        {
            Directory.CreateDirectory(options.DataDirectory);
            Database db = options.Postgres != null ? Database.OpenPostgres(options.Postgres) : Database.OpenSqlite(Path.Combine(options.DataDirectory, "doorctl.db"));
            Migrations.Apply(db);
            var services = new ServerServices(new ServerContext(db, SiteKeys.LoadOrCreate(options.DataDirectory), options.Time));

            // No config reload: it watches the content root (the data directory) recursively, and every SQLite WAL
            // write then wakes a watcher thread (a tenth of a core under online-decision load).
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory,
                Args = new[] { "--hostBuilder:reloadConfigOnChange=false" } });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://" + options.Host + ":" + options.Port);
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.DrainLimitBytes);
            var app = builder.Build();
            app.Use((http, next) => ErrorMiddleware.Invoke(http, () => next(http)));
            app.Use((http, next) => AuthGate.Invoke(http, () => next(http), services.Admins));
            StaticPages.Map(app);
            app.MapGet("/openapi.json", () => Microsoft.AspNetCore.Http.Results.Text(OpenApiDocument.Json, "application/json"));
            AuthEndpoints.Map(app, services);
            PeopleEndpoints.Map(app, services);
            SiteEndpoints.Map(app, services);
            ActivityEndpoints.Map(app, services);
            app.MapFallback("/api/{**rest}", (Microsoft.AspNetCore.Http.HttpContext h) => { throw new ApiException(404, "no such endpoint: " + h.Request.Method + " " + h.Request.Path); });

            var host = new ServerHost(options, app, services, db);
            host.GeneratedAdminPassword = services.Admins.Bootstrap(options.AdminUser, options.AdminPassword);
            if (host.GeneratedAdminPassword != null)
            {
                Console.WriteLine("first admin '" + options.AdminUser + "' created with password: " + host.GeneratedAdminPassword);
            }
            return host;
        }

        public void Start()
        {
            _app.StartAsync().GetAwaiter().GetResult();
            var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
            Url = addresses.Addresses.First().Replace("[::]", "127.0.0.1");
            if (Options.RunRetentionJob) _retention = new RetentionJob(Services.Privacy);
            if (Options.Mqtt != null)
            {
                int colon = Options.Mqtt.LastIndexOf(':');
                int port;
                if (colon <= 0 || !int.TryParse(Options.Mqtt.Substring(colon + 1), out port)) throw new ArgumentException("--mqtt needs HOST:PORT");
                _mqtt = new Mqtt.MqttBridge(Services, Options.Mqtt.Substring(0, colon), port);
                Services.UsePublisher(_mqtt);
                _mqtt.Start();
            }
        }

        public void WaitForShutdown()
        {
            _app.WaitForShutdownAsync().GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _retention?.Dispose();
            _mqtt?.Dispose();
            if (Url != null)
            {
                try { _app.StopAsync().GetAwaiter().GetResult(); } catch (ObjectDisposedException) { }
            }
            ((IDisposable)_app).Dispose();
            Services.Dispose();
        }
    }
}
