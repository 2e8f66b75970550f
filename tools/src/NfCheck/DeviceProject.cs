using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace DoorController.NfCheck
{
    /// <summary>
    /// One nanoFramework project (.nfproj): its name (the file name, which tells the test projects apart: they all
    /// deploy as NFUnitTest), the assembly it builds, the sources it lists and what it declares it references.
    /// Paths are relative to the checked root, with forward slashes.
    /// </summary>
    public sealed class DeviceProject
    {
        private DeviceProject(string path, string name, string assemblyName, bool executable, string langVersion, IReadOnlyList<string> sources,
            IReadOnlyList<ProjectItem> projectReferences, IReadOnlyList<ProjectItem> packageReferences)
        {
            LangVersion = langVersion;
            Path = path;
            Name = name;
            AssemblyName = assemblyName;
            Executable = executable;
            Sources = sources;
            ProjectReferences = projectReferences;
            PackageReferences = packageReferences;
        }

        public string Path { get; }

        public string Name { get; }

        public string AssemblyName { get; }

        public bool Executable { get; }

        /// <summary>The project's &lt;LangVersion&gt; as written, null when it sets none (NF028: every device project sets it).</summary>
        public string LangVersion { get; }

        /// <summary>The &lt;Compile&gt; items, root-relative.</summary>
        public IReadOnlyList<string> Sources { get; }

        /// <summary>&lt;ProjectReference&gt; items: Value is the referenced project, root-relative.</summary>
        public IReadOnlyList<ProjectItem> ProjectReferences { get; }

        /// <summary>&lt;Reference&gt; items: Value is the assembly name (Include), Hint the HintPath as written.</summary>
        public IReadOnlyList<ProjectItem> PackageReferences { get; }

        public static DeviceProject Load(string root, string path)
        {
            string full = System.IO.Path.Combine(root, path);
            XDocument doc = XDocument.Load(full, LoadOptions.SetLineInfo);
            string dir = System.IO.Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
            string assemblyName = Property(doc, "AssemblyName") ?? System.IO.Path.GetFileNameWithoutExtension(path);
            bool executable = string.Equals(Property(doc, "OutputType"), "Exe", StringComparison.OrdinalIgnoreCase);
            List<string> sources = Items(doc, "Compile").Select(e => Resolve(root, dir, Include(e))).ToList();
            List<ProjectItem> projects = Items(doc, "ProjectReference").Select(e => new ProjectItem(Resolve(root, dir, Include(e)), null, Line(e))).ToList();
            List<ProjectItem> packages = Items(doc, "Reference").Select(e => new ProjectItem(
                Include(e).Split(',')[0].Trim(),
                e.Descendants().FirstOrDefault(h => h.Name.LocalName == "HintPath")?.Value.Trim(),
                Line(e))).ToList();
            string langVersion = Property(doc, "LangVersion");
            return new DeviceProject(path, System.IO.Path.GetFileNameWithoutExtension(path), assemblyName, executable, langVersion, sources, projects, packages);
        }

        private static string Property(XDocument doc, string name) =>
            doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();

        private static IEnumerable<XElement> Items(XDocument doc, string type) => doc.Descendants().Where(e => e.Name.LocalName == type);

        private static string Include(XElement item) => item.Attribute("Include")?.Value ?? "";

        private static int Line(XElement item) => ((IXmlLineInfo)item).HasLineInfo() ? ((IXmlLineInfo)item).LineNumber : 0;

        /// <summary>A Windows-style path relative to the project's folder, as a root-relative path with forward slashes.</summary>
        private static string Resolve(string root, string dir, string include)
        {
            string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, dir, include.Replace('\\', '/')));
            return System.IO.Path.GetRelativePath(root, full).Replace('\\', '/');
        }
    }
}
