namespace DoorController.NfCheck
{
    /// <summary>One finding, printed as <c>path:line:col: error CODE: message</c> (path relative to the checked root).</summary>
    public sealed record Violation(string Path, int Line, int Column, string Code, string Message)
    {
        public override string ToString() => $"{Path}:{Line}:{Column}: error {Code}: {Message}";
    }
}
