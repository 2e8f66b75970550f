namespace DoorController.Server.Services
{
    /// <summary>A device registration request (S11-S12): where the controller is, what it is for, and how much flash its
    /// board has (4, 8 or 16 MB; sets the largest bundle it can hold, Contract.BoardFlash; the controller's sync requests
    /// correct it).</summary>
    public sealed record DeviceInput(string Name, string Location, string Usage, string AreaId, string Address, double? Latitude, double? Longitude,
        int FlashMegabytes = DoorController.Contract.BoardFlash.DefaultFlashMegabytes);
}
