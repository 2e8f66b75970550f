namespace DoorController.LocalBroker;

/// <summary>How to run a <see cref="MosquittoBroker"/>. The defaults are the project's configuration: TLS and the
/// dynamic-security plugin, a temporary directory, a free port on 127.0.0.1.</summary>
public sealed class BrokerOptions
{
    /// <summary>TLS listener with a certificate from the site CA. False gives an authenticated plaintext listener
    /// (for tests of plaintext refusal only).</summary>
    public bool Tls { get; set; } = true;

    /// <summary>Persistent directory (site CA, certificate, identities, plugin state); null for a throw-away one.</summary>
    public string? Directory { get; set; }

    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>Host names and addresses the broker's certificate is valid for (persistent brokers).</summary>
    public string[] Names { get; set; } = { "127.0.0.1", "localhost" };

    /// <summary>Common name of a new site CA.</summary>
    public string SiteName { get; set; } = "doorctl site";

    /// <summary>Refuse TLS clients without a certificate signed by the site CA.</summary>
    public bool RequireClientCertificates { get; set; }

    /// <summary>Per-client queue of QoS 1 messages while a client is slow (the benchmarks replay 100,000 events).</summary>
    public int MaxQueuedMessages { get; set; } = 100000;
}
