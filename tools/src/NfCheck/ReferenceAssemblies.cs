using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DoorController.NfCheck
{
    /// <summary>
    /// What device code compiles against: the real nanoFramework mscorlib (embedded from the NuGet package
    /// nanoFramework.CoreLibrary) and one declaration-only reference assembly per package assembly, compiled from
    /// surface/NAME.cs against mscorlib and the assemblies surface/packages.txt says it references. Built once per
    /// process (the tests run the checker many times).
    /// </summary>
    public static class ReferenceAssemblies
    {
        public const string CoreLibrary = "mscorlib";
        private const string ResourcePrefix = "surface/";
        private static readonly Lazy<Built> Instance = new Lazy<Built>(Build);

        public static PackageManifest Manifest => Instance.Value.Manifest;

        /// <summary>The real mscorlib.dll of nanoFramework.CoreLibrary.</summary>
        public static MetadataReference Mscorlib => Instance.Value.References[CoreLibrary];

        /// <summary>The reference for a package assembly, or null if the manifest does not know it.</summary>
        public static MetadataReference Reference(string assembly) =>
            Instance.Value.References.TryGetValue(assembly, out MetadataReference reference) ? reference : null;

        /// <summary>The compiled surfaces (every package assembly but mscorlib), by assembly name.</summary>
        public static IReadOnlyDictionary<string, CSharpCompilation> Surfaces => Instance.Value.Surfaces;

        /// <summary>The namespaces each package assembly (mscorlib included) declares public types in.</summary>
        public static IReadOnlyDictionary<string, HashSet<string>> Namespaces => Instance.Value.Namespaces;

        /// <summary>Names and text of the surface sources carried inside this tool.</summary>
        public static IEnumerable<(string Name, string Text)> Sources()
        {
            Assembly self = typeof(ReferenceAssemblies).Assembly;
            foreach (string name in self.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
            {
                yield return (name.Substring(ResourcePrefix.Length), Resource(self, name));
            }
        }

        private static string Resource(Assembly self, string name)
        {
            using Stream stream = self.GetManifestResourceStream(name) ?? throw new InvalidOperationException("nfcheck: resource " + name + " missing from the tool");
            using StreamReader reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        private sealed record Built(PackageManifest Manifest, Dictionary<string, MetadataReference> References,
            Dictionary<string, CSharpCompilation> Surfaces, Dictionary<string, HashSet<string>> Namespaces);

        private static Built Build()
        {
            Assembly self = typeof(ReferenceAssemblies).Assembly;
            PackageManifest manifest = PackageManifest.Parse(Resource(self, ResourcePrefix + "packages.txt"));
            Dictionary<string, string> sources = Sources().Where(s => s.Name.EndsWith(".cs", StringComparison.Ordinal))
                .ToDictionary(s => s.Name.Substring(0, s.Name.Length - 3), s => s.Text, StringComparer.Ordinal);
            Dictionary<string, MetadataReference> references = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
            Dictionary<string, CSharpCompilation> surfaces = new Dictionary<string, CSharpCompilation>(StringComparer.Ordinal);
            Dictionary<string, HashSet<string>> namespaces = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

            using (Stream stream = self.GetManifestResourceStream("mscorlib.dll") ?? throw new InvalidOperationException("nfcheck: mscorlib.dll (nanoFramework.CoreLibrary) is not embedded in the tool"))
            {
                PortableExecutableReference mscorlib = MetadataReference.CreateFromStream(stream);
                references[CoreLibrary] = mscorlib;
                CSharpCompilation probe = CSharpCompilation.Create("probe", references: new[] { mscorlib });
                namespaces[CoreLibrary] = PublicNamespaces(((IAssemblySymbol)probe.GetAssemblyOrModuleSymbol(mscorlib)).GlobalNamespace);
            }
            foreach (PackageAssembly assembly in manifest.Assemblies.Where(a => a.Name != CoreLibrary))
            {
                if (!sources.ContainsKey(assembly.Name))
                {
                    throw new InvalidOperationException("nfcheck: surface/packages.txt lists assembly " + assembly.Name + " but surface/" + assembly.Name + ".cs is missing");
                }
            }
            foreach (string orphan in sources.Keys.Where(n => manifest.Assembly(n) == null))
            {
                throw new InvalidOperationException("nfcheck: surface/" + orphan + ".cs belongs to no assembly in surface/packages.txt");
            }
            foreach (PackageAssembly assembly in manifest.Assemblies.Where(a => a.Name != CoreLibrary))
            {
                Compile(assembly, manifest, sources, references, surfaces, namespaces, new HashSet<string>(StringComparer.Ordinal));
            }
            return new Built(manifest, references, surfaces, namespaces);
        }

        private static void Compile(PackageAssembly assembly, PackageManifest manifest, Dictionary<string, string> sources,
            Dictionary<string, MetadataReference> references, Dictionary<string, CSharpCompilation> surfaces,
            Dictionary<string, HashSet<string>> namespaces, HashSet<string> visiting)
        {
            if (references.ContainsKey(assembly.Name))
            {
                return;
            }
            if (!visiting.Add(assembly.Name))
            {
                throw new InvalidOperationException("nfcheck: surface/packages.txt has an assembly reference cycle through " + assembly.Name);
            }
            List<MetadataReference> uses = new List<MetadataReference> { references[CoreLibrary] };
            foreach (string name in assembly.References)
            {
                PackageAssembly dependency = manifest.Assembly(name) ?? throw new InvalidOperationException("nfcheck: surface/packages.txt: " + assembly.Name + " references unknown assembly " + name);
                Compile(dependency, manifest, sources, references, surfaces, namespaces, visiting);
                uses.Add(references[name]);
            }
            CSharpParseOptions parse = new CSharpParseOptions(LanguageVersion.Latest);
            SyntaxTree tree = CSharpSyntaxTree.ParseText(sources[assembly.Name], parse, "surface/" + assembly.Name + ".cs");
            CSharpCompilationOptions options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable);
            CSharpCompilation compilation = CSharpCompilation.Create(assembly.Name, new[] { tree }, uses, options);
            using MemoryStream image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                string errors = string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
                throw new InvalidOperationException("nfcheck: the reference surface of " + assembly.Name + " does not compile:" + Environment.NewLine + errors);
            }
            references[assembly.Name] = MetadataReference.CreateFromImage(image.ToArray());
            surfaces[assembly.Name] = compilation;
            namespaces[assembly.Name] = PublicNamespaces(compilation.Assembly.GlobalNamespace);
            visiting.Remove(assembly.Name);
        }

        private static HashSet<string> PublicNamespaces(INamespaceSymbol root)
        {
            HashSet<string> found = new HashSet<string>(StringComparer.Ordinal);
            Stack<INamespaceSymbol> todo = new Stack<INamespaceSymbol>();
            todo.Push(root);
            while (todo.Count > 0)
            {
                INamespaceSymbol ns = todo.Pop();
                if (ns.GetTypeMembers().Any(t => t.DeclaredAccessibility == Accessibility.Public))
                {
                    found.Add(ns.ToDisplayString());
                }
                foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
                {
                    todo.Push(child);
                }
            }
            return found;
        }
    }
}
