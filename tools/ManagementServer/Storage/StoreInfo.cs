namespace DoorController.Server.Storage
{
    /// <summary>The storage a running server uses (for logs and tests).</summary>
    public sealed class StoreInfo
    {
        public StoreInfo(Database db)
        {
            Db = db;
        }

        public Database Db { get; }
    }
}
