using System.Collections.Generic;

namespace DoorController.NfCheck
{
    /// <summary>What one run found: the device sources compiled, each assembly's estimated size and every violation.</summary>
    public sealed class CheckResult
    {
        public CheckResult(int fileCount, IReadOnlyList<AssemblySize> assemblies, IReadOnlyList<Violation> violations)
        {
            FileCount = fileCount;
            Assemblies = assemblies;
            Violations = violations;
        }

        public int FileCount { get; }

        /// <summary>Every assembly that compiled, in build order.</summary>
        public IReadOnlyList<AssemblySize> Assemblies { get; }

        public IReadOnlyList<Violation> Violations { get; }

        public bool Clean => Violations.Count == 0;

        public string Summary => $"nfcheck: {Assemblies.Count} assemblies, {FileCount} files, {Violations.Count} violations";
    }
}
