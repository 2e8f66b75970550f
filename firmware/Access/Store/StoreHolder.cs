namespace DoorController.Access
{
    /// <summary>
    /// The holder of the credential a <see cref="FileCredentialDirectory"/> found last: the user (attribute, inviter,
    /// enabled) from its profile, and, when asked, its permission set decoded into a fixed pool. This is all the
    /// decision needs after authentication, so the controller keeps no table of users or permissions in RAM. Answers
    /// only for that user (null or no permissions for anyone else); the server, which decides for anyone, uses its
    /// in-memory directories instead. Allocates nothing.
    /// </summary>
    public sealed class StoreHolder : IUserDirectory, IPermissionSource
    {
        private static readonly Permission[] None = new Permission[0];

        private readonly FileCredentialDirectory _store;
        private readonly User _user = new User();
        private readonly byte[] _set = new byte[PermissionSetFormat.MaxSetBytes];
        private readonly Permission[] _pool = new Permission[PermissionSetFormat.MaxPermissions];
        private readonly Permission[] _view = new Permission[PermissionSetFormat.MaxPermissions];
        private readonly TimeWindow[][] _windowLists = new TimeWindow[PermissionSetFormat.MaxPermissions][];
        private readonly TimeWindow[] _windows = new TimeWindow[PermissionSetFormat.MaxWindows];
        private bool _present;
        private int _setIndex;
        private bool _setDecoded;

        public StoreHolder(FileCredentialDirectory store)
        {
            _store = store;
            for (int i = 0; i < _pool.Length; i++)
            {
                _pool[i] = new Permission();
                _windowLists[i] = new TimeWindow[PermissionSetFormat.MaxWindowsPerPermission];
            }
            for (int i = 0; i < _windows.Length; i++)
            {
                _windows[i] = new TimeWindow();
            }
        }

        /// <summary>Filled by the directory when it decodes a profile.</summary>
        internal User User
        {
            get { return _user; }
        }

        internal void Load(int permissionSet)
        {
            _present = true;
            _setIndex = permissionSet;
            _setDecoded = false;
        }

        internal void Forget()
        {
            _present = false;
        }

        public User Find(int userId)
        {
            return _present && _user.Id == userId ? _user : null;
        }

        /// <summary>The holder's permissions (a reused array: unused slots are null); none for anyone else or when damaged.</summary>
        public Permission[] ForUser(int userId)
        {
            if (!_present || _user.Id != userId || _setIndex == CredentialStoreFormat.NoPermissionSet)
            {
                return None;
            }
            if (!_setDecoded)
            {
                int length = _store.ReadPermissionSet(_setIndex, _set);
                if (length < 0 || PermissionSetFormat.Decode(_set, 0, length, userId, _pool, _view, _windowLists, _windows) < 0)
                {
                    _present = false;
                    return None;
                }
                _setDecoded = true;
            }
            return _view;
        }

        /// <summary>The controller's cache has no groups: the server flattened them into each holder's set.</summary>
        public Permission[] ForGroup(int groupId)
        {
            return None;
        }
    }
}
