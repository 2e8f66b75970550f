namespace DoorController.NfCheck
{
    /// <summary>A dependency a package's .nuspec declares: another package at <see cref="MinimumVersion"/> or later.</summary>
    public sealed record PackageDependency(string Id, string MinimumVersion);
}
