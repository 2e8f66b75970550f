namespace DoorController.Access
{
    /// <summary>Users in RAM by id (server, tests).</summary>
    public sealed class InMemoryUserDirectory : IUserDirectory
    {
        private readonly IntMap _users = new IntMap();

        public User Add(User user)
        {
            _users.Put(user.Id, user);
            return user;
        }

        public User Add(int id, UserAttribute attribute)
        {
            return Add(new User(id, attribute));
        }

        public User Find(int userId)
        {
            return (User)_users.Get(userId);
        }

        public int Count
        {
            get { return _users.Count; }
        }
    }
}
