// nanoFramework.Runtime.Native 1.7.11 - section 6 of nanoframework-api.md (namespace nanoFramework.Runtime.Native,
// plus the partial System.Environment this package adds).

namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern Power();
        public static extern event RebootEventHandler OnRebootEvent;
        public static extern void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot);
        public static extern void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot);
    }

    public delegate void RebootEventHandler();

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    public static class Rtc
    {
        public static extern bool SetSystemTime(System.DateTime time);
    }

    public static class SystemInfo
    {
        public static extern System.Version Version { get; }
        public static extern string OEMString { get; }
        public static extern byte OEM { get; }
        public static extern byte Model { get; }
        public static extern ushort SKU { get; }
        public static extern string TargetName { get; }
        public static extern string Platform { get; }
        public static extern FloatingPoint FloatingPointSupport { get; }

        public enum FloatingPoint
        {
            None = 0,
            SinglePrecisionSoftware = 1,
            SinglePrecisionHardware = 2,
            DoublePrecisionSoftware = 3,
            DoublePrecisionHardware = 4,
        }
    }

    public static class GC
    {
        public static extern uint Run(bool compactHeap);
        public static extern void EnableGCMessages(bool enable);
    }

    public static class ExecutionConstraint
    {
        public static extern void Install(int timeoutMilliseconds, int priority);
    }

    public class ConstraintException : System.Exception
    {
        private extern ConstraintException();
    }
}

namespace System
{
    public static partial class Environment
    {
        public static extern long TickCount64 { get; }
    }
}
