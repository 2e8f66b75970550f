using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DoorController.NfCheck
{
    /// <summary>
    /// surface/packages.txt: the nanoFramework packages device code may reference, their versions, declared
    /// dependencies and the assemblies they ship (see the file's header for the format).
    /// </summary>
    public sealed class PackageManifest
    {
        private readonly Dictionary<string, PackageInfo> _packages;
        private readonly Dictionary<string, PackageAssembly> _assemblies;

        private PackageManifest(List<PackageInfo> packages)
        {
            Packages = packages;
            _packages = packages.ToDictionary(p => p.Id, StringComparer.Ordinal);
            _assemblies = packages.SelectMany(p => p.Assemblies).ToDictionary(a => a.Name, StringComparer.Ordinal);
        }

        public IReadOnlyList<PackageInfo> Packages { get; }

        public IEnumerable<PackageAssembly> Assemblies => Packages.SelectMany(p => p.Assemblies);

        public PackageInfo Package(string id) => _packages.TryGetValue(id, out PackageInfo package) ? package : null;

        public PackageAssembly Assembly(string name) => _assemblies.TryGetValue(name, out PackageAssembly assembly) ? assembly : null;

        /// <summary>The assembly and every assembly it references, directly or not.</summary>
        public IEnumerable<string> Closure(string assembly)
        {
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            Stack<string> todo = new Stack<string>();
            todo.Push(assembly);
            while (todo.Count > 0)
            {
                string name = todo.Pop();
                if (!seen.Add(name))
                {
                    continue;
                }
                foreach (string reference in Assembly(name)?.References ?? Array.Empty<string>())
                {
                    todo.Push(reference);
                }
            }
            return seen;
        }

        public static PackageManifest Parse(string text)
        {
            List<PackageInfo> packages = new List<PackageInfo>();
            string id = null, version = null;
            List<PackageDependency> dependencies = null;
            List<PackageAssembly> assemblies = null;
            int lineNumber = 0;
            foreach (string raw in text.Split('\n'))
            {
                lineNumber++;
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }
                string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words[0] == "package" && words.Length >= 3)
                {
                    Flush();
                    id = words[1];
                    version = words[2];
                    dependencies = new List<PackageDependency>();
                    assemblies = new List<PackageAssembly>();
                    foreach (string dependency in words.Skip(3))
                    {
                        int at = dependency.IndexOf(">=", StringComparison.Ordinal);
                        if (at <= 0)
                        {
                            throw new InvalidDataException($"surface/packages.txt:{lineNumber}: dependency '{dependency}' is not ID>=VERSION");
                        }
                        dependencies.Add(new PackageDependency(dependency.Substring(0, at), dependency.Substring(at + 2)));
                    }
                }
                else if (words[0] == "assembly" && words.Length >= 3 && id != null)
                {
                    assemblies.Add(new PackageAssembly(words[1], id, words[2], words.Skip(3).ToArray()));
                }
                else
                {
                    throw new InvalidDataException($"surface/packages.txt:{lineNumber}: expected 'package ID VERSION ...' or 'assembly NAME FILE ...'");
                }
            }
            Flush();
            return new PackageManifest(packages);

            void Flush()
            {
                if (id != null)
                {
                    packages.Add(new PackageInfo(id, version, dependencies, assemblies));
                }
            }
        }
    }
}
