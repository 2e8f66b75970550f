namespace DoorController.Contract
{
    /// <summary>Protocol text for bundle outcomes in sync/result and error events (no Enum.ToString on the device).</summary>
    public static class BundleStatusNames
    {
        public static string Of(BundleStatus status)
        {
            switch (status)
            {
                case BundleStatus.Accepted: return "accepted";
                case BundleStatus.Installed: return "installed";
                case BundleStatus.Duplicate: return "duplicate";
                case BundleStatus.Malformed: return "malformed";
                case BundleStatus.Oversize: return "oversize";
                case BundleStatus.BadMac: return "bad-mac";
                case BundleStatus.StaleVersion: return "stale-version";
                case BundleStatus.WrongBase: return "wrong-base";
                case BundleStatus.OutOfOrder: return "out-of-order";
                case BundleStatus.Truncated: return "truncated";
                case BundleStatus.StorageFailed: return "storage";
                case BundleStatus.MergeRefused: return "merge-refused";
                default: return "refused";
            }
        }
    }
}
