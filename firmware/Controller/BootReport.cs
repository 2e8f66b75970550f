using System.Text;

namespace DoorController.Controller
{
    /// <summary>
    /// The outcome of each boot step (relay, config, flash, journal, cache, console, network, time, link, readers),
    /// shown by the console's status command and published in the status message. A fault in one part is recorded
    /// here and the boot goes on: the rest keeps working.
    /// </summary>
    public sealed class BootReport
    {
        public const int MaxParts = 12;

        // Names and details are strings kept in object[]: a slot of a new string[] is not a plain null on nanoCLR
        // (nfcheck NF027).
        private readonly object[] _names = new object[MaxParts];
        private readonly PartState[] _states = new PartState[MaxParts];
        private readonly object[] _details = new object[MaxParts];
        private int _count;

        public int Count
        {
            get { return _count; }
        }

        public void Set(string part, PartState state, string detail)
        {
            int i = IndexOf(part);
            if (i < 0)
            {
                if (_count == MaxParts)
                {
                    return;
                }
                i = _count++;
                _names[i] = part;
            }
            _states[i] = state;
            _details[i] = detail == null ? "" : detail;
        }

        public PartState StateOf(string part)
        {
            int i = IndexOf(part);
            return i < 0 ? PartState.NotStarted : _states[i];
        }

        public string DetailOf(string part)
        {
            int i = IndexOf(part);
            return i < 0 ? "" : (string)_details[i];
        }

        public bool AllOk
        {
            get
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_states[i] != PartState.Ok)
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        /// <summary>One line per part: "journal    ok   1234 events recovered".</summary>
        public string Describe()
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < _count; i++)
            {
                text.Append(((string)_names[i]).PadRight(9)).Append(' ').Append(StateName(_states[i]).PadRight(8)).Append(' ').Append((string)_details[i]);
                if (i < _count - 1)
                {
                    text.Append('\n');
                }
            }
            return text.ToString();
        }

        public static string StateName(PartState state)
        {
            switch (state)
            {
                case PartState.Ok: return "ok";
                case PartState.Degraded: return "degraded";
                case PartState.Failed: return "FAILED";
                default: return "-";
            }
        }

        private int IndexOf(string part)
        {
            for (int i = 0; i < _count; i++)
            {
                if ((string)_names[i] == part)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
