namespace DoorController.Config
{
    /// <summary>What <see cref="ConfigStore.Load"/> found on flash.</summary>
    public enum ConfigLoadStatus
    {
        /// <summary>A valid, checksummed configuration was read.</summary>
        Loaded = 0,

        /// <summary>No configuration file: a blank board. Defaults are in use.</summary>
        Missing = 1,

        /// <summary>The file failed its checksum, did not parse or did not validate. Defaults are in use.</summary>
        Corrupt = 2
    }
}
