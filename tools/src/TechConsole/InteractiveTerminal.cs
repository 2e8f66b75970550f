namespace DoorController.TechConsole;

/// <summary>
/// A plain terminal on the controller console: each key goes to the controller as typed and the controller
/// echoes it (secrets as '*'), so nothing secret is ever shown by this side. Ctrl-] leaves.
/// </summary>
public static class InteractiveTerminal
{
    private const char LeaveKey = (char)0x1D; // Ctrl-]

    public static int Run(SerialConnection connection, ReplyReader reader)
    {
        Console.Error.WriteLine("connected; type help, Ctrl-] to leave");
        reader.Passthrough = text =>
        {
            Console.Out.Write(text);
            Console.Out.Flush();
        };
        Console.TreatControlCAsInput = true;
        connection.Write("\r\n");
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            char ch = key.KeyChar;
            if (ch == LeaveKey || (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key == ConsoleKey.D))
            {
                Console.Out.WriteLine();
                return ExitCodes.Ok;
            }
            if (key.Key == ConsoleKey.Enter)
            {
                connection.Write("\r");
            }
            else if (key.Key == ConsoleKey.Backspace)
            {
                connection.Write(new byte[] { 0x08 });
            }
            else if (ch == (char)3 || (ch >= ' ' && ch <= '~'))
            {
                connection.Write(new byte[] { (byte)ch });
            }
        }
    }
}
