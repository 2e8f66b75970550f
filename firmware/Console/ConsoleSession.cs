using System.Text;
using DoorController.Config;
using DoorController.Hal;

namespace DoorController.Provisioning
{
    /// <summary>
    /// The technician's console on one serial line: echo (secrets as '*'), passcode gate, command dispatch and
    /// the multi-line inputs (PEM paste, factory-reset confirmation). Feed it bytes with <see cref="Receive"/> and
    /// call <see cref="Poll"/> when the line is quiet; all output goes to the line. Nothing a sender types can
    /// make it throw: bad lines get "error: ..." and the configuration stays as it was.
    /// </summary>
    public sealed class ConsoleSession
    {
        public const string CommandPrompt = "dc> ";
        public const string PasscodePrompt = "passcode: ";
        public const string PemPrompt = "pem> ";
        public const string ConfirmPrompt = "confirm> ";
        public const string ConfirmWord = "ERASE";

        private readonly ISerialLine _line;
        private readonly ConsoleConfigEditor _editor;
        private readonly ConsoleServices _services;
        private readonly ConsoleAccessGuard _guard;
        private readonly ConsoleCommands _commands;
        private readonly ConsoleLineAssembler _assembler = new ConsoleLineAssembler();
        private readonly StringBuilder _out = new StringBuilder();
        private readonly ConsoleReply _reply;
        private readonly StringBuilder _pem = new StringBuilder();
        private ConsoleInputMode _mode;
        private string _pemKey;
        private bool _rebootPending;

        /// <param name="lockout">Persists wrong-passcode counts across reboots; null keeps them in memory.</param>
        public ConsoleSession(ISerialLine line, ConsoleConfigEditor editor, ConsoleServices services, IClock clock, string configFault,
            ConsoleLockoutRecord lockout)
        {
            _line = line;
            _editor = editor;
            _services = services;
            _guard = new ConsoleAccessGuard(clock, lockout);
            _commands = new ConsoleCommands(editor, _guard, services, clock);
            _commands.ConfigFault = configFault;
            _reply = new ConsoleReply(_out);
        }

        public ConsoleInputMode Mode
        {
            get { return _mode; }
        }

        public ConsoleAccessGuard Guard
        {
            get { return _guard; }
        }

        /// <summary>Greets the terminal and shows the first prompt (passcode when one is set).</summary>
        public void Start()
        {
            _reply.Line("");
            _reply.Line("door controller console, firmware " + _services.FirmwareVersion + " (115200 8N1); type help");
            if (_commands.ConfigFault != null)
            {
                _reply.Line("warning: " + _commands.ConfigFault);
            }
            if (!_editor.Current.HasPasscode)
            {
                _reply.Line("warning: no console passcode is set; set one with: set passcode <new>");
            }
            _mode = _guard.IsUnlocked(_editor.Current) ? ConsoleInputMode.Command : ConsoleInputMode.Passcode;
            Prompt();
            Flush();
        }

        /// <summary>Runs the idle timeout while the line is quiet.</summary>
        public void Poll()
        {
            CheckIdle();
            Flush();
        }

        public void Receive(byte[] data, int offset, int count)
        {
            if (count <= 0)
            {
                return;
            }
            CheckIdle();
            _guard.Touch();
            for (int i = 0; i < count; i++)
            {
                HandleByte(data[offset + i]);
            }
            Flush();
            if (_rebootPending)
            {
                _rebootPending = false;
                _services.Device.Reboot();
            }
        }

        private void CheckIdle()
        {
            if (_guard.LockIfIdle(_editor.Current))
            {
                _mode = ConsoleInputMode.Passcode;
                _pem.Clear();
                _reply.Raw("\r\n");
                _reply.Line("session locked after " + (ConsoleAccessGuard.IdleTimeoutMilliseconds / 60000).ToString() + " min idle");
                Prompt();
            }
        }

