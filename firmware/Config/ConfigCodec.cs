using System.Text;

namespace DoorController.Config
{
    /// <summary>
    /// The configuration as "key=value" lines, the on-flash format and what `show config` lists. Values are
    /// escaped so that one setting is always one line (PEM blocks span lines): backslash, newline and carriage
    /// return become \\, \n and \r. Unknown keys are ignored on read so an older firmware can read a newer file.
    /// </summary>
    public static class ConfigCodec
    {
        /// <summary>Every key, in file order.</summary>
        public static readonly string[] Keys = new string[]
        {
            "device.id", "device.key", "wifi.ssid", "wifi.psk", "mqtt.host", "mqtt.port", "mqtt.tls", "mqtt.user", "mqtt.password",
            "tls.ca", "tls.cert", "tls.key",
            "relay.pin", "relay.polarity", "relay.active", "door.contact.pin", "door.rex.pin", "led.pin", "led.active",
            "buzzer.pin", "buzzer.active", "tamper.pin", "lock.monitor.pin",
            "wiegand.d0", "wiegand.d1",
            "nfc.type", "nfc.bus", "nfc.sck", "nfc.miso", "nfc.mosi", "nfc.cs", "nfc.sda", "nfc.scl", "nfc.rx", "nfc.tx", "nfc.rst",
            "qr.rx", "qr.tx", "ble.enabled", "rtc", "rtc.sda", "rtc.scl",
            "door.heldopen.s", "online.timeout.ms", "board.flash.mb",
            "door.id", "reader.nfc.id", "reader.wiegand.id", "reader.qr.id", "reader.ble.id",
            "door2.id", "door2.relay.pin", "door2.contact.pin", "door2.rex.pin", "door.interlock",
            "console.passcode.salt", "console.passcode.hmac"
        };

        /// <summary>Keys whose value is a secret: never shown, never echoed.</summary>
        public static bool IsSecret(string key)
        {
            return key == "wifi.psk" || key == "mqtt.password" || key == "tls.key" || key == "device.key" || key == "console.passcode.salt" || key == "console.passcode.hmac";
        }

