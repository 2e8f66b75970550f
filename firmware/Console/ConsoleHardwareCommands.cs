using DoorController.Config;

namespace DoorController.Provisioning
{
    /// <summary>
    /// `set pin`, `set relay polarity|active`, `set led|buzzer active` and `set reader ...`: wiring of the door hardware
    /// and readers. Named
    /// arguments (d0=25) map onto configuration keys; unnamed pins keep their current value. The pin checks
    /// (exists, output-capable, not used twice) are ConfigValidator's, run on the whole draft.
    /// </summary>
    public sealed class ConsoleHardwareCommands
    {
        private readonly ConsoleConfigEditor _editor;

        public ConsoleHardwareCommands(ConsoleConfigEditor editor)
        {
            _editor = editor;
        }

        public void Execute(string[] tokens, ConsoleReply reply)
        {
            switch (tokens[1])
            {
                case "pin":
                    SetPin(tokens, reply);
                    return;
                case "relay":
                    if (tokens.Length == 4 && tokens[2] == "polarity")
                    {
                        Apply(new string[] { "relay.polarity" }, new string[] { tokens[3].ToLower() }, reply);
                        return;
                    }
                    SetActiveLevel(tokens, "usage: set relay polarity <fail-secure|fail-safe> | set relay active <high|low>", reply);
                    return;
                case "led":
                case "buzzer":
                    SetActiveLevel(tokens, "usage: set " + tokens[1] + " active <high|low>", reply);
                    return;
                default:
                    SetReader(tokens, reply);
                    return;
            }
        }

        /// <summary>"set relay active low": the pin level that switches the relay module (LED, buzzer) on.</summary>
        private void SetActiveLevel(string[] tokens, string usage, ConsoleReply reply)
        {
            if (tokens.Length != 4 || tokens[2] != "active")
            {
                reply.Error(usage);
                return;
            }
            Apply(new string[] { tokens[1] + ".active" }, new string[] { tokens[3].ToLower() }, reply);
        }

        private void SetPin(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length != 4)
            {
                reply.Error("usage: set pin <relay|contact|rex|led|buzzer|tamper|lock-monitor> <gpio|none>");
                return;
            }
            string key = PinKey(tokens[2].ToLower());
            if (key == null)
            {
                reply.Error("unknown pin '" + tokens[2] + "' (relay, contact, rex, led, buzzer, tamper, lock-monitor)");
                return;
            }
            Apply(new string[] { key }, new string[] { tokens[3] }, reply);
        }

        private static string PinKey(string function)
        {
            switch (function)
            {
                case "relay": return "relay.pin";
                case "contact": return "door.contact.pin";
                case "rex": return "door.rex.pin";
                case "led": return "led.pin";
                case "buzzer": return "buzzer.pin";
                case "tamper": return "tamper.pin";
                case "lock-monitor": return "lock.monitor.pin";
                default: return null;
            }
        }

        private void SetReader(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length < 4)
            {
                reply.Error("usage: set reader <wiegand|nfc|qr|ble> ...; type help");
                return;
            }
            string kind = tokens[2].ToLower();
            bool off = tokens.Length == 4 && tokens[3].ToLower() == "off";
            switch (kind)
            {
                case "wiegand":
                    if (off)
                    {
                        Apply(new string[] { "wiegand.d0", "wiegand.d1" }, new string[] { "-1", "-1" }, reply);
                        return;
                    }
                    ApplyNamed(tokens, 3, "wiegand.", "d0 d1", null, null, reply);
                    return;
                case "qr":
                    if (off)
                    {
                        Apply(new string[] { "qr.rx", "qr.tx" }, new string[] { "-1", "-1" }, reply);
                        return;
                    }
                    ApplyNamed(tokens, 3, "qr.", "rx tx", null, null, reply);
                    return;
                case "ble":
                    if (tokens.Length != 4)
                    {
                        reply.Error("usage: set reader ble <on|off>");
                        return;
                    }
                    Apply(new string[] { "ble.enabled" }, new string[] { tokens[3].ToLower() }, reply);
                    return;
                case "nfc":
                    SetNfc(tokens, off, reply);
                    return;
                default:
                    reply.Error("unknown reader '" + tokens[2] + "' (wiegand, nfc, qr, ble)");
                    return;
            }
        }

        private void SetNfc(string[] tokens, bool off, ConsoleReply reply)
        {
            if (off)
            {
                Apply(new string[] { "nfc.type" }, new string[] { "none" }, reply);
                return;
            }
            if (tokens.Length < 5)
            {
                reply.Error("usage: set reader nfc <pn532|mfrc522> <spi|i2c|uart> <pin>=<gpio>...");
                return;
            }
            string bus = tokens[4].ToLower();
            string names = bus == "i2c" ? "sda scl rst" : bus == "uart" ? "rx tx rst" : "sck miso mosi cs rst";
            ApplyNamed(tokens, 5, "nfc.", names, new string[] { "nfc.type", "nfc.bus" }, new string[] { tokens[3].ToLower(), bus }, reply);
        }

        /// <summary>
        /// Applies name=value arguments from <paramref name="first"/> on, each name one of the space-separated
        /// <paramref name="allowed"/> and stored under <paramref name="prefix"/>+name, plus the fixed settings.
        /// </summary>
        private void ApplyNamed(string[] tokens, int first, string prefix, string allowed, string[] fixedKeys, string[] fixedValues,
            ConsoleReply reply)
        {
            int fixedCount = fixedKeys == null ? 0 : fixedKeys.Length;
            int count = tokens.Length - first;
            if (count <= 0 && fixedCount == 0)
            {
                reply.Error("expected " + allowed + " as name=gpio");
                return;
            }
            string[] keys = new string[fixedCount + count];
            string[] values = new string[fixedCount + count];
            for (int i = 0; i < fixedCount; i++)
            {
                keys[i] = fixedKeys[i];
                values[i] = fixedValues[i];
            }
            string list = " " + allowed + " ";
            for (int i = 0; i < count; i++)
            {
                string argument = tokens[first + i];
                int equals = argument.IndexOf('=');
                string name = equals > 0 ? argument.Substring(0, equals).ToLower() : "";
                if (equals <= 0 || list.IndexOf(" " + name + " ") < 0)
                {
                    reply.Error("expected name=gpio with name one of: " + allowed + " (got '" + argument + "')");
                    return;
                }
                keys[fixedCount + i] = prefix + name;
                values[fixedCount + i] = argument.Substring(equals + 1);
            }
            Apply(keys, values, reply);
        }

        private void Apply(string[] keys, string[] values, ConsoleReply reply)
        {
            ControllerConfig draft = _editor.Draft();
            for (int i = 0; i < keys.Length; i++)
            {
                string error;
                if (!ConfigCodec.TrySet(draft, keys[i], values[i], out error))
                {
                    reply.Error(error);
                    return;
                }
            }
            _editor.Commit(draft, reply);
        }
    }
}
