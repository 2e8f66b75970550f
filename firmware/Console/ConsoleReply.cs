using System.Text;

namespace DoorController.Provisioning
{
    /// <summary>
    /// Output of one command. Every reply ends with exactly one terminator line, "ok" or "error: &lt;why&gt;",
    /// which is what tools/console scripts key on; continuation prompts (PEM paste, confirmation) end without one.
    /// </summary>
    public sealed class ConsoleReply
    {
        public const string OkLine = "ok";
        public const string ErrorPrefix = "error: ";
        private const string NewLine = "\r\n";

        private readonly StringBuilder _text;

        public ConsoleReply(StringBuilder text)
        {
            _text = text;
        }

        public bool Failed { get; private set; }

        /// <summary>Writes text that may hold several '\n'-separated lines, each as its own line.</summary>
        public void Lines(string text)
        {
            if (text == null)
            {
                return;
            }
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                int length = end - start;
                if (length > 0 && text[end - 1] == '\r') length--;
                Line(text.Substring(start, length));
                start = end + 1;
            }
        }

        public void Line(string text)
        {
            // A provider line that looked like a terminator would end a script's reply early: indent it.
            if (text == OkLine || text.IndexOf(ErrorPrefix) == 0)
            {
                _text.Append("  ");
            }
            _text.Append(text).Append(NewLine);
        }

        public void Ok()
        {
            _text.Append(OkLine).Append(NewLine);
        }

        public void Error(string why)
        {
            Failed = true;
            _text.Append(ErrorPrefix).Append(why).Append(NewLine);
        }

        /// <summary>Raw output (echo, prompts) that is not a reply line.</summary>
        public void Raw(string text)
        {
            _text.Append(text);
        }
    }
}