        /// <summary>The setting as text, or null for an unknown key.</summary>
        public static string Get(ControllerConfig c, string key)
        {
            switch (key)
            {
                case "device.id": return c.DeviceId;
                case "device.key": return c.DeviceKeyHex;
                case "wifi.ssid": return c.WifiSsid;
                case "wifi.psk": return c.WifiPsk;
                case "mqtt.host": return c.MqttHost;
                case "mqtt.port": return c.MqttPort.ToString();
                case "mqtt.tls": return BoolText(c.MqttTls);
                case "mqtt.user": return c.MqttUser;
                case "mqtt.password": return c.MqttPassword;
                case "tls.ca": return c.CaCertificatePem;
                case "tls.cert": return c.ClientCertificatePem;
                case "tls.key": return c.ClientKeyPem;
                case "relay.pin": return c.RelayPin.ToString();
                case "relay.polarity": return PolarityText(c.Polarity);
                case "relay.active": return LevelText(c.RelayActiveHigh);
                case "door.contact.pin": return c.DoorContactPin.ToString();
                case "door.rex.pin": return c.RexPin.ToString();
                case "led.pin": return c.LedPin.ToString();
                case "led.active": return LevelText(c.LedActiveHigh);
                case "buzzer.pin": return c.BuzzerPin.ToString();
                case "buzzer.active": return LevelText(c.BuzzerActiveHigh);
                case "tamper.pin": return c.TamperPin.ToString();
                case "lock.monitor.pin": return c.LockMonitorPin.ToString();
                case "rtc.sda": return c.RtcSdaPin.ToString();
                case "rtc.scl": return c.RtcSclPin.ToString();
                case "wiegand.d0": return c.WiegandD0Pin.ToString();
                case "wiegand.d1": return c.WiegandD1Pin.ToString();
                case "nfc.type": return NfcTypeText(c.NfcType);
                case "nfc.bus": return NfcBusText(c.NfcBusKind);
                case "nfc.sck": return c.NfcSckPin.ToString();
                case "nfc.miso": return c.NfcMisoPin.ToString();
                case "nfc.mosi": return c.NfcMosiPin.ToString();
                case "nfc.cs": return c.NfcCsPin.ToString();
                case "nfc.sda": return c.NfcSdaPin.ToString();
                case "nfc.scl": return c.NfcSclPin.ToString();
                case "nfc.rx": return c.NfcRxPin.ToString();
                case "nfc.tx": return c.NfcTxPin.ToString();
                case "nfc.rst": return c.NfcResetPin.ToString();
                case "qr.rx": return c.QrRxPin.ToString();
                case "qr.tx": return c.QrTxPin.ToString();
                case "ble.enabled": return BoolText(c.BleEnabled);
                case "rtc": return c.HasHardwareClock ? "ds3231" : "none";
                case "door.heldopen.s": return c.HeldOpenSeconds.ToString();
                case "online.timeout.ms": return c.OnlineDecisionTimeoutMilliseconds.ToString();
                case "board.flash.mb": return c.FlashMegabytes.ToString();
                case "door.id": return c.DoorId.ToString();
                case "door2.id": return c.Door2Id.ToString();
                case "door2.relay.pin": return c.Door2RelayPin.ToString();
                case "door2.contact.pin": return c.Door2ContactPin.ToString();
                case "door2.rex.pin": return c.Door2RexPin.ToString();
                case "door.interlock": return BoolText(c.Interlock);
                case "reader.nfc.id": return c.NfcReaderId.ToString();
                case "reader.wiegand.id": return c.WiegandReaderId.ToString();
                case "reader.qr.id": return c.QrReaderId.ToString();
                case "reader.ble.id": return c.BleReaderId.ToString();
                case "console.passcode.salt": return c.PasscodeSaltHex;
                case "console.passcode.hmac": return c.PasscodeHashHex;
                default: return null;
            }
        }

