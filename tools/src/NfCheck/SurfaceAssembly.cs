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
    /// Builds the declaration-only nanoFramework 1.x surface (the embedded surface/*.cs) into one in-memory assembly
    /// named mscorlib with no references, so device code compiled against it sees exactly the device API and nothing
    /// of .NET. Built once per process: the tests call the checker many times.
    /// </summary>
    public static class SurfaceAssembly
    {
        private const string ResourcePrefix = "surface/";
        private static readonly Lazy<(CSharpCompilation Compilation, MetadataReference Reference)> Built = new(Build);

        public static MetadataReference Reference => Built.Value.Reference;

        public static CSharpCompilation Compilation => Built.Value.Compilation;

        /// <summary>Names and text of the surface files carried inside this tool.</summary>
        public static IEnumerable<(string Name, string Text)> Sources()
        {
            Assembly self = typeof(SurfaceAssembly).Assembly;
            foreach (string name in self.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
            {
                if (!name.EndsWith(".cs", StringComparison.Ordinal))
                {
                    continue;
                }
                using Stream stream = self.GetManifestResourceStream(name);
                using StreamReader reader = new StreamReader(stream);
                yield return (name.Substring(ResourcePrefix.Length), reader.ReadToEnd());
            }
        }

        private static (CSharpCompilation, MetadataReference) Build()
        {
            CSharpParseOptions parse = new CSharpParseOptions(LanguageVersion.Latest);
            List<SyntaxTree> trees = Sources().Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, "surface/" + s.Name)).ToList();
            if (trees.Count == 0)
            {
                throw new InvalidOperationException("nfcheck: no surface files embedded in the tool");
            }
            CSharpCompilationOptions options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Disable)
                .WithAllowUnsafe(false)
                .WithGeneralDiagnosticOption(ReportDiagnostic.Default);
            CSharpCompilation compilation = CSharpCompilation.Create("mscorlib", trees, Array.Empty<MetadataReference>(), options);
            using MemoryStream image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                string errors = string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
                throw new InvalidOperationException("nfcheck: the reference surface itself does not compile:" + Environment.NewLine + errors);
            }
            image.Position = 0;
            return (compilation, MetadataReference.CreateFromImage(image.ToArray()));
        }
    }
}
