using System.Collections;

namespace DoorController.Access
{
    /// <summary>Permissions in RAM, indexed by user and by group.</summary>
    public sealed class InMemoryPermissions : IPermissionSource
    {
        private static readonly Permission[] None = new Permission[0];
        private readonly IntMap _byUser = new IntMap();
        private readonly IntMap _byGroup = new IntMap();

        /// <summary>Adds a permission to its user's or group's list (lists are arrays so reads allocate nothing).</summary>
        public Permission Add(Permission p)
        {
            IntMap map = p.UserId != 0 ? _byUser : _byGroup;
            int key = p.UserId != 0 ? p.UserId : p.GroupId;
            Permission[] old = (Permission[])map.Get(key);
            int n = old == null ? 0 : old.Length;
            Permission[] grown = new Permission[n + 1];
            if (old != null)
            {
                System.Array.Copy(old, grown, n);
            }
            grown[n] = p;
            map.Put(key, grown);
            return p;
        }

        public Permission[] ForUser(int userId)
        {
            Permission[] list = (Permission[])_byUser.Get(userId);
            return list == null ? None : list;
        }

        public Permission[] ForGroup(int groupId)
        {
            Permission[] list = (Permission[])_byGroup.Get(groupId);
            return list == null ? None : list;
        }

        /// <summary>Every permission (allocates; for cache builders).</summary>
        public ArrayList All()
        {
            ArrayList all = new ArrayList();
            Append(all, _byUser.Values());
            Append(all, _byGroup.Values());
            return all;
        }

        private static void Append(ArrayList all, object[] lists)
        {
            for (int i = 0; i < lists.Length; i++)
            {
                Permission[] list = (Permission[])lists[i];
                for (int j = 0; j < list.Length; j++)
                {
                    all.Add(list[j]);
                }
            }
        }
    }
}
