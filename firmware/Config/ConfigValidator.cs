using DoorController.Core;

namespace DoorController.Config
{
    /// <summary>
    /// Checks a whole configuration before it is used or saved. Returns the first problem as a sentence a
    /// technician can act on (naming the setting and the limit), or null when the configuration is valid.
    /// Empty identity/network fields are valid: they mean "not provisioned yet" (see <see cref="DescribeMissing"/>).
    /// </summary>
    public static class ConfigValidator
    {
        public static string Validate(ControllerConfig c)
        {
            if (c == null)
            {
                return "no configuration";
            }
            string problem = CheckIdentityAndNetwork(c);
            if (problem != null)
            {
                return problem;
            }
            problem = CheckTimings(c);
            if (problem != null)
            {
                return problem;
            }
            return CheckPins(c);
        }

        /// <summary>What still has to be provisioned before the controller can go online; empty when complete.</summary>
        public static string DescribeMissing(ControllerConfig c)
        {
            string missing = "";
            if (c.DeviceId.Length == 0) missing = Add(missing, "device id");
            if (c.WifiSsid.Length == 0) missing = Add(missing, "wifi");
            if (c.MqttHost.Length == 0) missing = Add(missing, "mqtt broker");
            if (c.MqttUser.Length == 0) missing = Add(missing, "mqtt login");
            if (c.MqttTls && c.CaCertificatePem.Length == 0) missing = Add(missing, "CA certificate (mqtt tls is on)");
            if (c.ClientCertificatePem.Length != 0 && c.ClientKeyPem.Length == 0) missing = Add(missing, "client key (client certificate is set)");
            if (c.ClientKeyPem.Length != 0 && c.ClientCertificatePem.Length == 0) missing = Add(missing, "client certificate (client key is set)");
            if (c.DeviceKeyHex.Length == 0) missing = Add(missing, "device key");
            if (!c.HasPasscode) missing = Add(missing, "console passcode");
            return missing;
        }

        private static string Add(string list, string item)
        {
            return list.Length == 0 ? item : list + ", " + item;
        }

        private static string CheckIdentityAndNetwork(ControllerConfig c)
        {
            if (c.DeviceId == null || c.WifiSsid == null || c.WifiPsk == null || c.MqttHost == null || c.MqttUser == null || c.MqttPassword == null || c.DeviceKeyHex == null
                || c.CaCertificatePem == null || c.ClientCertificatePem == null || c.ClientKeyPem == null
                || c.PasscodeSaltHex == null || c.PasscodeHashHex == null)
            {
                return "a text setting is missing";
            }
            // No '.': the id is a topic level, and the server refuses a topic whose id is not [A-Za-z0-9_-] (LinkTopics).
            if (c.DeviceId.Length > ConfigDefaults.MaxDeviceIdLength || !IsIdentifier(c.DeviceId) || c.DeviceId.IndexOf('.') >= 0)
            {
                return "device id must be 1-" + ConfigDefaults.MaxDeviceIdLength.ToString() + " characters of A-Z a-z 0-9 - _";
            }
            if (c.WifiSsid.Length > ConfigDefaults.MaxSsidLength)
            {
                return "wifi ssid is longer than " + ConfigDefaults.MaxSsidLength.ToString() + " characters";
            }
            if (c.WifiPsk.Length != 0 && (c.WifiPsk.Length < ConfigDefaults.MinPskLength || c.WifiPsk.Length > ConfigDefaults.MaxPskLength))
            {
                return "wifi psk must be " + ConfigDefaults.MinPskLength.ToString() + "-" + ConfigDefaults.MaxPskLength.ToString() + " characters (WPA2)";
            }
            if (c.MqttHost.Length > ConfigDefaults.MaxHostLength || c.MqttHost.IndexOf(' ') >= 0)
            {
                return "mqtt host must be a host name or address without spaces, at most " + ConfigDefaults.MaxHostLength.ToString() + " characters";
            }
            if (c.MqttPort < 1 || c.MqttPort > 65535)
            {
                return "mqtt port " + c.MqttPort.ToString() + " is out of range (1 to 65535)";
            }
            string login = CheckMqttLogin(c);
            if (login != null)
            {
                return login;
            }
            if (c.DeviceKeyHex.Length != 0)
            {
                byte[] key;
                if (c.DeviceKeyHex.Length != ConfigDefaults.DeviceKeyBytes * 2 || !Hex.TryDecode(c.DeviceKeyHex, out key))
                {
                    return "device key must be " + (ConfigDefaults.DeviceKeyBytes * 2).ToString() + " hex digits (" + ConfigDefaults.DeviceKeyBytes.ToString() + " bytes)";
                }
            }
            string problem = CheckPem("CA certificate", c.CaCertificatePem, "CERTIFICATE");
            if (problem != null) return problem;
            problem = CheckPem("client certificate", c.ClientCertificatePem, "CERTIFICATE");
            if (problem != null) return problem;
            problem = CheckPem("client key", c.ClientKeyPem, "PRIVATE KEY");
            if (problem != null) return problem;
            if ((c.PasscodeSaltHex.Length == 0) != (c.PasscodeHashHex.Length == 0))
            {
                return "console passcode record is incomplete";
            }
            return null;
        }

