namespace DoorController.Access
{
    /// <summary>
    /// Uses consumed by limited credentials, in a fixed-size table: one-time codes are few, so the controller
    /// keeps a small table instead of a counter per credential. When full, the oldest row is replaced (its code
    /// then counts as unused again, which the server's online check catches).
    /// </summary>
    public sealed class UseCounterTable : IUseCounter
    {
        private readonly int[] _index;
        private readonly int[] _used;
        private int _count;
        private int _next;

        public UseCounterTable(int capacity)
        {
            _index = new int[capacity];
            _used = new int[capacity];
        }

        public int Used(int credentialIndex)
        {
            int i = Locate(credentialIndex);
            return i < 0 ? 0 : _used[i];
        }

        public void Consume(int credentialIndex)
        {
            int i = Locate(credentialIndex);
            if (i >= 0)
            {
                _used[i]++;
                return;
            }
            if (_index.Length == 0)
            {
                return;
            }
            if (_count < _index.Length)
            {
                i = _count++;
            }
            else
            {
                i = _next;
                _next = (_next + 1) % _index.Length;
            }
            _index[i] = credentialIndex;
            _used[i] = 1;
        }

        private int Locate(int credentialIndex)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_index[i] == credentialIndex)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
