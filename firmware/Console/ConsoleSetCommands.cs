using System;
using DoorController.Config;

namespace DoorController.Provisioning
{
    /// <summary>
    /// `set` for identity, network, keys, passcode and timings. Each command edits a draft and commits it whole
    /// (<see cref="ConsoleConfigEditor.Commit"/>), so a bad value leaves the configuration untouched. Error texts
    /// never contain the secret that was typed.
    /// </summary>
    public sealed class ConsoleSetCommands
    {
        private readonly ConsoleConfigEditor _editor;
        private readonly ConsoleAccessGuard _guard;
        private readonly ConsoleHardwareCommands _hardware;
        private readonly Random _random = new Random();

        public ConsoleSetCommands(ConsoleConfigEditor editor, ConsoleAccessGuard guard)
        {
            _editor = editor;
            _guard = guard;
            _hardware = new ConsoleHardwareCommands(editor);
        }

        /// <summary>Runs `set ...` (tokens[0] is "set"). PEM pastes are handled by the session, not here.</summary>
        public void Execute(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length < 2)
            {
                reply.Error("usage: set <what> <value...>; type help");
                return;
            }
            switch (tokens[1])
            {
                case "device":
                    SetText(tokens, "device.id", "usage: set device <id>", reply);
                    return;
                case "wifi":
                    SetWifi(tokens, reply);
                    return;
                case "mqtt":
                    SetMqtt(tokens, reply);
                    return;
                case "mqtt-login":
                    SetMqttLogin(tokens, reply);
                    return;
                case "key":
                    if (tokens.Length != 3)
                    {
                        reply.Error("usage: set key <64 hex digits>");
                        return;
                    }
                    SetValue("device.key", tokens[2], reply);
                    return;
                case "passcode":
                    SetPasscode(tokens, reply);
                    return;
                case "unlock-ms":
                case "max-offline-days":
                case "utc-offset-min":
                    reply.Error(tokens[1] + " is set on the server (per door, per site) and arrives with the signed cache");
                    return;
                case "held-open-s":
                    SetNumber(tokens, "door.heldopen.s", reply);
                    return;
                case "online-timeout-ms":
                    SetNumber(tokens, "online.timeout.ms", reply);
                    return;
                case "flash-mb":
                    SetNumber(tokens, "board.flash.mb", reply);
                    return;
                case "door-id":
                    SetNumber(tokens, "door.id", reply);
                    return;
                case "reader-id":
                    SetReaderId(tokens, reply);
                    return;
                case "door2":
                    SetSecondDoor(tokens, reply);
                    return;
                case "interlock":
                    SetText(tokens, "door.interlock", "usage: set interlock <on|off>", reply);
                    return;
                case "pin":
                case "relay":
                case "led":
                case "buzzer":
                case "reader":
                case "rtc":
                    _hardware.Execute(tokens, reply);
                    return;
                default:
                    reply.Error("unknown setting '" + tokens[1] + "'; type help");
                    return;
            }
        }

        private void SetText(string[] tokens, string key, string usage, ConsoleReply reply)
        {
            if (tokens.Length != 3)
            {
                reply.Error(usage);
                return;
            }
            SetValue(key, tokens[2], reply);
        }

