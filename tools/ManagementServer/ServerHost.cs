using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DoorController.LocalBroker;
using DoorController.Server.Api;
using DoorController.Server.Mqtt;
using DoorController.Server.Services;
using DoorController.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
        private MqttBridge _mqtt;
        private MosquittoBroker _localBroker;
        private DynsecControl _brokerAdmin;
        private Cluster.LeaderElection _leader;

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
        /// <summary>The MQTT side (null without a broker).</summary>
        public MqttBridge Mqtt => _mqtt;
        /// <summary>The broker this server uses (null without one).</summary>
        public BrokerAccess Broker { get; private set; }
        /// <summary>The broker the server runs itself (--local-broker), or null.</summary>
        public MosquittoBroker LocalBroker => _localBroker;
        /// <summary>Who does the singleton work (always this instance on SQLite).</summary>
        public Cluster.LeaderElection Leader => _leader;
        /// <summary>The generated first-admin password, when one was generated at this start.</summary>
        public string GeneratedAdminPassword { get; private set; }

        public const string DatabaseFileName = "doorctl.db";
        public const string InitialPasswordFileName = "initial-admin-password";

        /// <summary>Builds the server, or throws <see cref="StartupException"/> with a message the operator can act on.</summary>
        public static ServerHost Create(ServerOptions options)
        {
            SecretFiles.SecureDirectory(options.DataDirectory, DatabaseFileName, "site.key", MasterKey.DefaultFileName);
            string dbPath = Path.Combine(options.DataDirectory, DatabaseFileName);
            Database db;
            if (options.Postgres != null)
            {
                db = Database.OpenPostgres(options.Postgres);
            }
            else
            {
                SecretFiles.CreateEmpty(dbPath);
                db = IntegrityCheck.OpenSqlite(dbPath);
            }
            Migrations.Apply(db);
            var vault = MasterKey.Load(options.MasterKeyHex, options.MasterKeyPath, db);
            var siteKeys = SiteKeys.LoadOrCreate(options.DataDirectory);
            siteKeys.CheckShared(db);
            var services = new ServerServices(new ServerContext(db, siteKeys, vault, options.Time));
            services.Context.EnsureShared();
            // Files an older version created with the default umask (0644), and the WAL and shared-memory files.
            SecretFiles.SecureFiles(dbPath, dbPath + "-wal", dbPath + "-shm", Path.Combine(options.DataDirectory, "site.key"), options.MasterKeyPath,
                Path.Combine(options.DataDirectory, InitialPasswordFileName));

            // No config reload: it watches the content root (the data directory) recursively, and every SQLite WAL
            // write then wakes a watcher thread (a tenth of a core under online-decision load).
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory,
                Args = new[] { "--hostBuilder:reloadConfigOnChange=false" } });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://" + options.Host + ":" + options.Port);
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.DrainLimitBytes);
            var app = builder.Build();
            string[] publicOrigins = options.PublicOrigins.ToArray();
            app.Use((http, next) => ErrorMiddleware.Invoke(http, () => next(http)));
            app.Use((http, next) => SecurityHeaders.Invoke(http, () => next(http)));
            // Routing first, so the gate sees the endpoint a request matched and decides from its declared access.
            app.UseRouting();
            app.Use((http, next) => AuthGate.Invoke(http, () => next(http), services, publicOrigins));
            StaticPages.Map(app);
            app.MapGet("/openapi.json", () => Microsoft.AspNetCore.Http.Results.Text(OpenApiDocument.Json, "application/json")).Public();
            AuthEndpoints.Map(app, services);
            AdminEndpoints.Map(app, services);
            AuditEndpoints.Map(app, services);
            PeopleEndpoints.Map(app, services);
            SiteEndpoints.Map(app, services);
            ActivityEndpoints.Map(app, services);
            LiveEndpoints.Map(app, services);
            HistoryEndpoints.Map(app, services);
            PersonEndpoints.Map(app, services);
            PolicyEndpoints.Map(app, services);
            HomeAssistantEndpoints.Map(app, services, options.HomeAssistantPrefix);
            app.MapFallback("/api/{**rest}", (Microsoft.AspNetCore.Http.HttpContext h) => { throw new ApiException(404, "no such endpoint: " + h.Request.Method + " " + h.Request.Path); }).GuardDesk();

            var host = new ServerHost(options, app, services, db);
            string initialPasswordFile = Path.Combine(options.DataDirectory, InitialPasswordFileName);
            host.GeneratedAdminPassword = services.Admins.Bootstrap(options.AdminUser, options.AdminPassword);
            if (host.GeneratedAdminPassword != null)
            {
                // Never printed: a log is read by more people than the admin. The file goes when the password changes.
                File.Delete(initialPasswordFile);
                SecretFiles.WriteNew(initialPasswordFile, host.GeneratedAdminPassword + "\n");
                Console.WriteLine("first admin '" + options.AdminUser + "' created; its password is in " + initialPasswordFile + " (mode 0600): sign in and change it");
            }
            services.Admins.InitialAdminName = options.AdminUser;
            services.Admins.InitialPasswordFile = File.Exists(initialPasswordFile) ? initialPasswordFile : null;
            return host;
        }

        /// <summary>Every endpoint the running app serves, from its own endpoint data sources (what routing matches),
        /// so the route sweep test covers each new endpoint without a hand-kept list.</summary>
        public IReadOnlyList<Endpoint> Endpoints => _app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        /// <summary>Resolves the broker (settings refused here, before anything listens), then serves.</summary>
        public void Start()
        {
            Broker = ResolveBroker();
            _app.StartAsync().GetAwaiter().GetResult();
            var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
            Url = addresses.Addresses.First().Replace("[::]", "127.0.0.1");
            _leader = new Cluster.LeaderElection(Services.Context.Db, Options.Instance);
            _leader.Start();
            if (Options.RunRetentionJob) _retention = new RetentionJob(Services.Privacy, () => _leader.IsLeader);
            if (Broker != null)
            {
                if (Broker.Admin != null)
                {
                    _brokerAdmin = new DynsecControl(Broker.Admin);
                    Services.Devices.BrokerAdmin = _brokerAdmin;
                }
                _mqtt = new MqttBridge(Services, Broker.Server, Options.Instance, _leader, Options.HomeAssistantPrefix);
                Services.UsePublisher(_mqtt);
                _mqtt.Start();
            }
        }

        /// <summary>The broker from the options: the server's own (--local-broker), a settings file, or in-process settings.</summary>
        private BrokerAccess ResolveBroker()
        {
            if (Options.LocalBroker != null)
            {
                string listen = Options.LocalBroker;
                int colon = listen.LastIndexOf(':');
                string address = colon > 0 ? listen.Substring(0, colon) : "127.0.0.1";
                if (!int.TryParse(colon >= 0 ? listen.Substring(colon + 1) : listen, out int port) || port < 0 || port > 65535)
                {
                    throw new ArgumentException("--local-broker needs [ADDR:]PORT");
                }
                var names = new System.Collections.Generic.List<string> { "127.0.0.1", "localhost", System.Net.Dns.GetHostName() };
                if (address != "0.0.0.0" && !names.Contains(address)) names.Add(address);
                foreach (string name in Options.BrokerNames ?? Array.Empty<string>()) if (!names.Contains(name)) names.Add(name);
                _localBroker = MosquittoBroker.Start(new BrokerOptions
                {
                    Directory = Path.Combine(Options.DataDirectory, "broker"),
                    BindAddress = address,
                    Port = port,
                    Names = names.ToArray(),
                });
                Console.WriteLine("broker: mosquitto on " + address + ":" + _localBroker.Port + " (TLS, site CA " + _localBroker.CaFile
                    + "); this server connects through " + _localBroker.SocketPath);
                return BrokerAccess.Of(_localBroker);
            }
            if (Options.MqttConfigFile != null) return BrokerAccess.Load(Options.MqttConfigFile, Options.Mqtt);
            if (Options.Mqtt != null)
            {
                Console.Error.WriteLine("warning: --mqtt without --mqtt-config connects without TLS and without a broker identity");
                return BrokerAccess.Anonymous(Options.Mqtt);
            }
            return Options.Broker;
        }

        public void WaitForShutdown()
        {
            _app.WaitForShutdownAsync().GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            _retention?.Dispose();
            _mqtt?.Dispose();
            _leader?.Dispose();
            _brokerAdmin?.Dispose();
            _localBroker?.Dispose();
            if (Url != null)
            {
                try { _app.StopAsync().GetAwaiter().GetResult(); } catch (ObjectDisposedException) { }
            }
            ((IDisposable)_app).Dispose();
            Services.Dispose();
        }
    }
}