        /// <summary>
        /// Sets one setting from text. Returns false (with the reason) when the key is unknown or the value does
        /// not parse; range and pin checks are ConfigValidator's job on the whole configuration.
        /// </summary>
        public static bool TrySet(ControllerConfig c, string key, string value, out string error)
        {
            error = null;
            int number;
            switch (key)
            {
                case "device.id": c.DeviceId = value; return true;
                case "device.key": c.DeviceKeyHex = value.ToLower(); return true;
                case "wifi.ssid": c.WifiSsid = value; return true;
                case "wifi.psk": c.WifiPsk = value; return true;
                case "mqtt.host": c.MqttHost = value; return true;
                case "mqtt.user": c.MqttUser = value; return true;
                case "mqtt.password": c.MqttPassword = value; return true;
                case "tls.ca": c.CaCertificatePem = value; return true;
                case "tls.cert": c.ClientCertificatePem = value; return true;
                case "tls.key": c.ClientKeyPem = value; return true;
                case "console.passcode.salt": c.PasscodeSaltHex = value; return true;
                case "console.passcode.hmac": c.PasscodeHashHex = value; return true;
                case "mqtt.tls": return TryBool(value, key, out c.MqttTls, out error);
                case "ble.enabled": return TryBool(value, key, out c.BleEnabled, out error);
                case "door.interlock": return TryBool(value, key, out c.Interlock, out error);
                case "rtc":
                    if (value != "ds3231" && value != "none")
                    {
                        error = "rtc must be ds3231 or none";
                        return false;
                    }
                    c.HasHardwareClock = value == "ds3231";
                    return true;
                case "relay.polarity":
                    if (value == "fail-secure") { c.Polarity = RelayPolarity.FailSecure; return true; }
                    if (value == "fail-safe") { c.Polarity = RelayPolarity.FailSafe; return true; }
                    error = "relay polarity must be fail-secure or fail-safe";
                    return false;
                case "relay.active":
                case "led.active":
                case "buzzer.active":
                    return TrySetLevel(c, key, value, out error);
                case "nfc.type":
                    if (value == "none") { c.NfcType = NfcReaderType.None; return true; }
                    if (value == "pn532") { c.NfcType = NfcReaderType.Pn532; return true; }
                    if (value == "mfrc522") { c.NfcType = NfcReaderType.Mfrc522; return true; }
                    error = "nfc type must be none, pn532 or mfrc522";
                    return false;
                case "nfc.bus":
                    if (value == "spi") { c.NfcBusKind = NfcBus.Spi; return true; }
                    if (value == "i2c") { c.NfcBusKind = NfcBus.I2c; return true; }
                    if (value == "uart") { c.NfcBusKind = NfcBus.Uart; return true; }
                    error = "nfc bus must be spi, i2c or uart";
                    return false;
            }
            if (!TryInt(value, key, out number, out error))
            {
                return Get(c, key) == null ? Unknown(key, out error) : false;
            }
            switch (key)
            {
                case "mqtt.port": c.MqttPort = number; return true;
                case "relay.pin": c.RelayPin = number; return true;
                case "door.contact.pin": c.DoorContactPin = number; return true;
                case "door.rex.pin": c.RexPin = number; return true;
                case "led.pin": c.LedPin = number; return true;
                case "buzzer.pin": c.BuzzerPin = number; return true;
                case "tamper.pin": c.TamperPin = number; return true;
                case "lock.monitor.pin": c.LockMonitorPin = number; return true;
                case "rtc.sda": c.RtcSdaPin = number; return true;
                case "rtc.scl": c.RtcSclPin = number; return true;
                case "wiegand.d0": c.WiegandD0Pin = number; return true;
                case "wiegand.d1": c.WiegandD1Pin = number; return true;
                case "nfc.sck": c.NfcSckPin = number; return true;
                case "nfc.miso": c.NfcMisoPin = number; return true;
                case "nfc.mosi": c.NfcMosiPin = number; return true;
                case "nfc.cs": c.NfcCsPin = number; return true;
                case "nfc.sda": c.NfcSdaPin = number; return true;
                case "nfc.scl": c.NfcSclPin = number; return true;
                case "nfc.rx": c.NfcRxPin = number; return true;
                case "nfc.tx": c.NfcTxPin = number; return true;
                case "nfc.rst": c.NfcResetPin = number; return true;
                case "qr.rx": c.QrRxPin = number; return true;
                case "qr.tx": c.QrTxPin = number; return true;
                case "door.heldopen.s": c.HeldOpenSeconds = number; return true;
                case "online.timeout.ms": c.OnlineDecisionTimeoutMilliseconds = number; return true;
                case "board.flash.mb": c.FlashMegabytes = number; return true;
                case "door.id": c.DoorId = number; return true;
                case "door2.id": c.Door2Id = number; return true;
                case "door2.relay.pin": c.Door2RelayPin = number; return true;
                case "door2.contact.pin": c.Door2ContactPin = number; return true;
                case "door2.rex.pin": c.Door2RexPin = number; return true;
                case "reader.nfc.id": c.NfcReaderId = number; return true;
                case "reader.wiegand.id": c.WiegandReaderId = number; return true;
                case "reader.qr.id": c.QrReaderId = number; return true;
                case "reader.ble.id": c.BleReaderId = number; return true;
                default: return Unknown(key, out error);
            }
        }

        private static bool Unknown(string key, out string error)
        {
            error = "unknown setting " + key;
            return false;
        }

        public static string BoolText(bool value)
        {
            return value ? "on" : "off";
        }

        public static string PolarityText(RelayPolarity polarity)
        {
            return polarity == RelayPolarity.FailSafe ? "fail-safe" : "fail-secure";
        }

        /// <summary>"high" or "low": the pin level that switches a relay, LED or buzzer on.</summary>
        public static string LevelText(bool activeHigh)
        {
            return activeHigh ? "high" : "low";
        }

