namespace DoorController.TestSupport;

/// <summary>Locates the repository from the test's output directory (the folder that holds nf.proj).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "nf.proj")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        if (dir == null)
        {
            dir = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        }
        return dir ?? throw new InvalidOperationException("repository root (nf.proj) not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());
}
