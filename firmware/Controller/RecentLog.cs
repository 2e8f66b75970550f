using System.Text;

namespace DoorController.Controller
{
    /// <summary>
    /// The last lines of the controller's own log (boot report, decisions, alarms) for the console's `log tail`:
    /// a fixed ring, so a busy door never grows the heap. Thread-safe: the console reads it from its own thread.
    /// </summary>
    public sealed class RecentLog : Provisioning.IConsoleLogSource
    {
        public const int Capacity = 12;

        // object[]: a slot of a new string[] is not a plain null on nanoCLR (nfcheck NF027).
        private readonly object[] _lines = new object[Capacity];
        private readonly object _gate = new object();
        private int _next;
        private int _count;

        public void Add(string line)
        {
            lock (_gate)
            {
                _lines[_next] = line;
                _next = (_next + 1) % Capacity;
                if (_count < Capacity)
                {
                    _count++;
                }
            }
        }

        public string Tail(int lineCount)
        {
            lock (_gate)
            {
                int n = lineCount < _count ? lineCount : _count;
                StringBuilder text = new StringBuilder();
                for (int i = n; i > 0; i--)
                {
                    text.Append((string)_lines[(_next - i + Capacity) % Capacity]);
                    if (i > 1)
                    {
                        text.Append('\n');
                    }
                }
                return n == 0 ? "(log empty)" : text.ToString();
            }
        }
    }
}