        /// <summary>"set reader-id nfc 12": the server's number for the reader on that channel.</summary>
        private void SetReaderId(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length != 4 || (tokens[2] != "nfc" && tokens[2] != "wiegand" && tokens[2] != "qr" && tokens[2] != "ble"))
            {
                reply.Error("usage: set reader-id <nfc|wiegand|qr|ble> <number>");
                return;
            }
            SetNumber(new string[] { tokens[0], tokens[1], tokens[3] }, "reader." + tokens[2] + ".id", reply);
        }

        /// <summary>"set door2 12 21 36 39" (door, relay, contact, rex; none for no contact or button) or "set door2 none":
        /// one commit, because the door and its relay are only valid together.</summary>
        private void SetSecondDoor(string[] tokens, ConsoleReply reply)
        {
            bool none = tokens.Length == 3 && tokens[2] == "none";
            if (!none && tokens.Length != 6)
            {
                reply.Error("usage: set door2 <door-number> <relay-gpio> <contact-gpio|none> <rex-gpio|none>, or set door2 none");
                return;
            }
            ControllerConfig draft = _editor.Draft();
            string[] keys = new string[] { "door2.id", "door2.relay.pin", "door2.contact.pin", "door2.rex.pin" };
            string error;
            for (int i = 0; i < keys.Length; i++)
            {
                string value = none ? (i == 0 ? "0" : "none") : tokens[2 + i];
                if (!ConfigCodec.TrySet(draft, keys[i], value, out error))
                {
                    reply.Error(error);
                    return;
                }
            }
            if (none)
            {
                draft.Interlock = false; // nothing left to interlock with
            }
            _editor.Commit(draft, reply);
        }

        private void SetNumber(string[] tokens, string key, ConsoleReply reply)
        {
            if (tokens.Length != 3)
            {
                reply.Error("usage: set " + tokens[1] + " <number>");
                return;
            }
            int ignored;
            string error;
            if (!ConfigCodec.TryInt(tokens[2], tokens[1], out ignored, out error) || tokens[2] == "none" || tokens[2] == "off")
            {
                reply.Error(tokens[1] + " must be a whole number");
                return;
            }
            SetValue(key, tokens[2], reply);
        }

        private void SetValue(string key, string value, ConsoleReply reply)
        {
            ControllerConfig draft = _editor.Draft();
            string error;
            if (!ConfigCodec.TrySet(draft, key, value, out error))
            {
                reply.Error(error);
                return;
            }
            _editor.Commit(draft, reply);
        }

        private void SetWifi(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length != 3 && tokens.Length != 4)
            {
                reply.Error("usage: set wifi <ssid> [<psk>]");
                return;
            }
            if (tokens[2].Length == 0)
            {
                reply.Error("wifi ssid must not be empty");
                return;
            }
            ControllerConfig draft = _editor.Draft();
            draft.WifiSsid = tokens[2];
            draft.WifiPsk = tokens.Length == 4 ? tokens[3] : "";
            _editor.Commit(draft, reply);
        }

        private void SetMqtt(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length != 4 && tokens.Length != 5)
            {
                reply.Error("usage: set mqtt <host> <port> [tls|plain]");
                return;
            }
            ControllerConfig draft = _editor.Draft();
            string error;
            if (tokens[2].Length == 0 || !ConfigCodec.TrySet(draft, "mqtt.host", tokens[2], out error))
            {
                reply.Error("mqtt host must not be empty");
                return;
            }
            if (!ConfigCodec.TrySet(draft, "mqtt.port", tokens[3], out error) || tokens[3] == "none" || tokens[3] == "off")
            {
                reply.Error("mqtt port must be a whole number (1-65535)");
                return;
            }
            bool tls = false;
            if (tokens.Length == 5)
            {
                string mode = tokens[4].ToLower();
                if (mode == "tls") tls = true;
                else if (mode != "plain")
                {
                    reply.Error("mqtt transport must be tls or plain");
                    return;
                }
            }
            draft.MqttTls = tls;
            _editor.Commit(draft, reply);
        }

        /// <summary>"set mqtt-login dc-door-17 &lt;password&gt;": the broker identity the server gave at registration.</summary>
        private void SetMqttLogin(string[] tokens, ConsoleReply reply)
        {
            ControllerConfig draft = _editor.Draft();
            if (tokens.Length == 3 && tokens[2] == "none")
            {
                draft.MqttUser = "";
                draft.MqttPassword = "";
            }
            else if (tokens.Length == 4)
            {
                draft.MqttUser = tokens[2];
                draft.MqttPassword = tokens[3];
            }
            else
            {
                reply.Error("usage: set mqtt-login <user> <password> | set mqtt-login none");
                return;
            }
            _editor.Commit(draft, reply);
        }

        private void SetPasscode(string[] tokens, ConsoleReply reply)
        {
            if (tokens.Length != 3)
            {
                reply.Error("usage: set passcode <new passcode>");
                return;
            }
            string problem = PasscodeHash.Problem(tokens[2]);
            if (problem != null)
            {
                reply.Error(problem);
                return;
            }
            byte[] salt = new byte[PasscodeHash.SaltBytes];
            _random.NextBytes(salt);
            ControllerConfig draft = _editor.Draft();
            PasscodeHash.Set(draft, tokens[2], salt);
            if (_editor.Commit(draft, reply))
            {
                // The person who just set it stays signed in; the passcode is asked at the next boot or idle timeout.
                _guard.Unlock();
            }
        }
    }
}
