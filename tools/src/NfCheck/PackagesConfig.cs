using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace DoorController.NfCheck
{
    /// <summary>The root packages.config: package id → pinned version (empty when the file is missing).</summary>
    public sealed class PackagesConfig
    {
        private PackagesConfig(IReadOnlyDictionary<string, string> pins, bool exists)
        {
            Pins = pins;
            Exists = exists;
        }

        public IReadOnlyDictionary<string, string> Pins { get; }

        public bool Exists { get; }

        public static PackagesConfig Load(string root)
        {
            string path = Path.Combine(root, "packages.config");
            if (!File.Exists(path))
            {
                return new PackagesConfig(new Dictionary<string, string>(), false);
            }
            Dictionary<string, string> pins = XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "package")
                .ToDictionary(e => (string)e.Attribute("id"), e => (string)e.Attribute("version"), StringComparer.Ordinal);
            return new PackagesConfig(pins, true);
        }

        /// <summary>Compares dotted numeric versions (1.11.60 &gt; 1.11.54).</summary>
        public static int CompareVersions(string a, string b)
        {
            int[] x = a.Split('.').Select(p => int.TryParse(p, out int n) ? n : 0).ToArray();
            int[] y = b.Split('.').Select(p => int.TryParse(p, out int n) ? n : 0).ToArray();
            for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
            {
                int c = (i < x.Length ? x[i] : 0).CompareTo(i < y.Length ? y[i] : 0);
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        }
    }
}
