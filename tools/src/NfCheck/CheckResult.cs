using System.Collections.Generic;

namespace DoorController.NfCheck
{
    /// <summary>What one run found: how many device sources were compiled and every violation, sorted by place.</summary>
    public sealed class CheckResult
    {
        public CheckResult(int fileCount, IReadOnlyList<Violation> violations)
        {
            FileCount = fileCount;
            Violations = violations;
        }

        public int FileCount { get; }

        public IReadOnlyList<Violation> Violations { get; }

        public bool Clean => Violations.Count == 0;

        public string Summary => $"nfcheck: {FileCount} files, {Violations.Count} violations";
    }
}
