using System;
using System.IO;

namespace DoorController.Bench
{
    /// <summary>Rewrites the part of a doc between <c>&lt;!-- NAME: rewritten by tools/bench NAME --&gt;</c> and <c>&lt;!-- /NAME --&gt;</c>.</summary>
    public static class DocMarkers
    {
        public static void Rewrite(string path, string name, string content)
        {
            string begin = "<!-- " + name + ": rewritten by tools/bench " + name + " -->", end = "<!-- /" + name + " -->";
            string text = File.ReadAllText(path);
            int a = text.IndexOf(begin, StringComparison.Ordinal), b = text.IndexOf(end, StringComparison.Ordinal);
            if (a < 0 || b < a) throw new InvalidOperationException(path + " has no " + name + " markers");
            File.WriteAllText(path, text.Substring(0, a + begin.Length) + "\n" + content.TrimEnd() + "\n" + end + text.Substring(b + end.Length));
        }
    }
}
