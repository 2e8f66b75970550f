namespace DoorController.Contract
{
    /// <summary>What a cache bundle carries.</summary>
    public enum BundleKind
    {
        /// <summary>A complete credential/permission store replacing the installed one.</summary>
        Full = 1,

        /// <summary>Changes against the installed version ("base"), merged by the access layer.</summary>
        Delta = 2
    }
}
