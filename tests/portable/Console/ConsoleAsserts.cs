using DoorController.Provisioning;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Provisioning
{
    /// <summary>Checks on a console reply: the terminator line, then the next prompt.</summary>
    public static class ConsoleAsserts
    {
        public static void Ok(string output)
        {
            Assert.IsTrue(output.EndsWith("\r\nok\r\n" + ConsoleSession.CommandPrompt) || output.EndsWith("\nok\r\n" + ConsoleSession.CommandPrompt),
                "expected ok then the prompt, got: " + output);
        }

        public static void Error(string output, string why)
        {
            int error = output.IndexOf("\r\nerror: ");
            Assert.IsTrue(error >= 0, "expected an error line, got: " + output);
            Assert.Contains(why, output.Substring(error));
            Assert.IsTrue(output.EndsWith("\r\n" + ConsoleSession.CommandPrompt), "expected the prompt after the error, got: " + output);
        }
    }
}
