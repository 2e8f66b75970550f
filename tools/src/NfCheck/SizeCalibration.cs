using System;

namespace DoorController.NfCheck
{
    /// <summary>
    /// The one place the size estimate is calibrated and the budgets are set. nanoCLR 1.x addresses an assembly's
    /// byte code and string table with 16-bit offsets (CLR_MaxStreamSize_ByteCode / _Strings = 0xFFFF,
    /// nanoframework-api.md section 0a); the budget keeps 25 % headroom under that.
    /// </summary>
    public static class SizeCalibration
    {
        /// <summary>48 KiB: 75 % of the 64 KiB byte-code limit.</summary>
        public const int ByteCodeBudget = 49152;

        /// <summary>48 KiB: 75 % of the 64 KiB string-table limit.</summary>
        public const int StringsBudget = 49152;

        // Calibration (placeholder; fitted below).
        public const double ByteCodeFactor = 1.0;
        public const double StringsFactor = 1.0;

        public static AssemblySize Estimate(string name, string project, IlMeasure raw) =>
            new AssemblySize(name, project, (int)Math.Ceiling(raw.ByteCode * ByteCodeFactor), (int)Math.Ceiling(raw.StringBytes * StringsFactor));
    }
}
