using System.IO;
using DoorController.Access;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// Walks one sorted list of a delta body (removed keys or upserted records) item by item, straight from the
    /// staged file: one item in RAM at a time. Refuses a list that is not strictly increasing.
    /// </summary>
    public sealed class DeltaCursor
    {
        private readonly Stream _stream;
        private readonly int _itemSize;
        private readonly byte[] _item;
        private readonly byte[] _previous;
        private long _position;
        private int _left;

        public DeltaCursor(Stream stream, long position, int count, int itemSize)
        {
            _stream = stream;
            _position = position;
            _left = count;
            _itemSize = itemSize;
            _item = new byte[itemSize];
            _previous = new byte[itemSize];
        }

        /// <summary>The current item (valid while <see cref="HasItem"/>).</summary>
        public byte[] Item
        {
            get { return _item; }
        }

        public bool HasItem { get; private set; }

        /// <summary>Reads the next item; false at the end. Throws on a short file or an item not above the previous one.</summary>
        public bool Next()
        {
            if (HasItem)
            {
                System.Array.Copy(_item, _previous, _itemSize);
            }
            bool hadItem = HasItem;
            HasItem = false;
            if (_left == 0)
            {
                return false;
            }
            _stream.Seek(_position, SeekOrigin.Begin);
            if (!StreamReads.ReadExactly(_stream, _item, 0, _itemSize))
            {
                throw new IOException("delta ends early");
            }
            if (hadItem && HashOrder.ComparePrefix(_previous, 0, _item, 0, CredentialStoreFormat.HashBytes) >= 0)
            {
                throw new IOException("delta list out of order");
            }
            _position += _itemSize;
            _left--;
            HasItem = true;
            return true;
        }

        /// <summary>Order of the current item's kept hash bytes against a record's (positive when there is no current item).</summary>
        public int CompareTo(byte[] record, int offset)
        {
            return HasItem ? HashOrder.ComparePrefix(_item, 0, record, offset, CredentialStoreFormat.HashBytes) : 1;
        }
    }
}
