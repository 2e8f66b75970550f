using DoorController.Hal;
using DoorController.Journal;
using DoorController.Contract;

namespace DoorController.Controller
{
    /// <summary>
    /// The enclosure tamper switch: closed to ground while the lid is on (pull-up, so an opened lid or a cut wire
    /// reads high). A level that holds for <see cref="DebounceMilliseconds"/> is journalled once as tamper
    /// started / cleared; a lid found open at boot is reported at once.
    /// </summary>
    public sealed class TamperWatch
    {
        public const int DebounceMilliseconds = 100;

        /// <summary>Source number of the enclosure switch in <see cref="TamperEvent.Source"/>.</summary>
        public const int EnclosureSource = 0;

        private readonly IDigitalInput _input;
        private readonly IClock _clock;
        private readonly TamperEvent _event = new TamperEvent();
        private bool _started;
        private bool _active;
        private bool _raw;
        private long _rawSince;

        public TamperWatch(IDigitalInput input, IClock clock)
        {
            _input = input;
            _clock = clock;
        }

        /// <summary>Whether the enclosure is open now (as last debounced).</summary>
        public bool Active
        {
            get { return _active; }
        }

        /// <summary>Reads the switch; journals a change once it has held for the debounce time.</summary>
        public void Tick(EventJournal journal)
        {
            bool raw = _input.Read();
            long now = _clock.UptimeMilliseconds;
            if (!_started)
            {
                _started = true;
                _raw = raw;
                _rawSince = now;
                if (raw)
                {
                    Report(journal, true);
                }
                return;
            }
            if (raw != _raw)
            {
                _raw = raw;
                _rawSince = now;
            }
            if (_raw != _active && now - _rawSince >= DebounceMilliseconds)
            {
                Report(journal, _raw);
            }
        }

        private void Report(EventJournal journal, bool active)
        {
            _active = active;
            _event.Source = EnclosureSource;
            _event.Active = active;
            if (journal != null)
            {
                journal.Append(EventType.Tamper, _event, RecordFlags.None);
            }
        }
    }
}
