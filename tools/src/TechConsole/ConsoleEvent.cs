namespace DoorController.TechConsole;

/// <summary>One thing the controller sent: a line, a prompt, or the end of the line.</summary>
public readonly record struct ConsoleEvent(ConsoleEventKind Kind, string Text);
