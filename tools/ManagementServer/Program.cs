using System;

namespace DoorController.Server
{
    /// <summary>Entry point: options from the command line and environment, then run until stopped.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            ServerOptions options;
            string error;
            if (!ServerOptions.TryParse(args, out options, out error))
            {
                Console.Error.WriteLine("doorctl-server: " + error);
                Console.Error.WriteLine(ServerOptions.Usage);
                return 2;
            }
            ServerHost host;
            try
            {
                host = ServerHost.Create(options);
            }
            catch (Exception e) when (e is StartupException || e is System.IO.IOException || e is UnauthorizedAccessException || e is System.Data.Common.DbException)
            {
                // Something the operator must fix (a damaged or unreadable database, a missing key, a full disk):
                // one line that says what, not a stack trace.
                Console.Error.WriteLine("doorctl-server: cannot start: " + e.Message);
                return 3;
            }
            using (host)
            {
                try
                {
                    host.Start();
                }
                catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is TimeoutException || e is System.IO.IOException)
                {
                    // Bad broker settings, or the server's own broker would not start: say why, never run half-configured.
                    Console.Error.WriteLine("doorctl-server: " + e.Message);
                    return 2;
                }
                Console.WriteLine("doorctl-server listening on " + host.Url + " (storage: " + host.Store.Db.Dialect + ")");
                host.WaitForShutdown();
            }
            return 0;
        }
    }
}
