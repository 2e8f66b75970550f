namespace DoorController.Server.Services
{
    /// <summary>A device registration request (S11-S12): where the controller is and what it is for.</summary>
    public sealed record DeviceInput(string Name, string Location, string Usage, string AreaId, string Address, double? Latitude, double? Longitude);
}
