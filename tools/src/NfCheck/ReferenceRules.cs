using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DoorController.NfCheck
{
    /// <summary>
    /// What an .nfproj declares it references, checked against packages.config, surface/packages.txt and its sources:
    /// every package reference names an assembly of a pinned package through that package's real hint path (NF022),
    /// the references are closed - everything a referenced assembly or project references is listed too, as the
    /// metadata processor and the deployment need (NF023) - and no using names a namespace that only an unreferenced
    /// package or project declares (NF021).
    /// </summary>
    public sealed class ReferenceRules
    {
        private readonly PackageManifest _manifest;
        private readonly PackagesConfig _config;

        public ReferenceRules(PackageManifest manifest, PackagesConfig config)
        {
            _manifest = manifest;
            _config = config;
        }

        /// <summary>NF022 for each package reference that does not resolve to a pinned package's assembly file.</summary>
        public IEnumerable<Violation> CheckPackageReferences(DeviceProject project)
        {
            foreach (ProjectItem reference in project.PackageReferences)
            {
                PackageAssembly assembly = _manifest.Assembly(reference.Value);
                if (assembly == null)
                {
                    yield return Problem(project, reference, "references " + reference.Value + ", which is no assembly of a known nanoFramework package (tools/src/NfCheck/surface/packages.txt)");
                    continue;
                }
                PackageInfo package = _manifest.Package(assembly.PackageId);
                if (!_config.Pins.TryGetValue(package.Id, out string pinned))
                {
                    yield return Problem(project, reference, "references " + assembly.Name + " of package " + package.Id + ", which packages.config does not pin");
                    continue;
                }
                if (pinned != package.Version)
                {
                    yield return Problem(project, reference, "packages.config pins " + package.Id + " " + pinned + " but the surface of " + assembly.Name + " was read from " + package.Version);
                }
                string expected = HintPath(project, package.Id, pinned, assembly.File);
                if (!string.Equals(reference.Hint, expected, StringComparison.Ordinal))
                {
                    yield return Problem(project, reference, "hint path of " + assembly.Name + " is '" + reference.Hint + "'; the pinned package ships it at '" + expected + "'");
                }
            }
        }

        /// <summary>The hint path a project in its folder uses for FILE of package ID VERSION restored into root/packages.</summary>
        public static string HintPath(DeviceProject project, string id, string version, string file)
        {
            int depth = project.Path.Count(c => c == '/');
            return string.Concat(Enumerable.Repeat("..\\", depth)) + "packages\\" + id + "." + version + "\\" + file;
        }

        /// <summary>NF023 for each assembly the project's references need but the project does not list.</summary>
        public IEnumerable<Violation> CheckClosure(DeviceProject project, IReadOnlyDictionary<string, DeviceProject> projects)
        {
            HashSet<string> listedAssemblies = project.PackageReferences.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
            HashSet<string> listedProjects = project.ProjectReferences.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
            if (!listedAssemblies.Contains(ReferenceAssemblies.CoreLibrary))
            {
                yield return new Violation(project.Path, 0, 0, "NF023", project.Name + " does not reference mscorlib (nanoFramework.CoreLibrary), which every assembly needs");
            }
            foreach (ProjectItem reference in project.PackageReferences)
            {
                foreach (string needed in _manifest.Assembly(reference.Value)?.References ?? Array.Empty<string>())
                {
                    if (!listedAssemblies.Contains(needed))
                    {
                        yield return new Violation(project.Path, reference.Line, 0, "NF023", reference.Value + " references " + needed + " (package "
                            + (_manifest.Assembly(needed)?.PackageId ?? "?") + "), which " + project.Name + " does not list: the metadata processor and the deployment need it");
                    }
                }
            }
            foreach (ProjectItem reference in project.ProjectReferences)
            {
                if (!projects.TryGetValue(reference.Value, out DeviceProject target))
                {
                    continue; // reported by the project graph
                }
                foreach (ProjectItem needed in target.PackageReferences.Where(r => !listedAssemblies.Contains(r.Value)))
                {
                    yield return new Violation(project.Path, reference.Line, 0, "NF023", target.Name + " references " + needed.Value + ", which " + project.Name + " does not list: list the whole closure");
                }
                foreach (ProjectItem needed in target.ProjectReferences.Where(r => !listedProjects.Contains(r.Value)))
                {
                    string name = projects.TryGetValue(needed.Value, out DeviceProject n) ? n.Name : needed.Value;
                    yield return new Violation(project.Path, reference.Line, 0, "NF023", target.Name + " references project " + name + ", which " + project.Name + " does not list: list the whole closure");
                }
            }
        }

        /// <summary>
        /// NF021 for each using directive whose namespace none of the project's own sources, referenced projects or
        /// referenced package assemblies declares, but an unreferenced package or project does.
        /// </summary>
        public IEnumerable<Violation> CheckUsings(DeviceProject project, IEnumerable<SyntaxTree> trees, ISet<string> available,
            IReadOnlyDictionary<string, HashSet<string>> projectNamespaces)
        {
            foreach (SyntaxTree tree in trees)
            {
                foreach (UsingDirectiveSyntax directive in tree.GetRoot().DescendantNodes().OfType<UsingDirectiveSyntax>())
                {
                    if (directive.Alias != null || directive.StaticKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StaticKeyword) || directive.Name == null)
                    {
                        continue;
                    }
                    string ns = directive.Name.ToString().Replace("global::", "");
                    if (Declares(available, ns))
                    {
                        continue;
                    }
                    List<string> owners = _manifest.Assemblies.Where(a => ReferenceAssemblies.Namespaces.TryGetValue(a.Name, out HashSet<string> n) && Declares(n, ns))
                        .Select(a => "assembly " + a.Name + " (package " + a.PackageId + ")")
                        .Concat(projectNamespaces.Where(p => Declares(p.Value, ns)).Select(p => "project " + p.Key))
                        .ToList();
                    if (owners.Count > 0)
                    {
                        yield return Checker.ToViolation(directive.GetLocation(), "NF021", "using " + ns + ": that namespace comes from "
                            + string.Join(" or ", owners) + ", which " + project.Name + ".nfproj does not reference");
                    }
                }
            }
        }

        /// <summary>True when <paramref name="ns"/> is one of the namespaces or a parent of one.</summary>
        public static bool Declares(IEnumerable<string> namespaces, string ns) =>
            namespaces.Any(n => n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

        private static Violation Problem(DeviceProject project, ProjectItem reference, string message) =>
            new Violation(project.Path, reference.Line, 0, "NF022", project.Name + " " + message);
    }
}
