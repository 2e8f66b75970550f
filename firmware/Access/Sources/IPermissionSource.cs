namespace DoorController.Access
{
    /// <summary>Authority information (Fig 3C) for a user and for each group the user belongs to.</summary>
    public interface IPermissionSource
    {
        /// <summary>The user's own permissions; never null (empty when none).</summary>
        Permission[] ForUser(int userId);

        /// <summary>A group's permissions; never null.</summary>
        Permission[] ForGroup(int groupId);
    }
}
