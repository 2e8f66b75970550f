using System;
using System.IO;
using DoorController.Core;

namespace DoorController.Access
{
    /// <summary>
    /// Users read on demand from the site section's sorted 16-byte records: a fixed sparse RAM index of ids
    /// narrows a lookup to one run that is read with one Seek + Read. Returns one reused <see cref="User"/>
    /// (valid until the next call), so a lookup allocates nothing; RAM does not grow with the user count.
    /// </summary>
    public sealed class FileUserDirectory : IUserDirectory
    {
        public const int IndexEntries = 512;
        public const int BlockRecords = 128;

        private readonly Stream _stream;
        private readonly long _records;
        private readonly int _count;
        private readonly int[] _indexId;
        private readonly int[] _indexPosition;
        private readonly byte[] _block = new byte[BlockRecords * SiteCacheFormat.UserRecordSize];
        private readonly User _user = new User();
        private readonly int[] _group = new int[1];
        private readonly int[] _noGroups = new int[0];
        private bool _failed;

        /// <summary>Builds the index from the stream (records at <paramref name="recordsPosition"/>); check <see cref="Valid"/>.</summary>
        public FileUserDirectory(Stream stream, long recordsPosition, int count)
        {
            _stream = stream;
            _records = recordsPosition;
            _count = count;
            int entries = count < IndexEntries ? count : IndexEntries;
            _indexId = new int[entries];
            _indexPosition = new int[entries];
            try
            {
                int previous = 0;
                for (int k = 0; k < entries; k++)
                {
                    int position = (int)((long)k * count / entries);
                    Read(position, 1);
                    int id = LittleEndian.ReadInt32(_block, 0);
                    if (k > 0 && id <= previous)
                    {
                        _failed = true;
                    }
                    previous = id;
                    _indexId[k] = id;
                    _indexPosition[k] = position;
                }
            }
            catch (Exception)
            {
                _failed = true;
            }
        }

        public bool Valid
        {
            get { return !_failed; }
        }

        public int Count
        {
            get { return _count; }
        }

        public User Find(int userId)
        {
            if (_failed || _count == 0)
            {
                return null;
            }
            try
            {
                return Search(userId);
            }
            catch (Exception)
            {
                _failed = true;
                return null;
            }
        }

        private User Search(int userId)
        {
            int n = _indexId.Length;
            int lo = 0;
            int hi = n;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (_indexId[mid] <= userId) lo = mid + 1; else hi = mid;
            }
            // Index entry lo-1 has the largest id <= userId; the user, if present, lies before entry lo.
            int start = lo == 0 ? 0 : _indexPosition[lo - 1];
            int end = lo < n ? _indexPosition[lo] : _count;
            while (end - start > BlockRecords)
            {
                int mid = (start + end) >> 1;
                Read(mid, 1);
                int id = LittleEndian.ReadInt32(_block, 0);
                if (id == userId)
                {
                    return Decode(0);
                }
                if (id < userId) start = mid + 1; else end = mid;
            }
            if (end <= start)
            {
                return null;
            }
            Read(start, end - start);
            int a = 0;
            int b = end - start - 1;
            while (a <= b)
            {
                int m = (a + b) >> 1;
                int id = LittleEndian.ReadInt32(_block, m * SiteCacheFormat.UserRecordSize);
                if (id == userId)
                {
                    return Decode(m * SiteCacheFormat.UserRecordSize);
                }
                if (id < userId) a = m + 1; else b = m - 1;
            }
            return null;
        }

        private User Decode(int offset)
        {
            User u = _user;
            u.Id = LittleEndian.ReadInt32(_block, offset);
            u.Attribute = (UserAttribute)_block[offset + 4];
            u.Enabled = (_block[offset + 5] & 1) != 0;
            u.ExtendedAccess = (_block[offset + 5] & 2) != 0;
            u.InviterId = LittleEndian.ReadInt32(_block, offset + 8);
            int group = LittleEndian.ReadInt32(_block, offset + 12);
            _group[0] = group;
            u.GroupIds = group != 0 ? _group : _noGroups;
            u.Name = null;
            return u;
        }

        private void Read(int first, int count)
        {
            _stream.Seek(_records + (long)first * SiteCacheFormat.UserRecordSize, SeekOrigin.Begin);
            int bytes = count * SiteCacheFormat.UserRecordSize;
            int done = 0;
            while (done < bytes)
            {
                int r = _stream.Read(_block, done, bytes - done);
                if (r <= 0)
                {
                    throw new IOException("user table ends early");
                }
                done += r;
            }
        }
    }
}
