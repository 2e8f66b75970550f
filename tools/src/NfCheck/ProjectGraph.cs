using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DoorController.NfCheck
{
    /// <summary>
    /// Every .nfproj under the device directories and their project references, in build order (a project after
    /// everything it references). Cycles and references to projects that do not exist are reported, not followed.
    /// </summary>
    public sealed class ProjectGraph
    {
        private ProjectGraph(IReadOnlyList<DeviceProject> ordered, IReadOnlyList<Violation> problems)
        {
            Ordered = ordered;
            Problems = problems;
        }

        /// <summary>The projects that can be built, each after its references.</summary>
        public IReadOnlyList<DeviceProject> Ordered { get; }

        /// <summary>Cycles (NF024) and references to missing projects (NF024).</summary>
        public IReadOnlyList<Violation> Problems { get; }

        public static ProjectGraph Load(string root)
        {
            List<DeviceProject> projects = Checker.DeviceFiles(root, "*.nfproj")
                .Select(file => DeviceProject.Load(root, Path.GetRelativePath(root, file).Replace('\\', '/')))
                .ToList();
            Dictionary<string, DeviceProject> byPath = projects.ToDictionary(p => p.Path, StringComparer.Ordinal);
            List<Violation> problems = new List<Violation>();
            List<DeviceProject> ordered = new List<DeviceProject>();
            Dictionary<string, int> state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done, 3 broken
            foreach (DeviceProject project in projects)
            {
                Visit(project, byPath, state, new List<string>(), ordered, problems);
            }
            return new ProjectGraph(ordered, problems);
        }

        /// <summary>Depth-first: returns false when the project sits on or behind a cycle or a missing reference.</summary>
        private static bool Visit(DeviceProject project, Dictionary<string, DeviceProject> byPath, Dictionary<string, int> state,
            List<string> path, List<DeviceProject> ordered, List<Violation> problems)
        {
            if (state.TryGetValue(project.Path, out int s))
            {
                if (s == 1)
                {
                    IEnumerable<string> cycle = path.SkipWhile(p => p != project.Path).Append(project.Path).Select(p => byPath[p].Name);
                    problems.Add(new Violation(project.Path, 0, 0, "NF024", "project reference cycle: " + string.Join(" -> ", cycle)
                        + " (an assembly cannot reference itself through others; move the shared part into a lower assembly)"));
                    return false;
                }
                return s == 2;
            }
            state[project.Path] = 1;
            path.Add(project.Path);
            bool ok = true;
            foreach (ProjectItem reference in project.ProjectReferences)
            {
                if (!byPath.TryGetValue(reference.Value, out DeviceProject target))
                {
                    problems.Add(new Violation(project.Path, reference.Line, 0, "NF024", "ProjectReference " + reference.Value + " is not a device project (.nfproj under " + string.Join(", ", Checker.DeviceDirectories) + ")"));
                    ok = false;
                    continue;
                }
                ok &= Visit(target, byPath, state, path, ordered, problems);
            }
            path.RemoveAt(path.Count - 1);
            state[project.Path] = ok ? 2 : 3;
            if (ok)
            {
                ordered.Add(project);
            }
            return ok;
        }
    }
}
