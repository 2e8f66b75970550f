using System;
using DoorController.Readers;

namespace DoorController.Hal.Host.Sim
{
    /// <summary>
    /// A simulated Wiegand reader wired to two <see cref="SimInputPin"/>s (D0, D1, idle high). Sends frames as
    /// timed low pulses; the timing and faults (glitches, cut frames) are parameters so tests can exercise the
    /// assembler's noise rejection.
    /// </summary>
    public sealed class SimWiegandReader
    {
        private long _timeMicroseconds;

        public SimWiegandReader()
        {
            D0 = new SimInputPin("wiegand-d0", true);
            D1 = new SimInputPin("wiegand-d1", true);
        }

        public SimInputPin D0 { get; }
        public SimInputPin D1 { get; }

        public int PulseMicroseconds { get; set; } = 50;
        public int IntervalMicroseconds { get; set; } = 2000;

        /// <summary>Gap left before each frame, longer than the 25 ms end-of-frame silence.</summary>
        public int FrameGapMicroseconds { get; set; } = 50_000;

        /// <summary>The firmware reader on this simulator's two lines, ready for the controller's reader list.</summary>
        public WiegandReader CreateReader(int readerId, IClock clock, WiegandSettings settings = null)
        {
            return new WiegandReader(readerId, D0, D1, settings ?? new WiegandSettings(), clock);
        }

        /// <summary>Sends an H10301 card (facility 0-255, card 0-65535).</summary>
        public void SendCard26(int facility, int card)
        {
            SendBits(WiegandFormat.Encode26(facility, card), 26);
        }

        /// <summary>Sends 32 bits as a 34-bit frame (how many readers send a 4-byte UID).</summary>
        public void SendCard34(uint value)
        {
            SendBits(WiegandFormat.Encode34(value), 34);
        }

        /// <summary>Sends keypad keys as 4-bit frames ('0'-'9', '*', '#').</summary>
        public void SendKeys(string keys)
        {
            foreach (char key in keys)
            {
                int value = key == '*' ? WiegandFormat.KeypadKeyStar : key == '#' ? WiegandFormat.KeypadKeyHash : key - '0';
                if (value < 0 || value > 11)
                {
                    throw new ArgumentException("not a keypad key: " + key, nameof(keys));
                }
                SendBits((ulong)value, 4);
            }
        }

        /// <summary>Sends the first <paramref name="bitCount"/> bits of <paramref name="bits"/>, most significant first.</summary>
        public void SendBits(ulong bits, int bitCount)
        {
            _timeMicroseconds += FrameGapMicroseconds;
            for (int i = bitCount - 1; i >= 0; i--)
            {
                SimInputPin line = ((bits >> i) & 1) != 0 ? D1 : D0;
                line.Set(false, _timeMicroseconds);
                line.Set(true, _timeMicroseconds + PulseMicroseconds);
                _timeMicroseconds += IntervalMicroseconds;
            }
        }

        /// <summary>A spike on one line, <paramref name="widthMicroseconds"/> wide (noise injection).</summary>
        public void Glitch(bool onD1, int widthMicroseconds)
        {
            SimInputPin line = onD1 ? D1 : D0;
            line.Set(false, _timeMicroseconds);
            line.Set(true, _timeMicroseconds + widthMicroseconds);
            _timeMicroseconds += widthMicroseconds + 10;
        }
    }
}
