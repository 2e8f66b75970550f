using System.Text;
using DoorController.Hal;

namespace DoorController.Tests.Provisioning
{
    /// <summary>A serial line that records what the console writes; input is fed to the session directly.</summary>
    public sealed class ConsoleTestLine : ISerialLine
    {
        private readonly StringBuilder _written = new StringBuilder();

        public int Read(byte[] buffer, int offset, int count)
        {
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _written.Append(Encoding.UTF8.GetString(buffer, offset, count));
        }

        /// <summary>Everything written since the last call.</summary>
        public string Take()
        {
            string text = _written.ToString();
            _written.Clear();
            return text;
        }
    }
}
