namespace DoorController.Access
{
    /// <summary>
    /// A user's role (the patent's "attribute information", Fig 3A). Policies (Fig 9A) and notification routes
    /// (Fig 9B) are chosen per attribute. Values are stable: they are stored in cache files and sent on the wire.
    /// </summary>
    public enum UserAttribute
    {
        Unknown = 0,
        Employee = 1,
        Guard = 2,
        Guest = 3,
        Resident = 4,
        Contractor = 5,
        Delivery = 6
    }
}
