using DoorController.Access;

namespace DoorController.Readers
{
    /// <summary>
    /// Direction by channel (patent Fig. 6A/6B): a reader mounted inside is an exit reader; a method can imply a
    /// direction (NFC tap at the inside pad = exit, BLE proximity = entry). A reader setting beats a method setting,
    /// which beats the hint the read itself carried.
    /// </summary>
    public sealed class DirectionMap
    {
        public const int MaximumReaders = 8;

        private readonly Direction[] _byMethod = new Direction[8];
        private readonly int[] _readerIds = new int[MaximumReaders];
        private readonly Direction[] _byReader = new Direction[MaximumReaders];
        private int _readerCount;

        public void SetForMethod(CredentialMethod method, Direction direction)
        {
            int index = (int)method;
            if (index >= 0 && index < _byMethod.Length)
            {
                _byMethod[index] = direction;
            }
        }

        /// <summary>False when <see cref="MaximumReaders"/> readers are already configured.</summary>
        public bool SetForReader(int readerId, Direction direction)
        {
            for (int i = 0; i < _readerCount; i++)
            {
                if (_readerIds[i] == readerId)
                {
                    _byReader[i] = direction;
                    return true;
                }
            }
            if (_readerCount == MaximumReaders)
            {
                return false;
            }
            _readerIds[_readerCount] = readerId;
            _byReader[_readerCount] = direction;
            _readerCount++;
            return true;
        }

        public Direction Resolve(CredentialMethod method, int readerId, Direction hint)
        {
            for (int i = 0; i < _readerCount; i++)
            {
                if (_readerIds[i] == readerId && _byReader[i] != Direction.Unknown)
                {
                    return _byReader[i];
                }
            }
            int index = (int)method;
            if (index >= 0 && index < _byMethod.Length && _byMethod[index] != Direction.Unknown)
            {
                return _byMethod[index];
            }
            return hint;
        }
    }
}