        private void HandleByte(byte b)
        {
            switch (_assembler.Feed(b))
            {
                case ConsoleLineEvent.Appended:
                    char typed = _assembler.Buffer[_assembler.Length - 1];
                    _out.Append(IsSecretInput() ? '*' : typed);
                    return;
                case ConsoleLineEvent.Erased:
                    _reply.Raw("\b \b");
                    return;
                case ConsoleLineEvent.Cancelled:
                    _reply.Raw("^C\r\n");
                    if (_mode == ConsoleInputMode.Pem || _mode == ConsoleInputMode.Confirm)
                    {
                        EndMultiLine("cancelled");
                    }
                    Prompt();
                    return;
                case ConsoleLineEvent.Empty:
                    _reply.Raw("\r\n");
                    Prompt();
                    return;
                case ConsoleLineEvent.TooLong:
                    _reply.Raw("\r\n");
                    Discarded("line longer than " + ConsoleLineAssembler.MaxLineLength.ToString() + " characters discarded");
                    return;
                case ConsoleLineEvent.Binary:
                    _reply.Raw("\r\n");
                    Discarded("line with control or non-ASCII bytes discarded");
                    return;
                case ConsoleLineEvent.Completed:
                    _reply.Raw("\r\n");
                    HandleLine(_assembler.TakeLine());
                    Prompt();
                    return;
                default:
                    return;
            }
        }

        private bool IsSecretInput()
        {
            if (_mode == ConsoleInputMode.Passcode || (_mode == ConsoleInputMode.Pem && _pemKey == "tls.key"))
            {
                return true;
            }
            return _mode == ConsoleInputMode.Command && ConsoleEchoMask.LastCharIsSecret(_assembler.Buffer, _assembler.Length);
        }

        private void Discarded(string why)
        {
            if (_mode == ConsoleInputMode.Pem || _mode == ConsoleInputMode.Confirm)
            {
                EndMultiLine(why + "; input cancelled");
            }
            else
            {
                _reply.Error(why);
            }
            Prompt();
        }

        private void EndMultiLine(string why)
        {
            _mode = ConsoleInputMode.Command;
            _pem.Clear();
            _reply.Error(why);
        }

        private void HandleLine(string line)
        {
            switch (_mode)
            {
                case ConsoleInputMode.Passcode:
                    string refusal = _guard.TryUnlock(_editor.Current, line);
                    _services.Audit.PasscodeAttempt(refusal == null, _guard.Failures);
                    if (refusal != null)
                    {
                        _reply.Error(refusal);
                        return;
                    }
                    _mode = ConsoleInputMode.Command;
                    _reply.Ok();
                    return;
                case ConsoleInputMode.Pem:
                    PemLine(line.Trim());
                    return;
                case ConsoleInputMode.Confirm:
                    _mode = ConsoleInputMode.Command;
                    if (line.Trim() != ConfirmWord)
                    {
                        _reply.Error("factory reset cancelled");
                        return;
                    }
                    FactoryReset();
                    return;
                default:
                    int saves = _editor.SaveCount;
                    string[] tokens = Command(line);
                    if (_editor.SaveCount != saves && tokens != null)
                    {
                        _services.Audit.ConfigurationChanged(tokens.Length >= 2 ? tokens[0] + " " + tokens[1] : tokens[0]);
                    }
                    return;
            }
        }

        /// <summary>Runs one command line; returns its words (null when it did not parse).</summary>
        private string[] Command(string line)
        {
            string error;
            string[] tokens = ConsoleTokenizer.Tokenize(line, out error);
            if (tokens == null)
            {
                _reply.Error(error);
                return null;
            }
            if (tokens.Length == 0)
            {
                return null;
            }
            if (tokens[0] == "set" && tokens.Length >= 2 && PemKeyFor(tokens[1]) != null)
            {
                BeginPem(tokens);
                return tokens;
            }
            Dispatch(tokens);
            return tokens;
        }

