namespace DoorController.Access
{
    /// <summary>Unsigned lexicographic order of 16-byte credential hashes: the sort order of the store file.</summary>
    public static class HashOrder
    {
        public static int Compare(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            return ComparePrefix(a, aOffset, b, bOffset, CredentialHasher.HashLength);
        }

        /// <summary>The same order over the first <paramref name="length"/> bytes (the store keeps 7 of the 16).</summary>
        public static int ComparePrefix(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                int d = a[aOffset + i] - b[bOffset + i];
                if (d != 0)
                {
                    return d;
                }
            }
            return 0;
        }

        /// <summary>Sorts credentials by hash in place (heap sort: no recursion, no extra memory).</summary>
        public static void Sort(CredentialInfo[] items, int count)
        {
            for (int start = count / 2 - 1; start >= 0; start--)
            {
                SiftDown(items, start, count);
            }
            for (int end = count - 1; end > 0; end--)
            {
                CredentialInfo t = items[0];
                items[0] = items[end];
                items[end] = t;
                SiftDown(items, 0, end);
            }
        }

        private static void SiftDown(CredentialInfo[] items, int root, int count)
        {
            while (true)
            {
                int child = root * 2 + 1;
                if (child >= count)
                {
                    return;
                }
                if (child + 1 < count && Compare(items[child].Hash, 0, items[child + 1].Hash, 0) < 0)
                {
                    child++;
                }
                if (Compare(items[root].Hash, 0, items[child].Hash, 0) >= 0)
                {
                    return;
                }
                CredentialInfo t = items[root];
                items[root] = items[child];
                items[child] = t;
                root = child;
            }
        }
    }
}
