using System.Collections;
using DoorController.Provisioning;

namespace DoorController.Tests.Provisioning
{
    /// <summary>Device control and bench tests that record what the console asked for.</summary>
    public sealed class ConsoleTestDevice : IConsoleDeviceControl, IConsoleHardwareTest, IConsoleAuditSink
    {
        /// <summary>Audit records as text: "login ok 0", "login refused 2", "changed set wifi".</summary>
        public readonly ArrayList Audit = new ArrayList();
        public int Reboots;
        public int Erases;
        public int RelayTests;
        public bool RelayWorks = true;

        public bool CanReboot
        {
            get { return true; }
        }

        public bool Reboot()
        {
            Reboots++;
            return true;
        }

        public bool EraseData(out string error)
        {
            Erases++;
            error = null;
            return true;
        }

        public bool TestRelay(out string result)
        {
            RelayTests++;
            result = RelayWorks ? "relay pulsed 5000 ms" : "relay driver not started";
            return RelayWorks;
        }

        public void PasscodeAttempt(bool accepted, int consecutiveFailures)
        {
            Audit.Add("login " + (accepted ? "ok " : "refused ") + consecutiveFailures.ToString());
        }

        public void ConfigurationChanged(string command)
        {
            Audit.Add("changed " + command);
        }

        public bool TestReader(out string result)
        {
            result = "nfc: card 04a2197c read";
            return true;
        }
    }
}
