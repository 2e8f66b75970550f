namespace DoorController.Server.Services
{
    /// <summary>A reader (the patent's authentication device) on a controller: its door, entry/exit usage and place.</summary>
    public sealed record ReaderInput(string DoorId, string Name, string Usage, string Location, double? Latitude, double? Longitude);
}
