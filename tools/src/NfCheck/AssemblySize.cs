using System;

namespace DoorController.NfCheck
{
    /// <summary>
    /// One assembly's estimated nanoCLR size (bytes of the .pe's ByteCode and Strings tables) in both builds a project
    /// deploys: Release (/optimize+) and Debug (/optimize-, DEBUG;TRACE: what Visual Studio deploys unless told
    /// otherwise, about a quarter more byte code). <see cref="ByteCode"/> and <see cref="Strings"/> are the larger of
    /// the two, the figures the budget applies to. Printed as
    /// <c>assembly NAME: bytecode=N strings=M release_bytecode=.. release_strings=.. debug_bytecode=.. debug_strings=..</c>;
    /// NAME is the project's name (the test projects all deploy as NFUnitTest).
    /// </summary>
    public sealed record AssemblySize(string Name, string Project, int ReleaseByteCode, int ReleaseStrings, int DebugByteCode, int DebugStrings)
    {
        public int ByteCode => Math.Max(ReleaseByteCode, DebugByteCode);

        public int Strings => Math.Max(ReleaseStrings, DebugStrings);

        public bool WithinBudget => ByteCode <= SizeCalibration.ByteCodeBudget && Strings <= SizeCalibration.StringsBudget;

        public override string ToString() =>
            $"assembly {Name}: bytecode={ByteCode} strings={Strings} release_bytecode={ReleaseByteCode} release_strings={ReleaseStrings} debug_bytecode={DebugByteCode} debug_strings={DebugStrings}";
    }
}
