namespace DoorController.Journal
{
    /// <summary>Segment file names: PREFIX-NNNNNNNN.seg, zero-padded so ordinal order is append order.</summary>
    public static class SegmentNames
    {
        private const string Suffix = ".seg";
        private const int Digits = 8;

        public static string Format(string prefix, uint number)
        {
            return prefix + "-" + number.ToString().PadLeft(Digits, '0') + Suffix;
        }

        /// <summary>Parses a name made by <see cref="Format"/>; false for any other file (e.g. the state slots).</summary>
        public static bool TryParse(string prefix, string name, out uint number)
        {
            number = 0;
            int start = prefix.Length + 1;
            if (name == null || name.Length != start + Digits + Suffix.Length || !name.StartsWith(prefix + "-") || !name.EndsWith(Suffix))
            {
                return false;
            }
            uint value = 0;
            for (int i = start; i < start + Digits; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                value = value * 10 + (uint)(c - '0');
            }
            number = value;
            return true;
        }
    }
}
