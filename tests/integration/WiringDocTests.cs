using System.Text.RegularExpressions;
using DoorController.Config;
using Xunit;

using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// docs/wiring.md against the pin table in the firmware (firmware/Config/BoardPins): every row of a board's pin map
/// names a configuration key and the GPIO the table gives it, and every pin of the table is documented. What an
/// installer reads is what the defaults and the validator assume.
/// </summary>
public sealed class WiringDocTests
{
    private static readonly Regex Row = new(@"^\|[^|]+\|\s*`(?<key>[a-z0-9.]+)`\s*\|\s*(?<gpio>\d+)\s*\|", RegexOptions.Compiled);

    /// <summary>Key → GPIO for the rows under the heading that starts with <paramref name="heading"/>.</summary>
    private static Dictionary<string, int> Documented(string heading)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "wiring.md"));
        var pins = new Dictionary<string, int>();
        bool inside = false;
        foreach (string line in lines)
        {
            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                inside = line.StartsWith("### " + heading, StringComparison.Ordinal);
                continue;
            }
            if (!inside) continue;
            var m = Row.Match(line);
            if (!m.Success) continue;
            string key = m.Groups["key"].Value;
            Assert.False(pins.ContainsKey(key), heading + ": " + key + " documented twice");
            pins[key] = int.Parse(m.Groups["gpio"].Value);
        }
        Assert.True(pins.Count > 0, "no pin rows under '### " + heading + "' in docs/wiring.md");
        return pins;
    }

    public static TheoryData<int, string> Boards => new() { { 0, "ESP32-DevKitC" }, { 1, "Olimex ESP32-POE" } };

    [Theory]
    [MemberData(nameof(Boards))]
    public void Every_Documented_Pin_Is_The_Pin_Table_And_Every_Table_Pin_Is_Documented(int board, string heading)
    {
        BoardPins pins = BoardPins.All[board];
        var documented = Documented(heading);
        foreach (var (key, gpio) in documented)
        {
            Assert.True(pins.PinOf(key) != -2, heading + ": '" + key + "' is not a pin setting");
            Assert.True(pins.PinOf(key) == gpio, heading + ": docs/wiring.md says " + key + " = " + gpio + ", the pin table says " + pins.PinOf(key));
        }
        foreach (string key in BoardPins.PinKeys)
        {
            int gpio = pins.PinOf(key);
            if (gpio == ConfigDefaults.PinNotUsed) continue;
            Assert.True(documented.ContainsKey(key), heading + ": the pin table gives " + key + " GPIO " + gpio + " but docs/wiring.md does not say so");
        }
    }

    [Fact]
    public void Every_Setting_Named_In_The_Wiring_Guide_Exists()
    {
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "wiring.md"));
        var config = new ControllerConfig();
        foreach (Match m in Regex.Matches(text, @"`(?<key>(relay|door|led|buzzer|wiegand|nfc|qr|tamper|lock|ble|mqtt|tls|wifi|device|reader|online|console)\.[a-z0-9.]+)(?: [^`]*)?`"))
        {
            string key = m.Groups["key"].Value.TrimEnd('.');
            Assert.True(ConfigCodec.Get(config, key) != null, "docs/wiring.md names the setting '" + key + "', which does not exist");
        }
    }
}
