using System.Collections.Generic;

namespace DoorController.NfCheck
{
    /// <summary>A NuGet package device code may reference: the version its surface was read from and what it declares.</summary>
    public sealed record PackageInfo(string Id, string Version, IReadOnlyList<PackageDependency> Dependencies, IReadOnlyList<PackageAssembly> Assemblies);
}