        /// <summary>
        /// Why the controller must not connect to its broker with this configuration, or null. TLS without a CA is
        /// refused here, on every board, rather than falling back to plaintext.
        /// </summary>
        public static string MqttConnectProblem(ControllerConfig c)
        {
            if (c.MqttTls && c.CaCertificatePem.Length == 0)
            {
                return "mqtt tls is on but no CA certificate is set (set ca): refusing to connect without verifying the broker";
            }
            if (!c.MqttTls && (c.ClientCertificatePem.Length != 0 || c.ClientKeyPem.Length != 0))
            {
                return "a client certificate is set but mqtt is plain: choose tls (set mqtt <host> <port> tls)";
            }
            if ((c.ClientCertificatePem.Length == 0) != (c.ClientKeyPem.Length == 0))
            {
                return "the client certificate and its key must both be set (set cert, set cert-key)";
            }
            return null;
        }

        private static string CheckMqttLogin(ControllerConfig c)
        {
            if (c.MqttUser.Length > ConfigDefaults.MaxMqttUserLength || !IsIdentifier(c.MqttUser))
            {
                return "mqtt user must be 1-" + ConfigDefaults.MaxMqttUserLength.ToString() + " characters of A-Z a-z 0-9 - _ .";
            }
            if (c.MqttPassword.Length > ConfigDefaults.MaxMqttPasswordLength || !IsPrintableWithoutSpaces(c.MqttPassword))
            {
                return "mqtt password must be 1-" + ConfigDefaults.MaxMqttPasswordLength.ToString() + " printable ASCII characters without spaces";
            }
            if ((c.MqttUser.Length == 0) != (c.MqttPassword.Length == 0))
            {
                return "mqtt login needs both a user and a password";
            }
            return null;
        }

