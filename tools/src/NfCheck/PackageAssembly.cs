using System.Collections.Generic;

namespace DoorController.NfCheck
{
    /// <summary>
    /// One assembly a package ships: <see cref="File"/> is its path inside the package (the tail of an nfproj hint
    /// path) and <see cref="References"/> the assemblies it references, which a project referencing it must list too.
    /// </summary>
    public sealed record PackageAssembly(string Name, string PackageId, string File, IReadOnlyList<string> References);
}
