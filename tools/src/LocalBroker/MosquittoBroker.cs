using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.LocalBroker;

/// <summary>
/// A real mosquitto the way the project runs it: a TLS listener with a certificate signed by the site CA for every
/// client on the network, a Unix-domain socket for the server that runs this broker (in an owner-only directory, see
/// <see cref="SocketEndpoint"/>), anonymous clients refused on both, and every client authenticated and authorised by
/// the dynamic-security plugin (identities in <see cref="BrokerRoles"/>, deny by default). A temporary broker (tests, demo, benchmarks) lives in
/// a throw-away directory on a free loopback port and shares one throw-away CA per process; a persistent one (the
/// server's --local-broker) keeps its CA, certificate, identities and plugin state in its directory across starts.
/// Stop/Kill/Restart keep the port so clients can reconnect.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private const string BrokerPath = "/usr/sbin/mosquitto";
    private const string LoginsFile = "server-logins.json";
    private const string SocketDirectory = "socket";
    private const string SocketFile = "mosquitto.sock";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly Lazy<string> SharedTestCertificates = new(CreateSharedTestCertificates);
    private readonly BrokerOptions _options;
    private readonly string _certificates;
    private Process? _process;
    private DynsecControl? _admin;

    private readonly BrokerLogin _toolsAdmin;

    /// <summary>The broker's process id (0 before it runs): benchmarks read its CPU time.</summary>
    public int ProcessId => _process?.Id ?? 0;
    private readonly object _certificateGate = new();

    private MosquittoBroker(BrokerOptions options, string directory, string certificates, int port, BrokerLogin[] logins)
    {
        _options = options;
        Directory = directory;
        _certificates = certificates;
        Port = port;
        ServerLogin = logins[0];
        AdminLogin = logins[1];
        _toolsAdmin = logins[2];
    }

    /// <summary>Holds mosquitto.conf, mosquitto.log and the plugin's dynamic-security.json.</summary>
    public string Directory { get; }

    /// <summary>The Unix-domain socket listener, in a directory only this user may enter (<see cref="OwnerOnlyDirectory"/>).</summary>
    public string SocketPath => Path.Combine(Directory, SocketDirectory, SocketFile);

    public string Host => _options.BindAddress == "0.0.0.0" ? "127.0.0.1" : _options.BindAddress;

    /// <summary>The listener's port (TLS unless started with <see cref="BrokerOptions.Tls"/> false).</summary>
    public int Port { get; }

    public bool Tls => _options.Tls;

    /// <summary>PEM of the CA that signed the broker's certificate (null without TLS).</summary>
    public string? CaFile => Tls ? Path.Combine(_certificates, SiteCertificateAuthority.CertificateFile) : null;

    public string? CaPem => CaFile == null ? null : File.ReadAllText(CaFile);

    /// <summary>The management server's messaging identity (client id doorctl-server).</summary>
    public BrokerLogin ServerLogin { get; }

    /// <summary>The server's administrator of the dynamic-security control topic (client id doorctl-admin).</summary>
    public BrokerLogin AdminLogin { get; }

    public bool IsRunning => _process != null && !_process.HasExited;

    public string LogText
    {
        get
        {
            string log = Path.Combine(Directory, "mosquitto.log");
            try { return File.Exists(log) ? File.ReadAllText(log) : ""; }
            catch (IOException) { return ""; }
        }
    }

    /// <summary>A client connection's settings for <paramref name="login"/> (or anonymous when null); with
    /// <see cref="BrokerOptions.RequireClientCertificates"/>, a client certificate from the site CA for its client id.</summary>
    public BrokerEndpoint Endpoint(BrokerLogin? login)
    {
        var endpoint = new BrokerEndpoint { Host = Host, Port = Port, Tls = Tls, CaFile = CaFile, Username = login?.Username, Password = login?.Password };
        if (_options.RequireClientCertificates && login != null)
        {
            (endpoint.CertFile, endpoint.KeyFile) = ClientCertificate(login.ClientId);
        }
        return endpoint;
    }

    /// <summary>The client certificate and key files for <paramref name="clientId"/>, issued by the site CA on first use.</summary>
    public (string CertFile, string KeyFile) ClientCertificate(string clientId)
    {
        string cert = Path.Combine(Directory, "client-" + clientId + ".crt"), key = Path.Combine(Directory, "client-" + clientId + ".key");
        lock (_certificateGate)
        {
            if (!File.Exists(cert) || !File.Exists(key))
            {
                using var ca = SiteCertificateAuthority.LoadOrCreate(_certificates);
                ca.IssueClientCertificate(cert, key, clientId);
            }
        }
        return (cert, key);
    }

    /// <summary>A connection for <paramref name="login"/> (or anonymous when null) through the Unix socket: for the server
    /// that runs this broker on the same host. No TLS on that hop; the broker still checks the identity, the same
    /// roles apply, and the message MACs are end to end either way.</summary>
    public BrokerEndpoint SocketEndpoint(BrokerLogin? login) =>
        new BrokerEndpoint { Socket = SocketPath, Username = login?.Username, Password = login?.Password };

    /// <summary>The server's identity over TLS, as a server elsewhere on the network would connect.</summary>
    public BrokerEndpoint ServerEndpoint => Endpoint(ServerLogin);
    public BrokerEndpoint AdminEndpoint => Endpoint(AdminLogin);

    /// <summary>The control-topic client for whoever runs this broker (created on first use, reconnects on demand), as
    /// its own administrator identity (doorctl-tools): it can be used while a server holds doorctl-admin.</summary>
    public DynsecControl Admin => _admin ??= new DynsecControl(Endpoint(_toolsAdmin));

    /// <summary>Creates controller <paramref name="deviceId"/>'s identity, as the server does at registration.</summary>
    public BrokerLogin RegisterController(string deviceId) => Admin.CreateController(deviceId);

    /// <summary>Starts a temporary broker: TLS and dynamic security, a free loopback port, a throw-away directory.</summary>
    public static MosquittoBroker Start() => Start(new BrokerOptions());

    public static MosquittoBroker Start(BrokerOptions options)
    {
        bool temporary = options.Directory == null;
        string dir = options.Directory ?? Path.Combine(Path.GetTempPath(), "doorctl-mosquitto-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        // Owner only: the directory holds the CA key, the identities' passwords and the plugin's hashes.
        System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Before the broker starts, so the socket never exists in a directory others can enter.
        OwnerOnlyDirectory.Ensure(Path.Combine(dir, SocketDirectory));
        string certificates = temporary ? SharedTestCertificates.Value : dir;
        if (!temporary && options.Tls) PrepareSiteCertificates(dir, options);
        BrokerLogin[] logins = LoadOrCreateLogins(dir);
        var broker = new MosquittoBroker(options, dir, certificates, options.Port == 0 ? FreePort() : options.Port, logins);
        try
        {
            broker.Launch();
            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>Graceful stop (SIGTERM): clients see a normal disconnect.</summary>
    public void Stop()
    {
        if (_process == null) return;
        if (!_process.HasExited)
        {
            Signal("TERM");
            if (!_process.WaitForExit(5000)) _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Abrupt death (SIGKILL): no clean disconnect, last wills fire only for clients of a new broker.</summary>
    public void Kill()
    {
        if (_process == null) return;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Stops (if running) and starts again on the same port, with the identities it had.</summary>
    public void Restart()
    {
        Stop();
        Launch();
    }

    public void Dispose()
    {
        _admin?.Dispose();
        try { Kill(); } catch (InvalidOperationException) { }
        if (_options.Directory == null)
        {
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private string Config()
    {
        var lines = new List<string>
        {
            "# generated by tools/src/LocalBroker/MosquittoBroker.cs",
            "user root",
            "persistence false",
            "per_listener_settings false",
            "allow_anonymous false",
            "plugin " + DynamicSecurityPlugin(),
            "plugin_opt_config_file " + Path.Combine(Directory, DynsecFile.FileName),
            "max_queued_messages " + _options.MaxQueuedMessages,
            "set_tcp_nodelay true",
            "log_dest file " + Path.Combine(Directory, "mosquitto.log"),
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            // Before the TCP listener: the TLS settings below belong to the listener line above them, the TCP one.
            "listener 0 " + SocketPath,
            "listener " + Port + " " + _options.BindAddress,
        };
        if (Tls)
        {
            lines.Add("cafile " + Path.Combine(_certificates, SiteCertificateAuthority.CertificateFile));
            lines.Add("certfile " + Path.Combine(_certificates, "server.crt"));
            lines.Add("keyfile " + Path.Combine(_certificates, "server.key"));
            lines.Add("tls_version tlsv1.2");
            if (_options.RequireClientCertificates) lines.Add("require_certificate true");
        }
        return string.Join("\n", lines) + "\n";
    }

    private void Launch()
    {
        File.WriteAllText(Path.Combine(Directory, "mosquitto.conf"), Config());
        var info = new ProcessStartInfo(BrokerPath, "-c " + Path.Combine(Directory, "mosquitto.conf"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!Accepts(Host, Port) || !AcceptsOnSocket(SocketPath))
        {
            if (_process.HasExited)
                throw new InvalidOperationException("mosquitto exited with " + _process.ExitCode + ": " + LogText);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("mosquitto did not listen on " + Port + " and " + SocketPath + " within " + StartTimeout + ": " + LogText);
            Thread.Sleep(20);
        }
    }

    /// <summary>The server's identities and the tools' administrator: created (and written into the plugin's file) at
    /// the first start of this directory, read back afterwards from a file only the owner can read.</summary>
    private static BrokerLogin[] LoadOrCreateLogins(string dir)
    {
        string path = Path.Combine(dir, LoginsFile);
        if (File.Exists(path) && File.Exists(Path.Combine(dir, DynsecFile.FileName)))
        {
            var saved = System.Text.Json.JsonSerializer.Deserialize<BrokerLogin[]>(File.ReadAllText(path));
            if (saved == null || saved.Length != 3) throw new InvalidOperationException(path + " does not hold the broker's three identities");
            return saved;
        }
        BrokerLogin New(string name) => new(name, BrokerLogin.NewPassword(), name);
        BrokerLogin[] logins = { New(BrokerRoles.ServerUser), New(BrokerRoles.AdminUser), New(BrokerRoles.ToolsAdminUser) };
        DynsecFile.Write(Path.Combine(dir, DynsecFile.FileName), logins[0], logins[1], logins[2]);
        PrivateFile.Write(path, System.Text.Json.JsonSerializer.Serialize(logins));
        return logins;
    }

    /// <summary>The site CA (created at the first start) and a broker certificate for the configured names, reissued
    /// when the names change.</summary>
    private static void PrepareSiteCertificates(string dir, BrokerOptions options)
    {
        using var ca = SiteCertificateAuthority.LoadOrCreate(dir, options.SiteName);
        string names = string.Join(",", options.Names);
        string namesFile = Path.Combine(dir, "server.names");
        if (File.Exists(Path.Combine(dir, "server.crt")) && File.Exists(namesFile) && File.ReadAllText(namesFile) == names) return;
        ca.IssueServerCertificate(Path.Combine(dir, "server.crt"), Path.Combine(dir, "server.key"), options.Names);
        File.WriteAllText(namesFile, names);
    }

    /// <summary>One throw-away CA and broker certificate (127.0.0.1, localhost) per test process, removed at exit.</summary>
    private static string CreateSharedTestCertificates()
    {
        string dir = Path.Combine(Path.GetTempPath(), "doorctl-test-ca-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
        using (var ca = SiteCertificateAuthority.LoadOrCreate(dir, "doorctl test"))
        {
            ca.IssueServerCertificate(Path.Combine(dir, "server.crt"), Path.Combine(dir, "server.key"), "127.0.0.1", "localhost");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(dir, true); } catch (IOException) { }
        };
        return dir;
    }

    private static string DynamicSecurityPlugin()
    {
        foreach (string dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib" })
        {
            string path = Path.Combine(dir, "mosquitto_dynamic_security.so");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("mosquitto's dynamic-security plugin (mosquitto_dynamic_security.so, Debian package mosquitto) is not installed");
    }

    private void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", "-" + name + " " + _process!.Id) { UseShellExecute = false });
        kill?.WaitForExit();
    }

    private static bool Accepts(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Parse(host), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool AcceptsOnSocket(string path)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