        private static bool IsPrintableWithoutSpaces(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] <= ' ' || text[i] > '~')
                {
                    return false;
                }
            }
            return true;
        }

        private static string CheckPem(string what, string pem, string label)
        {
            if (pem.Length == 0)
            {
                return null;
            }
            if (pem.Length > ConfigDefaults.MaxPemLength)
            {
                return what + " is longer than " + ConfigDefaults.MaxPemLength.ToString() + " characters";
            }
            if (pem.IndexOf("-----BEGIN ") != 0 || pem.IndexOf(label + "-----") < 0 || pem.IndexOf("-----END ") < 0)
            {
                return what + " is not a PEM block (-----BEGIN ..." + label + "----- ... -----END ...)";
            }
            return null;
        }

        private static bool IsIdentifier(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
                if (!ok)
                {
                    return false;
                }
            }
            return true;
        }

        private static string CheckTimings(ControllerConfig c)
        {
            string problem = Range("held-open-s", c.HeldOpenSeconds, ConfigDefaults.MinHeldOpenSeconds, ConfigDefaults.MaxHeldOpenSeconds);
            if (problem != null) return problem;
            problem = Range("online-timeout-ms", c.OnlineDecisionTimeoutMilliseconds, ConfigDefaults.MinOnlineTimeoutMilliseconds, ConfigDefaults.MaxOnlineTimeoutMilliseconds);
            if (problem != null) return problem;
            problem = Range("door-id", c.DoorId, 1, ConfigDefaults.MaxServerId);
            if (problem != null) return problem;
            problem = Range("reader-id nfc", c.NfcReaderId, 1, ConfigDefaults.MaxServerId);
            if (problem != null) return problem;
            problem = Range("reader-id wiegand", c.WiegandReaderId, 1, ConfigDefaults.MaxServerId);
            if (problem != null) return problem;
            problem = Range("reader-id qr", c.QrReaderId, 1, ConfigDefaults.MaxServerId);
            if (problem != null) return problem;
            problem = Range("reader-id ble", c.BleReaderId, 1, ConfigDefaults.MaxServerId);
            if (problem != null) return problem;
            if (c.FlashMegabytes != 4 && c.FlashMegabytes != 8 && c.FlashMegabytes != 16)
            {
                return "flash-mb " + c.FlashMegabytes.ToString() + " is not a board this firmware has a flash plan for (4, 8 or 16)";
            }
            return null;
        }

        private static string Range(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                return name + " " + value.ToString() + " is out of range (" + min.ToString() + " to " + max.ToString() + ")";
            }
            return null;
        }

        private static string CheckPins(ControllerConfig c)
        {
            PinClaims claims = new PinClaims();
            if (c.RelayPin == ConfigDefaults.PinNotUsed)
            {
                return "relay pin is required";
            }
            string problem = claims.Claim("relay", c.RelayPin, true);
            if (problem == null) problem = claims.Claim("contact", c.DoorContactPin, false);
            if (problem == null) problem = claims.Claim("rex", c.RexPin, false);
            if (problem == null) problem = claims.Claim("led", c.LedPin, true);
            if (problem == null) problem = claims.Claim("buzzer", c.BuzzerPin, true);
            if (problem == null) problem = claims.Claim("tamper", c.TamperPin, false);
            if (problem == null) problem = claims.Claim("lock monitor", c.LockMonitorPin, false);
            if (problem == null) problem = CheckWiegand(c, claims);
            if (problem == null) problem = CheckNfc(c, claims);
            if (problem == null) problem = CheckQr(c, claims);
            if (problem == null) problem = CheckRtc(c, claims);
            if (problem == null) problem = CheckSecondDoor(c, claims);
            return problem;
        }

        /// <summary>
        /// The second door needs its own id and relay; its pins mean nothing without it. The interlock needs both
        /// doors and a contact on each: without a contact a door cannot be proven closed, and a mantrap that cannot
        /// prove a door closed is not one (commercial interlocks require door position switches for the same reason).
        /// </summary>
        private static string CheckSecondDoor(ControllerConfig c, PinClaims claims)
        {
            if (!c.HasSecondDoor)
            {
                if (c.Interlock) return "door.interlock needs a second door (door2.id and its pins)";
                bool pinsSet = c.Door2RelayPin != ConfigDefaults.PinNotUsed || c.Door2ContactPin != ConfigDefaults.PinNotUsed
                    || c.Door2RexPin != ConfigDefaults.PinNotUsed;
                return pinsSet ? "door2 pins are set but door2.id is 0 (no second door)" : null;
            }
            string problem = Range("door2-id", c.Door2Id, 1, ConfigDefaults.MaxServerId);
            if (problem != null) return problem;
            if (c.Door2Id == c.DoorId) return "door2.id must differ from door.id";
            problem = claims.ClaimRequired("door2 relay", c.Door2RelayPin, true);
            if (problem == null) problem = claims.Claim("door2 contact", c.Door2ContactPin, false);
            if (problem == null) problem = claims.Claim("door2 rex", c.Door2RexPin, false);
            if (problem == null && c.Interlock && (c.DoorContactPin == ConfigDefaults.PinNotUsed || c.Door2ContactPin == ConfigDefaults.PinNotUsed))
            {
                problem = "door.interlock needs a door contact on both doors (door.contact.pin and door2.contact.pin)";
            }
            return problem;
        }

        /// <summary>The DS3231 is on I2C bus 1, which an NFC reader on I2C also uses: then it shares that reader's pins.</summary>
        private static string CheckRtc(ControllerConfig c, PinClaims claims)
        {
            if (!c.HasHardwareClock)
            {
                return null;
            }
            if (c.RtcSdaPin == ConfigDefaults.PinNotUsed || c.RtcSclPin == ConfigDefaults.PinNotUsed)
            {
                return "rtc ds3231 needs both rtc.sda and rtc.scl";
            }
            if (c.NfcType != NfcReaderType.None && c.NfcBusKind == NfcBus.I2c)
            {
                return c.RtcSdaPin == c.NfcSdaPin && c.RtcSclPin == c.NfcSclPin ? null
                    : "rtc shares I2C bus 1 with the nfc reader: use its pins (sda " + c.NfcSdaPin + ", scl " + c.NfcSclPin + ")";
            }
            string problem = claims.ClaimRequired("rtc sda", c.RtcSdaPin, true);
            return problem != null ? problem : claims.ClaimRequired("rtc scl", c.RtcSclPin, true);
        }

        private static string CheckWiegand(ControllerConfig c, PinClaims claims)
        {
            if (!c.WiegandEnabled)
            {
                return null;
            }
            if (c.WiegandD0Pin == ConfigDefaults.PinNotUsed || c.WiegandD1Pin == ConfigDefaults.PinNotUsed)
            {
                return "wiegand needs both d0 and d1";
            }
            string problem = claims.Claim("wiegand d0", c.WiegandD0Pin, false);
            return problem != null ? problem : claims.Claim("wiegand d1", c.WiegandD1Pin, false);
        }

        private static string CheckNfc(ControllerConfig c, PinClaims claims)
        {
            if (c.NfcType == NfcReaderType.None)
            {
                return null;
            }
            if (c.NfcType == NfcReaderType.Mfrc522 && c.NfcBusKind != NfcBus.Spi)
            {
                return "mfrc522 is supported on spi only";
            }
            string problem;
            if (c.NfcBusKind == NfcBus.Spi)
            {
                problem = claims.ClaimRequired("nfc sck", c.NfcSckPin, true);
                if (problem == null) problem = claims.ClaimRequired("nfc miso", c.NfcMisoPin, false);
                if (problem == null) problem = claims.ClaimRequired("nfc mosi", c.NfcMosiPin, true);
                if (problem == null) problem = claims.ClaimRequired("nfc cs", c.NfcCsPin, true);
            }
            else if (c.NfcBusKind == NfcBus.I2c)
            {
                // Open-drain lines: the pins must be able to pull low.
                problem = claims.ClaimRequired("nfc sda", c.NfcSdaPin, true);
                if (problem == null) problem = claims.ClaimRequired("nfc scl", c.NfcSclPin, true);
            }
            else
            {
                problem = claims.ClaimRequired("nfc rx", c.NfcRxPin, false);
                if (problem == null) problem = claims.ClaimRequired("nfc tx", c.NfcTxPin, true);
            }
            return problem != null ? problem : claims.Claim("nfc rst", c.NfcResetPin, true);
        }

        private static string CheckQr(ControllerConfig c, PinClaims claims)
        {
            if (!c.QrEnabled)
            {
                return c.QrTxPin != ConfigDefaults.PinNotUsed ? "qr tx is set but qr rx is not" : null;
            }
            string problem = claims.Claim("qr rx", c.QrRxPin, false);
            return problem != null ? problem : claims.Claim("qr tx", c.QrTxPin, true);
        }
    }
}
