namespace DoorController.Access
{
    /// <summary>The last place and time each user was seen (Fig 8), from our readers or outside sources.</summary>
    public interface ILastSeenSource
    {
        /// <summary>Fills <paramref name="into"/> and returns true when the user has been seen.</summary>
        bool TryGet(int userId, Sighting into);

        /// <summary>Stores a copy of <paramref name="sighting"/> as the user's latest.</summary>
        void Record(Sighting sighting);
    }
}
