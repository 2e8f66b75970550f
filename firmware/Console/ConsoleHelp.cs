namespace DoorController.Provisioning
{
    /// <summary>The text of `help`: every command with its arguments, one per line.</summary>
    public static class ConsoleHelp
    {
        private static readonly string[] Lines = new string[]
        {
            "commands (arguments in <>, options in [], quote values with spaces: \"My Net\"):",
            "  help                                   this list",
            "  status                                 identity, provisioning state, runtime status",
            "  show config                            every setting (secrets masked)",
            "  set device <id>                        device id (A-Z a-z 0-9 - _ .)",
            "  set wifi <ssid> [<psk>]                Wi-Fi network (psk 8-63 characters; omit for an open network)",
            "  set mqtt <host> <port> [tls|plain]     broker address; tls uses the CA set with 'set ca'",
            "  set mqtt-login <user> <password>       broker identity from the registration; 'set mqtt-login none' clears",
            "  set ca | set cert | set cert-key       then paste the PEM block; 'set ca none' clears",
            "  set key <64 hex digits>                device key for bundles and commands",
            "  set passcode <new>                     console passcode (6-32 characters)",
            "  set pin <relay|contact|rex|led|buzzer|tamper|lock-monitor> <gpio|none>",
            "  set relay polarity <fail-secure|fail-safe> | set relay active <high|low>   (low: 'low level trigger' modules)",
            "  set led active <high|low> | set buzzer active <high|low>",
            "  set reader wiegand d0=<gpio> d1=<gpio> | off",
            "  set reader nfc <pn532|mfrc522> spi sck=<gpio> miso=<gpio> mosi=<gpio> cs=<gpio> [rst=<gpio>]",
            "  set reader nfc pn532 i2c sda=<gpio> scl=<gpio> [rst=<gpio>]",
            "  set reader nfc pn532 uart rx=<gpio> tx=<gpio> [rst=<gpio>] | set reader nfc off",
            "  set reader qr rx=<gpio> [tx=<gpio>] | off",
            "  set reader ble <on|off>",
            "  set rtc ds3231 [sda=<gpio>] [scl=<gpio>] | set rtc none",
            "  set held-open-s <s> | online-timeout-ms <ms>   (unlock time, offline lifetime, time zone: on the server)",
            "  set flash-mb <4|8|16>   board flash size: journal and cache sizes (docs/hardware.md)",
            "  set door-id <n> | reader-id <nfc|wiegand|qr|ble> <n>   (numbers from the server's device registration)",
            "  set door2 <n> <relay> <contact|none> <rex|none> | door2 none; set interlock <on|off>   (second door, mantrap)",
            "  test relay | test reader               bench tests after wiring",
            "  stats [cache|journal|link]             counters",
            "  log tail [<lines>]                     recent log lines",
            "  lock                                   end the session (passcode needed again)",
            "  reboot                                 restart; saved changes apply after a reboot",
            "  factory-reset                          erase configuration, cache and journal (asks to confirm)",
            "every reply ends with 'ok' or 'error: <why>'"
        };

        public static void Write(ConsoleReply reply)
        {
            for (int i = 0; i < Lines.Length; i++)
            {
                reply.Line(Lines[i]);
            }
        }
    }
}
