using DoorController.Config;
using DoorController.Hal;

namespace DoorController.Provisioning
{
    /// <summary>
    /// Single-line commands of an unlocked session: reports (status, show config, stats, log tail), bench tests
    /// and `set`. Multi-line commands (PEM paste, factory-reset) and session control live in ConsoleSession.
    /// </summary>
    public sealed class ConsoleCommands
    {
        public const int DefaultLogLines = 20;
        public const int MaxLogLines = 200;

        private readonly ConsoleConfigEditor _editor;
        private readonly ConsoleServices _services;
        private readonly IClock _clock;
        private readonly ConsoleSetCommands _set;

        public ConsoleCommands(ConsoleConfigEditor editor, ConsoleAccessGuard guard, ConsoleServices services, IClock clock)
        {
            _editor = editor;
            _services = services;
            _clock = clock;
            _set = new ConsoleSetCommands(editor, guard);
        }

        /// <summary>Why boot fell back to defaults (blank board, damaged file), or null; shown by `status`.</summary>
        public string ConfigFault;

        public void Execute(string[] tokens, ConsoleReply reply)
        {
            switch (tokens[0])
            {
                case "help":
                case "?":
                    ConsoleHelp.Write(reply);
                    reply.Ok();
                    return;
                case "status":
                    Status(reply);
                    return;
                case "show":
                    if (tokens.Length != 2 || tokens[1] != "config")
                    {
                        reply.Error("usage: show config");
                        return;
                    }
                    ShowConfig(reply);
                    return;
                case "set":
                    _set.Execute(tokens, reply);
                    return;
                case "test":
                    Test(tokens, reply);
                    return;
                case "stats":
                    Stats(tokens, reply);
                    return;
                case "log":
                    LogTail(tokens, reply);
                    return;
                default:
                    reply.Error("unknown command '" + tokens[0] + "'; type help");
                    return;
            }
        }

        private void Status(ConsoleReply reply)
        {
            ControllerConfig c = _editor.Current;
            reply.Line("firmware: " + _services.FirmwareVersion);
            reply.Line("device: " + (c.DeviceId.Length == 0 ? "(not set)" : c.DeviceId));
            reply.Line("uptime: " + (_clock.UptimeMilliseconds / 1000).ToString() + " s");
            string source = ConfigFault == null ? "loaded from flash" : "defaults (" + ConfigFault + ")";
            reply.Line("config: " + (_editor.ChangedSinceBoot ? "changed and saved, reboot to apply" : source));
            string missing = ConfigValidator.DescribeMissing(c);
            reply.Line("provisioning: " + (missing.Length == 0 ? "complete" : "incomplete, missing " + missing));
            reply.Lines(_services.Status.DescribeStatus());
            reply.Ok();
        }

        private void ShowConfig(ConsoleReply reply)
        {
            ControllerConfig c = _editor.Current;
            for (int i = 0; i < ConfigCodec.Keys.Length; i++)
            {
                string key = ConfigCodec.Keys[i];
                if (key == "console.passcode.salt")
                {
                    continue;
                }
                string value = ConfigCodec.Get(c, key);
                if (key == "console.passcode.hmac")
                {
                    reply.Line("console.passcode=" + (value.Length == 0 ? "(not set)" : "(set)"));
                }
                else if (ConfigCodec.IsSecret(key))
                {
                    reply.Line(key + "=" + (value.Length == 0 ? "(not set)" : "(set, hidden)"));
                }
                else if (key == "tls.ca" || key == "tls.cert")
                {
                    reply.Line(key + "=" + (value.Length == 0 ? "(not set)" : "(PEM, " + value.Length.ToString() + " characters)"));
                }
                else
                {
                    reply.Line(key + "=" + (value.Length == 0 ? "(not set)" : value));
                }
            }
            reply.Ok();
        }

        private void Test(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length != 2 || (tokens[1] != "relay" && tokens[1] != "reader"))
            {
                reply.Error("usage: test relay | test reader");
                return;
            }
            string result;
            bool ok = tokens[1] == "relay" ? _services.Hardware.TestRelay(out result) : _services.Hardware.TestReader(out result);
            if (!ok)
            {
                reply.Error(result == null ? "test failed" : OneLine(result));
                return;
            }
            reply.Lines(result);
            reply.Ok();
        }

        private void Stats(string[] tokens, ConsoleReply reply)
        {
            string which = tokens.Length >= 2 ? tokens[1] : "all";
            if (tokens.Length > 2 || (which != "all" && which != "cache" && which != "journal" && which != "link"))
            {
                reply.Error("usage: stats [cache|journal|link]");
                return;
            }
            IConsoleStatisticsSource source = _services.Statistics;
            if (which == "all" || which == "cache") reply.Lines(source.CacheStatistics());
            if (which == "all" || which == "journal") reply.Lines(source.JournalStatistics());
            if (which == "all" || which == "link") reply.Lines(source.LinkStatistics());
            reply.Ok();
        }

        private void LogTail(string[] tokens, ConsoleReply reply)
        {
            int lines = DefaultLogLines;
            if (tokens.Length < 2 || tokens[1] != "tail" || tokens.Length > 3
                || (tokens.Length == 3 && (!int.TryParse(tokens[2], out lines) || lines < 1 || lines > MaxLogLines)))
            {
                reply.Error("usage: log tail [1-" + MaxLogLines.ToString() + "]");
                return;
            }
            reply.Lines(_services.Log.Tail(lines));
            reply.Ok();
        }

        private static string OneLine(string text)
        {
            int newline = text.IndexOf('\n');
            return newline < 0 ? text : text.Substring(0, newline);
        }
    }
}
