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
                case "rtc":
                    SetRtc(tokens, reply);
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

        /// <summary>"set rtc ds3231 sda=21 scl=22" (a DS3231 on I2C bus 1; the NFC reader's pins if it is on I2C too) or "set rtc none".</summary>
        private void SetRtc(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length == 3 && tokens[2].ToLower() == "none")
            {
                Apply(new string[] { "rtc" }, new string[] { "none" }, reply);
                return;
            }
            if (tokens.Length < 3 || tokens[2].ToLower() != "ds3231")
            {
                reply.Error("usage: set rtc ds3231 [sda=<gpio>] [scl=<gpio>] | set rtc none");
                return;
            }
            ApplyNamed(tokens, 3, "rtc.", "sda scl", new string[] { "rtc" }, new string[] { "ds3231" }, reply);
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
        /// Applies the fixed settings, then the name=value arguments from <paramref name="first"/> on, each name one of
        /// the space-separated <paramref name="allowed"/> and stored under <paramref name="prefix"/>+name, to one draft
        /// that is committed only if every one applies.
        /// </summary>
        private void ApplyNamed(string[] tokens, int first, string prefix, string allowed, string[] fixedKeys, string[] fixedValues,
            ConsoleReply reply)
        {
            if (tokens.Length <= first && fixedKeys == null)
            {
                reply.Error("expected " + allowed + " as name=gpio");
                return;
            }
            ControllerConfig draft = _editor.Draft();
            if (fixedKeys != null && !TrySetAll(draft, fixedKeys, fixedValues, reply))
            {
                return;
            }
            string list = " " + allowed + " ";
            for (int i = first; i < tokens.Length; i++)
            {
                string argument = tokens[i];
                int equals = argument.IndexOf('=');
                string name = equals > 0 ? argument.Substring(0, equals).ToLower() : "";
                if (equals <= 0 || list.IndexOf(" " + name + " ") < 0)
                {
                    reply.Error("expected name=gpio with name one of: " + allowed + " (got '" + argument + "')");
                    return;
                }
                if (!TrySet(draft, prefix + name, argument.Substring(equals + 1), reply))
                {
                    return;
                }
            }
            _editor.Commit(draft, reply);
        }

        private void Apply(string[] keys, string[] values, ConsoleReply reply)
        {
            ControllerConfig draft = _editor.Draft();
            if (TrySetAll(draft, keys, values, reply))
            {
                _editor.Commit(draft, reply);
            }
        }

        private static bool TrySetAll(ControllerConfig draft, string[] keys, string[] values, ConsoleReply reply)
        {
            for (int i = 0; i < keys.Length; i++)
            {
                if (!TrySet(draft, keys[i], values[i], reply))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool TrySet(ControllerConfig draft, string key, string value, ConsoleReply reply)
        {
            string error;
            if (!ConfigCodec.TrySet(draft, key, value, out error))
            {
                reply.Error(error);
                return false;
            }
            return true;
        }
    }
}
