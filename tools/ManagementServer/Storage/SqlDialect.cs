namespace DoorController.Server.Storage
{
    /// <summary>The two supported databases. Their differences are confined to <see cref="Database"/> and the
    /// migration tokens (see <see cref="Migrations"/>); every query is written once in the common subset.</summary>
    public enum SqlDialect
    {
        Sqlite,
        Postgres,
    }
}
