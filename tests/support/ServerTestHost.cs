using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;

namespace DoorController.TestSupport;

/// <summary>The management server in-process on 127.0.0.1 with a free port and a temp data directory (SQLite),
/// plus an HTTP client that signs in as the bootstrap admin.</summary>
public sealed class ServerTestHost : IDisposable
{
    public const string AdminPassword = "test-password-1";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "doorctl-server-" + Guid.NewGuid().ToString("N")[..8]);

    public ServerTestHost(Action<ServerOptions>? configure = null)
    {
        var options = new ServerOptions { DataDirectory = _dir, Port = 0, AdminPassword = AdminPassword, RunRetentionJob = false };
        configure?.Invoke(options);
        Host = ServerHost.Create(options);
        Host.Start();
        Client = new HttpClient { BaseAddress = new Uri(Host.Url) };
    }

    /// <summary>A server on <paramref name="broker"/> as doorctl-server, administering its identities (registration
    /// creates each controller's broker identity); waits until it is connected and subscribed.</summary>
    public ServerTestHost(MosquittoBroker broker, Action<ServerOptions>? configure = null)
        : this(o => { o.Broker = BrokerAccess.Of(broker); configure?.Invoke(o); })
    {
        if (!Host.Mqtt!.WaitConnected(TimeSpan.FromSeconds(10))) throw new InvalidOperationException("the server did not connect to the broker: " + broker.LogText);
    }

    public ServerHost Host { get; }
    public HttpClient Client { get; }
    public string Url => Host.Url;
    /// <summary>The server's data directory (SQLite file, keys).</summary>
    public string DataDirectory => _dir;

    /// <summary>A client with a bearer token for the given account.</summary>
    public HttpClient SignedIn(string user = "admin", string password = AdminPassword) => SignIn(Host.Url, user, password);

    /// <summary>A client with a bearer token for the given account on the server at <paramref name="url"/>.</summary>
    public static HttpClient SignIn(string url, string user, string password)
    {
        var anon = new HttpClient { BaseAddress = new Uri(url) };
        var res = anon.PostAsync("/api/auth/login", Json(new { username = user, password })).Result;
        res.EnsureSuccessStatusCode();
        string token = JsonDocument.Parse(res.Content.ReadAsStringAsync().Result).RootElement.GetProperty("token").GetString()!;
        anon.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return anon;
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static StringContent Raw(string text, string contentType = "application/json") => new(text, Encoding.UTF8, contentType);

    public static JsonElement Parse(HttpResponseMessage res) => JsonDocument.Parse(res.Content.ReadAsStringAsync().Result).RootElement;

    public static string Id(HttpResponseMessage res)
    {
        if ((int)res.StatusCode >= 300) throw new InvalidOperationException(res.StatusCode + ": " + res.Content.ReadAsStringAsync().Result);
        return Parse(res).GetProperty("id").ToString();
    }

    public long Count(string table) => Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM " + table)!.Long("n");

    public void Dispose()
    {
        Client.Dispose();
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
