namespace DoorController.TechConsole;

public enum ConsoleEventKind
{
    /// <summary>A complete line from the controller (echo, reply line or terminator).</summary>
    Line,
    /// <summary>The controller is waiting for input; Text is the prompt ("dc> ", "passcode: ", ...).</summary>
    Prompt,
    /// <summary>The serial line closed.</summary>
    Closed,
}
