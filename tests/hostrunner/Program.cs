using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;

namespace DoorController.Tests.HostRunner
{
    /// <summary>
    /// Runs [TestClass] types the way nanoFramework's UnitTestLauncher does — per class: Setup, every
    /// TestMethod (once per DataRow), Cleanup — and prints one line per test and a closing "N passed, N failed".
    /// Usage: NFUnitTest [--filter substring]
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string filter = null;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--filter" && i + 1 < args.Length) filter = args[++i];
            }

            int passed = 0, failed = 0, skipped = 0;
            var clock = Stopwatch.StartNew();
            var classes = typeof(Program).Assembly.GetTypes()
                .Where(t => t.GetCustomAttribute<TestClassAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal);

            foreach (Type type in classes)
            {
                var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .OrderBy(m => m.MetadataToken).ToList();
                var tests = methods.Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null || m.GetCustomAttributes<DataRowAttribute>().Any())
                    .Where(m => filter == null || (type.Name + "." + m.Name).Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
                if (tests.Count == 0) continue;

                object instance = NeedsInstance(methods) ? Activator.CreateInstance(type) : null;
                string setupFailure = null;
                foreach (var setup in methods.Where(m => m.GetCustomAttribute<SetupAttribute>() != null))
                {
                    setupFailure ??= Invoke(setup, instance, null);
                }

                foreach (var test in tests)
                {
                    var rows = test.GetCustomAttributes<DataRowAttribute>().ToList();
                    if (rows.Count == 0) rows.Add(null);
                    foreach (var row in rows)
                    {
                        string name = type.Name + "." + test.Name + (row == null ? "" : "(" + string.Join(", ", row.MethodParameters.Select(Show)) + ")");
                        string outcome = setupFailure != null ? "setup failed: " + setupFailure : Invoke(test, instance, row?.MethodParameters);
                        if (outcome == null) { passed++; Console.WriteLine("  pass  " + name); }
                        else if (outcome.StartsWith("skipped", StringComparison.Ordinal)) { skipped++; Console.WriteLine("  skip  " + name + ": " + outcome); }
                        else { failed++; Console.WriteLine("  FAIL  " + name + ": " + outcome); }
                    }
                }

                foreach (var cleanup in methods.Where(m => m.GetCustomAttribute<CleanupAttribute>() != null))
                {
                    string outcome = Invoke(cleanup, instance, null);
                    if (outcome != null) { failed++; Console.WriteLine("  FAIL  " + type.Name + "." + cleanup.Name + " (cleanup): " + outcome); }
                }
            }

            Console.WriteLine("portable tests on host: " + clock.ElapsedMilliseconds + " ms" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
            Console.WriteLine(passed + " passed, " + failed + " failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }

        private static bool NeedsInstance(List<MethodInfo> methods) => methods.Any(m => !m.IsStatic);

        /// <summary>Runs one method; null on success, otherwise a one-line reason.</summary>
        private static string Invoke(MethodInfo method, object instance, object[] parameters)
        {
            try
            {
                method.Invoke(method.IsStatic ? null : instance, parameters);
                return null;
            }
            catch (TargetInvocationException e) when (e.InnerException is SkipTestException skip)
            {
                return "skipped " + skip.Message;
            }
            catch (TargetInvocationException e)
            {
                Exception inner = e.InnerException ?? e;
                string where = FirstFrame(inner);
                return inner.GetType().Name + ": " + inner.Message + (where.Length > 0 ? " at " + where : "");
            }
            catch (Exception e)
            {
                return e.GetType().Name + ": " + e.Message;
            }
        }

        private static string FirstFrame(Exception e)
        {
            var frame = new StackTrace(e, true).GetFrames()?.FirstOrDefault(f => f.GetFileLineNumber() > 0
                && !(f.GetFileName() ?? "").Contains("TestFramework", StringComparison.Ordinal));
            return frame == null ? "" : System.IO.Path.GetFileName(frame.GetFileName()) + ":" + frame.GetFileLineNumber();
        }

        private static string Show(object value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            _ => value.ToString(),
        };
    }
}
