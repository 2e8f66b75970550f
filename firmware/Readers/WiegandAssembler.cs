using DoorController.Hal;

namespace DoorController.Readers
{
    /// <summary>
    /// Builds Wiegand frames from D0/D1 edges. A bit is a low pulse on D0 (0) or D1 (1); the pulse width and the
    /// spacing are checked against <see cref="WiegandSettings"/>, and the frame closes after a silence.
    /// Edges arrive on the GPIO thread, <see cref="TryTakeFrame"/> is called from the main loop, hence the lock.
    /// Noise never produces a "valid" frame: a frame with any noise in it is handed over marked
    /// <see cref="WiegandFrame.Noisy"/> and decodes to <see cref="ReadOutcome.Noise"/>.
    /// </summary>
    public sealed class WiegandAssembler
    {
        private readonly object _sync = new object();
        private readonly WiegandSettings _settings;
        private readonly IClock _clock;
        private readonly long[] _lowSince = { -1, -1 };

        private ulong _bits;
        private int _count;
        private bool _noisy;
        private long _lastBitMicroseconds;
        private long _lastActivityMilliseconds;

        // Completed frames waiting for the main loop, which drains them every tick: they pile up only while the loop is
        // held up (a flash commit, a bundle step). A keypad sends one 4- or 8-bit frame per key, so 8 hold most of a
        // PIN typed meanwhile, or a reader that repeats its frame. Kept field by field: a WiegandFrame[] would hold each frame as an object of its own
        // on nanoCLR (504 bytes for 8 frames against 180).
        public const int PendingFrames = 8;
        private readonly ulong[] _doneBits = new ulong[PendingFrames];
        private readonly int[] _doneBitCounts = new int[PendingFrames];
        private readonly bool[] _doneNoisy = new bool[PendingFrames];
        private int _doneHead;
        private int _doneCount;

        public WiegandAssembler(WiegandSettings settings, IClock clock)
        {
            _settings = settings;
            _clock = clock;
        }

        /// <summary>Pulses dropped as too short.</summary>
        public int Glitches { get; private set; }

        /// <summary>Completed frames lost because <see cref="PendingFrames"/> were already waiting.</summary>
        public int DroppedFrames { get; private set; }

        /// <summary>An edge on line <paramref name="line"/> (0 = D0, 1 = D1); <c>false</c> = the line went low.</summary>
        public void OnEdge(int line, bool level, long timestampMicroseconds)
        {
            if (line != 0 && line != 1)
            {
                return;
            }
            lock (_sync)
            {
                _lastActivityMilliseconds = _clock.UptimeMilliseconds;
                if (!level)
                {
                    if (_lowSince[1 - line] >= 0)
                    {
                        // Both lines low at once never happens in Wiegand: crosstalk or a wiring fault.
                        _noisy = true;
                    }
                    _lowSince[line] = timestampMicroseconds;
                    return;
                }
                long start = _lowSince[line];
                if (start < 0)
                {
                    return; // a rising edge without its falling edge (start-up): nothing to measure
                }
                _lowSince[line] = -1;
                AddPulse(line, start, timestampMicroseconds - start);
            }
        }

        /// <summary>
        /// A whole pulse, for bindings that report only falling edges: pass a negative width when it is unknown
        /// (the width checks are then skipped, spacing and parity still apply).
        /// </summary>
        public void OnPulse(int line, long startMicroseconds, long widthMicroseconds)
        {
            if (line != 0 && line != 1)
            {
                return;
            }
            lock (_sync)
            {
                _lastActivityMilliseconds = _clock.UptimeMilliseconds;
                AddPulse(line, startMicroseconds, widthMicroseconds);
            }
        }

        /// <summary>Hands over the next complete frame, closing the current one if the line has been silent long enough.</summary>
        public bool TryTakeFrame(out WiegandFrame frame)
        {
            lock (_sync)
            {
                if ((_count > 0 || _noisy) && _doneCount < PendingFrames
                    && _clock.UptimeMilliseconds - _lastActivityMilliseconds >= _settings.EndOfFrameMilliseconds)
                {
                    CloseFrame();
                }
                if (_doneCount == 0)
                {
                    frame = new WiegandFrame();
                    return false;
                }
                frame = new WiegandFrame(_doneBits[_doneHead], _doneBitCounts[_doneHead], _doneNoisy[_doneHead]);
                _doneHead = (_doneHead + 1) % PendingFrames;
                _doneCount--;
                return true;
            }
        }

        private void AddPulse(int line, long start, long width)
        {
            if (width >= 0 && width < _settings.MinimumPulseMicroseconds)
            {
                Glitches++;
                return;
            }
            if (_count > 0 && start - _lastBitMicroseconds >= (long)_settings.EndOfFrameMilliseconds * 1000)
            {
                // The main loop was late: the silence already ended the previous frame.
                CloseFrame();
            }
            if (width > _settings.MaximumPulseMicroseconds)
            {
                _noisy = true;
            }
            if (_count > 0 && start - _lastBitMicroseconds < _settings.MinimumBitIntervalMicroseconds)
            {
                _noisy = true;
            }
            if (_count >= WiegandSettings.MaximumBits)
            {
                _noisy = true;
            }
            else
            {
                _bits = (_bits << 1) | (uint)line;
                _count++;
            }
            _lastBitMicroseconds = start;
        }

        private void CloseFrame()
        {
            if (_count == 0 && !_noisy)
            {
                return;
            }
            if (_doneCount == PendingFrames)
            {
                DroppedFrames++;
            }
            else
            {
                int i = (_doneHead + _doneCount) % PendingFrames;
                _doneBits[i] = _bits;
                _doneBitCounts[i] = _count;
                _doneNoisy[i] = _noisy;
                _doneCount++;
            }
            _bits = 0;
            _count = 0;
            _noisy = false;
        }
    }
}
