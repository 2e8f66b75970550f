namespace DoorController.Access
{
    /// <summary>
    /// A person (Fig 3A). Presence, last-seen and permissions hang off <see cref="Id"/>, never off a credential,
    /// so a user may enter with one method and leave with another (the patent's central point).
    /// </summary>
    public sealed class User
    {
        private static readonly int[] NoGroups = new int[0];

        public int Id;
        public UserAttribute Attribute;
        /// <summary>For guests: the employee who invited them (notification route "inviting employee"); 0 if none.</summary>
        public int InviterId;
        /// <summary>Groups whose permissions this user also has; never null.</summary>
        public int[] GroupIds = NoGroups;
        public bool Enabled = true;
        /// <summary>Doors stay released longer for this person (wheelchair, walking aid): extended unlock and held-open times.</summary>
        public bool ExtendedAccess;
        /// <summary>First-person-in: this person's entry during a door's office-mode window holds the door unlocked
        /// until the window ends (<see cref="OfficeModeCheck"/>). A role of the person (key holder, receptionist);
        /// where it applies is still bounded by their permissions and the doors that have office-mode windows.</summary>
        public bool OfficeModeHolder;
        /// <summary>Display name; optional (the controller cache leaves it null).</summary>
        public string Name;

        public User()
        {
        }

        public User(int id, UserAttribute attribute)
        {
            Id = id;
            Attribute = attribute;
        }

        /// <summary>Copies every field into <paramref name="target"/> (cache readers reuse one instance).</summary>
        public void CopyTo(User target)
        {
            target.Id = Id;
            target.Attribute = Attribute;
            target.InviterId = InviterId;
            target.GroupIds = GroupIds;
            target.Enabled = Enabled;
            target.ExtendedAccess = ExtendedAccess;
            target.OfficeModeHolder = OfficeModeHolder;
            target.Name = Name;
        }
    }
}
