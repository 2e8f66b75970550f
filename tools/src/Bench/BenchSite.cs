using System;
using System.Collections.Generic;
using System.IO;
using DoorController.Contract;
using DoorController.LocalBroker;
using DoorController.Server;
using DoorController.Server.Mqtt;
using DoorController.Server.Storage;

namespace DoorController.Bench
{
    /// <summary>The online, replay and scale benchmarks' site: a server on a scratch SQLite (or PostgreSQL) with
    /// controllers, readers and permitted people written in one transaction, and the broker identity it runs as.</summary>
    public static class BenchSite
    {
        /// <summary>The bench's server on its data directory under <paramref name="scratch"/> (again after a restart).</summary>
        public static ServerHost Reopen(string scratch, MosquittoBroker broker, Action<ServerOptions> configure = null)
        {
            var options = new ServerOptions { DataDirectory = Path.Combine(scratch, "server"), Port = 0, AdminPassword = "bench-password",
                Broker = BrokerAccess.Of(broker), RunRetentionJob = false };
            configure?.Invoke(options);
            return ServerHost.Create(options);
        }

        /// <summary>A server on a scratch SQLite with <paramref name="devices"/> controllers (one "both" reader each) and
        /// users permitted there, written in one transaction (registering 5,000 people one by one is not the benchmark).</summary>
        /// <param name="configure">Changes to the server's options (the scale benchmark: PostgreSQL, an instance name).</param>
        /// <param name="entryNeighbour">Entry readers, each user also permitted at the next controller's reader (two
        /// doors for one person: the scale benchmark's double entries).</param>
        public static ServerHost Provision(string scratch, MosquittoBroker broker, int devices, int usersPerDevice, out SiteLayout site, bool pairedReaders = false,
            Action<ServerOptions> configure = null, bool entryNeighbour = false)
        {
            var host = Reopen(scratch, broker, configure);
            var hasher = host.Services.Context.Hasher;
            var layout = new SiteLayout { Devices = new string[devices], Readers = new int[devices], ExitReaders = new int[devices], Hashes = new string[devices][], Users = new int[devices][],
                Keys = new WireKeys[devices] };
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var second = new List<(int N, string User, string Reader)>();
            host.Store.Db.InTransaction(tx =>
            {
                for (int d = 0; d < devices; d++)
                {
                    string device = "d-bench" + d, reader = "r-bench" + d;
                    tx.Execute("INSERT INTO devices (id, name, location, usage, device_key, cache_version, revoked, created_at) VALUES (@id, @n, 'bench', 'both', @k, 0, 0, @t)",
                        new { id = device, n = "bench " + d, k = host.Services.Context.DeviceKeys.Seal(device, new byte[32]), t = now });
                    tx.Execute("INSERT INTO readers (id, device_id, name, usage, created_at) VALUES (@id, @d, @n, @u, @t)",
                        new { id = reader, d = device, n = "R" + d, u = pairedReaders || entryNeighbour ? "entry" : "both", t = now });
                    layout.Devices[d] = device;
                    layout.Keys[d] = SiteLayout.KeysOf(device);
                    layout.Readers[d] = NumericIds.Assign(tx, reader);
                    layout.ExitReaders[d] = layout.Readers[d];
                    if (pairedReaders)
                    {
                        tx.Execute("INSERT INTO readers (id, device_id, name, usage, created_at) VALUES (@id, @d, @n, 'exit', @t)", new { id = reader + "x", d = device, n = "R" + d + "x", t = now });
                        layout.ExitReaders[d] = NumericIds.Assign(tx, reader + "x");
                    }
                    layout.Hashes[d] = new string[usersPerDevice];
                    layout.Users[d] = new int[usersPerDevice];
                    for (int u = 0; u < usersPerDevice; u++)
                    {
                        int n = d * usersPerDevice + u;
                        string user = "u-bench" + n, uid = "04" + n.ToString("X6");
                        tx.Execute("INSERT INTO users (id, name, attribute, revoked, created_at) VALUES (@id, @n, 'employee', 0, @t)", new { id = user, n = "user " + n, t = now });
                        layout.Users[d][u] = NumericIds.Assign(tx, user);
                        layout.Hashes[d][u] = hasher.Hash("nfc", uid);
                        tx.Execute("INSERT INTO credentials (id, user_id, method, hash, one_time, revoked, created_at) VALUES (@id, @u, 'nfc', @h, 0, 0, @t)",
                            new { id = "c-bench" + n, u = user, h = layout.Hashes[d][u], t = now });
                        tx.Execute("INSERT INTO permissions (id, user_id, reader_id, created_at) VALUES (@id, @u, @r, @t)", new { id = "p-bench" + n, u = user, r = reader, t = now });
                        tx.Execute("INSERT INTO permission_windows (permission_id, days_mask, start_minute, end_minute) VALUES (@p, 255, 0, 1440)", new { p = "p-bench" + n });
                        if (pairedReaders || entryNeighbour)
                        {
                            // The neighbour's reader is made on its turn: these permissions are written after the loop.
                            second.Add((n, user, pairedReaders ? reader + "x" : "r-bench" + (d + 1) % devices));
                        }
                    }
                }
                foreach (var (n, user, reader) in second)
                {
                    tx.Execute("INSERT INTO permissions (id, user_id, reader_id, created_at) VALUES (@id, @u, @r, @t)", new { id = "p-bench" + n + "x", u = user, r = reader, t = now });
                    tx.Execute("INSERT INTO permission_windows (permission_id, days_mask, start_minute, end_minute) VALUES (@p, 255, 0, 1440)", new { p = "p-bench" + n + "x" });
                }
            });
            host.Services.Context.Changed();
            host.Start();
            site = layout;
            return host;
        }
    }
}
