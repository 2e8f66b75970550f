namespace DoorController.Access
{
    /// <summary>What a permission grants (Fig 3C keys permissions by device; doors and areas also work). Stable values.</summary>
    public enum PermissionTarget
    {
        Reader = 1,
        Door = 2,
        /// <summary>The area and every area nested in it (a reader matches when its controlled area is inside).</summary>
        Area = 3
    }
}
