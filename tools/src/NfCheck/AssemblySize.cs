namespace DoorController.NfCheck
{
    /// <summary>
    /// One assembly's estimated nanoCLR size (bytes of the .pe's ByteCode and Strings tables), printed as
    /// <c>assembly NAME: bytecode=N strings=M</c>. NAME is the project's name (the test projects all deploy as NFUnitTest).
    /// </summary>
    public sealed record AssemblySize(string Name, string Project, int ByteCode, int Strings)
    {
        public bool WithinBudget => ByteCode <= SizeCalibration.ByteCodeBudget && Strings <= SizeCalibration.StringsBudget;

        public override string ToString() => $"assembly {Name}: bytecode={ByteCode} strings={Strings}";
    }
}
