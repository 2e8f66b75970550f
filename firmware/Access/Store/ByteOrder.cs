namespace DoorController.Access
{
    /// <summary>Unsigned lexicographic order of byte arrays (a shorter prefix first), for the store builder's tables.</summary>
    public static class ByteOrder
    {
        public static int Compare(byte[] a, byte[] b)
        {
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++)
            {
                int d = a[i] - b[i];
                if (d != 0)
                {
                    return d;
                }
            }
            return a.Length - b.Length;
        }

        /// <summary>Sorts in place (heap sort: no recursion, no extra memory).</summary>
        public static void Sort(byte[][] items)
        {
            int count = items.Length;
            for (int start = count / 2 - 1; start >= 0; start--)
            {
                SiftDown(items, start, count);
            }
            for (int end = count - 1; end > 0; end--)
            {
                byte[] t = items[0];
                items[0] = items[end];
                items[end] = t;
                SiftDown(items, 0, end);
            }
        }

        /// <summary>The indexes of <paramref name="items"/> in byte order of the items (heap sort; the items stay put).</summary>
        public static int[] SortedIndexes(byte[][] items)
        {
            int count = items.Length;
            int[] order = new int[count];
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
            }
            for (int start = count / 2 - 1; start >= 0; start--)
            {
                SiftDown(items, order, start, count);
            }
            for (int end = count - 1; end > 0; end--)
            {
                int t = order[0];
                order[0] = order[end];
                order[end] = t;
                SiftDown(items, order, 0, end);
            }
            return order;
        }

        private static void SiftDown(byte[][] items, int[] order, int root, int count)
        {
            while (true)
            {
                int child = root * 2 + 1;
                if (child >= count)
                {
                    return;
                }
                if (child + 1 < count && Compare(items[order[child]], items[order[child + 1]]) < 0)
                {
                    child++;
                }
                if (Compare(items[order[root]], items[order[child]]) >= 0)
                {
                    return;
                }
                int t = order[root];
                order[root] = order[child];
                order[child] = t;
                root = child;
            }
        }

        private static void SiftDown(byte[][] items, int root, int count)
        {
            while (true)
            {
                int child = root * 2 + 1;
                if (child >= count)
                {
                    return;
                }
                if (child + 1 < count && Compare(items[child], items[child + 1]) < 0)
                {
                    child++;
                }
                if (Compare(items[root], items[child]) >= 0)
                {
                    return;
                }
                byte[] t = items[root];
                items[root] = items[child];
                items[child] = t;
                root = child;
            }
        }
    }
}
