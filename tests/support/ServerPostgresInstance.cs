using DoorController.LocalBroker;
using Npgsql;

namespace DoorController.TestSupport;

/// <summary>
/// A throw-away PostgreSQL 15 cluster for the storage suite: the demo's <see cref="LocalPostgres"/> (initdb as the
/// postgres user, a free 127.0.0.1 port, trust authentication, removed on dispose), started without fsync because a
/// test needs no durability. If it cannot start, <see cref="FailureReason"/> says why in one line and every
/// PostgreSQL test fails with that line — never a silent skip.
/// </summary>
public sealed class ServerPostgresInstance : IDisposable
{
    private readonly LocalPostgres? _cluster;
    private int _databases;

    public ServerPostgresInstance()
    {
        try
        {
            _cluster = LocalPostgres.Start(durable: false);
        }
        catch (Exception e)
        {
            FailureReason = "postgres: cannot start PostgreSQL 15 for the storage suite: " + e.Message.Split('\n')[0];
            Console.Error.WriteLine(FailureReason);
        }
    }

    public int Port => _cluster?.Port ?? 0;
    public string? FailureReason { get; }

    /// <summary>A fresh, empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        if (_cluster == null) throw new InvalidOperationException(FailureReason);
        string name = "doorctl_" + Interlocked.Increment(ref _databases);
        using (var c = new NpgsqlConnection(_cluster.ConnectionString("postgres")))
        {
            c.Open();
            using var cmd = new NpgsqlCommand("CREATE DATABASE " + name, c);
            cmd.ExecuteNonQuery();
        }
        return _cluster.ConnectionString(name);
    }

    public void Dispose() => _cluster?.Dispose();
}
