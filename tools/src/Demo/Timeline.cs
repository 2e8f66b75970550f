using System.Diagnostics;

namespace DoorController.Demo;

/// <summary>The demo's readable output: scenario headings, timestamped steps, and a verdict per scenario.</summary>
public sealed class Timeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Name, bool Passed, string Why)> _results = new();

    public IReadOnlyList<(string Name, bool Passed, string Why)> Results => _results;

    public void Heading(string text)
    {
        Console.WriteLine();
        Console.WriteLine("── " + text + " " + new string('─', Math.Max(3, 86 - text.Length)));
    }

    public void Step(string who, string what) => Console.WriteLine($"  {_clock.Elapsed:mm\\:ss\\.f}  {who,-22} {what}");

    public void Note(string text) => Console.WriteLine("             " + text);

    public void Progress(string text) => Console.WriteLine("  .. " + text);

    /// <summary>Records whether the scenario's outcome was the expected one.</summary>
    public bool Verdict(string scenario, bool passed, string why)
    {
        _results.Add((scenario, passed, why));
        Console.WriteLine("  " + (passed ? "✔ as expected: " : "✘ NOT as expected: ") + why);
        return passed;
    }

    public void Summary()
    {
        Console.WriteLine();
        Console.WriteLine("── summary " + new string('─', 78));
        foreach (var r in _results) Console.WriteLine("  " + (r.Passed ? "✔" : "✘") + " " + r.Name);
        Console.WriteLine($"  {_results.Count(r => r.Passed)} of {_results.Count} scenarios ended as expected");
    }
}
