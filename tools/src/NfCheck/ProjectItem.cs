namespace DoorController.NfCheck
{
    /// <summary>A reference item of an .nfproj: what it names, its hint path (package references) and its line.</summary>
    public sealed record ProjectItem(string Value, string Hint, int Line);
}