        public static string NfcBusText(NfcBus bus)
        {
            switch (bus)
            {
                case NfcBus.I2c: return "i2c";
                case NfcBus.Uart: return "uart";
                default: return "spi";
            }
        }

        public static string NfcTypeText(NfcReaderType type)
        {
            switch (type)
            {
                case NfcReaderType.Pn532: return "pn532";
                case NfcReaderType.Mfrc522: return "mfrc522";
                default: return "none";
            }
        }

        /// <summary>Parses a pin or number; "none" and "-1" both mean "pin not used".</summary>
        public static bool TryInt(string text, string what, out int value, out string error)
        {
            error = null;
            if (text == "none" || text == "off")
            {
                value = ConfigDefaults.PinNotUsed;
                return true;
            }
            if (text == null || text.Length == 0 || text.Length > 11 || !int.TryParse(text, out value))
            {
                value = 0;
                error = what + " must be a whole number";
                return false;
            }
            return true;
        }

        private static bool TrySetLevel(ControllerConfig c, string key, string text, out string error)
        {
            error = null;
            if (text != "high" && text != "low")
            {
                error = key + " must be high or low (the pin level that switches it on)";
                return false;
            }
            bool high = text == "high";
            if (key == "relay.active") c.RelayActiveHigh = high;
            else if (key == "led.active") c.LedActiveHigh = high;
            else c.BuzzerActiveHigh = high;
            return true;
        }

        private static bool TryBool(string text, string what, out bool value, out string error)
        {
            error = null;
            value = false;
            if (text == "on" || text == "1" || text == "true") { value = true; return true; }
            if (text == "off" || text == "0" || text == "false") { return true; }
            error = what + " must be on or off";
            return false;
        }

        /// <summary>The whole configuration as escaped key=value lines ending in '\n'.</summary>
        public static string Encode(ControllerConfig c)
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < Keys.Length; i++)
            {
                text.Append(Keys[i]).Append('=');
                AppendEscaped(text, Get(c, Keys[i]));
                text.Append('\n');
            }
            return text.ToString();
        }

        private static void AppendEscaped(StringBuilder text, string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char ch = value[i];
                if (ch == '\\') text.Append("\\\\");
                else if (ch == '\n') text.Append("\\n");
                else if (ch == '\r') text.Append("\\r");
                else text.Append(ch);
            }
        }

        /// <summary>Reverses the escaping of one value; false on a dangling or unknown escape.</summary>
        public static bool TryUnescape(string value, out string result)
        {
            result = null;
            if (value.IndexOf('\\') < 0)
            {
                result = value;
                return true;
            }
            StringBuilder text = new StringBuilder(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                char ch = value[i];
                if (ch != '\\')
                {
                    text.Append(ch);
                    continue;
                }
                if (++i >= value.Length) return false;
                char code = value[i];
                if (code == '\\') text.Append('\\');
                else if (code == 'n') text.Append('\n');
                else if (code == 'r') text.Append('\r');
                else return false;
            }
            result = text.ToString();
            return true;
        }

        /// <summary>
        /// Applies every "key=value" line of <paramref name="text"/> over <paramref name="c"/>. Blank lines and
        /// '#' comments are skipped; unknown keys are ignored. False with the reason on the first bad line.
        /// </summary>
        public static bool TryDecode(string text, ControllerConfig c, out string error)
        {
            error = null;
            int start = 0;
            int lineNumber = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                string line = text.Substring(start, end - start);
                start = end + 1;
                lineNumber++;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                int equals = line.IndexOf('=');
                string value;
                if (equals <= 0 || !TryUnescape(line.Substring(equals + 1), out value))
                {
                    error = "line " + lineNumber.ToString() + " is not key=value";
                    return false;
                }
                string key = line.Substring(0, equals);
                if (Get(c, key) == null)
                {
                    continue;
                }
                if (!TrySet(c, key, value, out error))
                {
                    error = "line " + lineNumber.ToString() + ": " + error;
                    return false;
                }
            }
            return true;
        }
    }
}