        private void Dispatch(string[] tokens)
        {
            switch (tokens[0])
            {
                case "lock":
                case "logout":
                    _guard.Lock();
                    _reply.Ok();
                    return;
                case "reboot":
                    if (!_services.Device.CanReboot)
                    {
                        _reply.Error("reboot is not available on this build");
                        return;
                    }
                    _reply.Line("rebooting");
                    _reply.Ok();
                    _rebootPending = true;
                    return;
                case "factory-reset":
                    _reply.Line("this erases the configuration (Wi-Fi, broker, certificates, keys, passcode),");
                    _reply.Line("the credential cache and the event journal. Type " + ConfirmWord + " to confirm, anything else cancels.");
                    _mode = ConsoleInputMode.Confirm;
                    return;
                default:
                    _commands.Execute(tokens, _reply);
                    return;
            }
        }

        private static string PemKeyFor(string what)
        {
            switch (what)
            {
                case "ca": return "tls.ca";
                case "cert": return "tls.cert";
                case "cert-key": return "tls.key";
                default: return null;
            }
        }

        private void BeginPem(string[] tokens)
        {
            string key = PemKeyFor(tokens[1]);
            if (tokens.Length == 3 && tokens[2].ToLower() == "none")
            {
                ControllerConfig draft = _editor.Draft();
                string ignored;
                ConfigCodec.TrySet(draft, key, "", out ignored);
                _editor.Commit(draft, _reply);
                return;
            }
            if (tokens.Length != 2)
            {
                _reply.Error("usage: set " + tokens[1] + "   (then paste the PEM block), or: set " + tokens[1] + " none");
                return;
            }
            _pemKey = key;
            _pem.Clear();
            _mode = ConsoleInputMode.Pem;
            _reply.Line("paste the PEM block; it ends at its -----END ...----- line (Ctrl-C cancels)");
        }

        private void PemLine(string line)
        {
            if (_pem.Length == 0 && line.IndexOf("-----BEGIN ") != 0)
            {
                EndMultiLine("expected a -----BEGIN ...----- line; paste cancelled");
                return;
            }
            _pem.Append(line).Append('\n');
            if (_pem.Length > ConfigDefaults.MaxPemLength)
            {
                EndMultiLine("PEM block longer than " + ConfigDefaults.MaxPemLength.ToString() + " characters; paste cancelled");
                return;
            }
            if (line.IndexOf("-----END ") != 0)
            {
                return;
            }
            _mode = ConsoleInputMode.Command;
            ControllerConfig draft = _editor.Draft();
            string error;
            if (!ConfigCodec.TrySet(draft, _pemKey, _pem.ToString(), out error))
            {
                _reply.Error(error);
            }
            else if (_editor.Commit(draft, _reply))
            {
                _services.Audit.ConfigurationChanged(_pemKey);
            }
            _pem.Clear();
        }

        private void FactoryReset()
        {
            string error;
            if (!_services.Device.EraseData(out error))
            {
                _reply.Error("factory reset failed: " + error);
                return;
            }
            if (!_editor.TryEraseAll(out error))
            {
                _reply.Error("factory reset failed: " + error);
                return;
            }
            _guard.Reset();
            _commands.ConfigFault = null;
            _services.Audit.ConfigurationChanged("factory-reset");
            _reply.Line("configuration, cache and journal erased");
            if (_services.Device.CanReboot)
            {
                _reply.Line("rebooting");
                _rebootPending = true;
            }
            _reply.Ok();
        }

        private void Prompt()
        {
            if (_mode == ConsoleInputMode.Command && !_guard.IsUnlocked(_editor.Current))
            {
                _mode = ConsoleInputMode.Passcode;
            }
            switch (_mode)
            {
                case ConsoleInputMode.Passcode: _reply.Raw(PasscodePrompt); return;
                case ConsoleInputMode.Pem: _reply.Raw(PemPrompt); return;
                case ConsoleInputMode.Confirm: _reply.Raw(ConfirmPrompt); return;
                default: _reply.Raw(CommandPrompt); return;
            }
        }

        private void Flush()
        {
            if (_out.Length == 0)
            {
                return;
            }
            byte[] bytes = Encoding.UTF8.GetBytes(_out.ToString());
            _out.Clear();
            _line.Write(bytes, 0, bytes.Length);
        }
    }
}
