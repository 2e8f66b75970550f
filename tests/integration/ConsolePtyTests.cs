using System.Diagnostics;
using System.Text;
using DoorController.Config;
using DoorController.Hal;
using DoorController.Hal.Host;
using Xunit;

namespace DoorController.Integration;

/// <summary>
/// The technician's path end to end: a host controller serves its console on one end of a real socat PTY pair
/// and tools/console (the built TechConsole) provisions it from the other end, as over a USB-serial cable.
/// </summary>
public sealed class ConsolePtyTests : IDisposable
{
    private const string Psk = "Psk-Never-Shown-42";
    private const string BrokerPassword = "Broker-Password-Never-Shown-7f3a";
    private const string DeviceKey = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string Passcode = "Tech-7391";

    private static readonly Lazy<string> BuiltTool = new(BuildTool);

    private readonly string _dir;
    private readonly string _dataDir;
    private readonly Process _socat;
    private readonly ManualClock _clock = new();
    private HostConsoleServer? _server;

    public ConsolePtyTests()
    {
        _ = BuiltTool.Value;
        _dir = Directory.CreateTempSubdirectory("console-pty-").FullName;
        _dataDir = Path.Combine(_dir, "flash");
        Directory.CreateDirectory(_dataDir);
        _socat = Process.Start(new ProcessStartInfo("socat", new[]
        {
            "pty,raw,echo=0,link=" + DevicePath, "pty,raw,echo=0,link=" + HostPath,
        })
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("socat did not start");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(File.Exists(DevicePath) && File.Exists(HostPath)))
        {
            Assert.True(DateTime.UtcNow < deadline, "socat did not create the PTY pair");
            Thread.Sleep(20);
        }
    }

    private string DevicePath => Path.Combine(_dir, "dev");
    private string HostPath => Path.Combine(_dir, "host");

    public void Dispose()
    {
        _server?.Dispose();
        try
        {
            _socat.Kill();
            _socat.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _socat.Dispose();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Boots (or re-boots) the host controller on the device end, over the same flash directory.</summary>
    private HostConsoleServer BootController()
    {
        _server?.Dispose();
        _server = new HostConsoleServer(new PtySerialLine(DevicePath), new DirectoryFileStore(_dataDir), _clock);
        _server.Start();
        return _server;
    }

    private sealed record ToolRun(int ExitCode, string Output, string Errors)
    {
        public string All => Output + Errors;
    }

    private ToolRun RunTool(string script, params string[] extra)
    {
        string scriptPath = Path.Combine(_dir, "script-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(scriptPath, script);
        var arguments = new List<string> { "--script", scriptPath, "--timeout", "10" };
        arguments.AddRange(extra);
        return RunToolWith(arguments, "");
    }

    private ToolRun RunToolWith(List<string> options, string stdin)
    {
        var arguments = new List<string> { BuiltTool.Value, "--port", HostPath };
        arguments.AddRange(options);
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var tool = Process.Start(info) ?? throw new InvalidOperationException("tools/console did not start");
        tool.StandardInput.Write(stdin);
        tool.StandardInput.Close();
        var output = tool.StandardOutput.ReadToEndAsync();
        var errors = tool.StandardError.ReadToEndAsync();
        Assert.True(tool.WaitForExit(60000), "tools/console hung");
        return new ToolRun(tool.ExitCode, output.Result, errors.Result);
    }

    private const string ProvisioningScript =
        "# site provisioning\n" +
        "set device door-17\n" +
        "set wifi \"Site Office\" " + Psk + "\n" +
        "set mqtt broker.site.example 8883 tls\n" +
        "set mqtt-login dc-door-17 " + BrokerPassword + "\n" +
        "set ca < ca.pem\n" +
        "set key " + DeviceKey + "\n" +
        "set reader wiegand d0=14 d1=13\n" +
        "set passcode " + Passcode + "\n" +
        "show config\n";

    private void WriteCaFile()
    {
        File.WriteAllText(Path.Combine(_dir, "ca.pem"),
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGUtZm9yLXRlc3RzMAoGCCqGSM49BAMC\n-----END CERTIFICATE-----\n");
    }

    private ToolRun Provision()
    {
        BootController();
        WriteCaFile();
        ToolRun run = RunTool(ProvisioningScript);
        Assert.True(run.ExitCode == 0, "provisioning failed:\n" + run.All);
        return run;
    }

    [Fact]
    public void Wifi_Broker_And_Key_Set_Over_The_Pty_Survive_A_Restart()
    {
        ToolRun run = Provision();
        Assert.Contains("wifi.ssid=Site Office", run.Output);
        Assert.Contains("tls.ca=(PEM, ", run.Output);

        BootController();
        ToolRun after = RunTool("status\nshow config\n", "--passcode", Passcode);
        Assert.True(after.ExitCode == 0, after.All);
        Assert.Contains("device: door-17", after.Output);
        Assert.Contains("mqtt.host=broker.site.example", after.Output);
        Assert.Contains("mqtt.tls=on", after.Output);
        Assert.Contains("wiegand.d0=14", after.Output);
        Assert.Contains("provisioning: complete", after.Output);
        ControllerConfig config = _server!.CurrentConfig;
        Assert.Equal(Psk, config.WifiPsk);
        Assert.Equal("dc-door-17", config.MqttUser);
        Assert.Equal(BrokerPassword, config.MqttPassword);
        Assert.Equal(DeviceKey, config.DeviceKeyHex);
        Assert.True(PasscodeHash.Verify(config, Passcode));
    }

    [Fact]
    public void Reboot_Command_Restarts_From_Flash_And_The_Tool_Signs_In_Again()
    {
        Provision();
        ToolRun run = RunTool("reboot\nstatus\n", "--passcode", Passcode);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal(2, _server!.Boots);
        Assert.Contains("config: loaded from flash", run.Output);
    }

    [Fact]
    public void Secrets_Are_Never_Echoed()
    {
        ToolRun run = Provision();
        ToolRun shown = RunTool("show config\n", "--passcode", Passcode);
        foreach (string text in new[] { run.All, shown.All })
        {
            Assert.DoesNotContain(Psk, text);
            Assert.DoesNotContain(BrokerPassword, text);
            Assert.DoesNotContain(DeviceKey.Substring(0, 16), text);
            Assert.DoesNotContain(Passcode, text);
        }
        Assert.Contains("set wifi \"Site Office\" " + new string('*', Psk.Length), run.Output);
        Assert.Contains("set mqtt-login dc-door-17 " + new string('*', BrokerPassword.Length), run.Output);
        Assert.Contains("mqtt.password=(set, hidden)", shown.Output);
        Assert.Contains("wifi.psk=(set, hidden)", shown.Output);
        Assert.Contains("device.key=(set, hidden)", shown.Output);
    }

    [Fact]
    public void Wrong_Passcode_Locks_Out_With_Back_Off()
    {
        Provision();
        BootController();
        ToolRun wrong = RunTool("status\n", "--passcode", "not-the-code");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("error: wrong passcode; next attempt in 1 s", wrong.Output);

        ToolRun tooSoon = RunTool("status\n", "--passcode", Passcode);
        Assert.Equal(2, tooSoon.ExitCode);
        Assert.Contains("error: locked out after 1 wrong passcode(s)", tooSoon.Output);

        _clock.Advance(1000);
        ToolRun second = RunTool("status\n", "--passcode", "still-wrong");
        Assert.Contains("next attempt in 2 s", second.Output);
        _clock.Advance(2000);
        ToolRun right = RunTool("status\n", "--passcode", Passcode);
        Assert.True(right.ExitCode == 0, right.All);
    }

    [Fact]
    public void Garbage_And_10_KB_Lines_Do_Not_Crash_It_And_Leave_The_Configuration_Intact()
    {
        Provision();
        byte[] before = File.ReadAllBytes(Path.Combine(_dataDir, ConfigStore.FileName));
        var random = new Random(8);
        var garbage = new byte[10240];
        random.NextBytes(garbage);
        for (int i = 0; i < garbage.Length; i++)
        {
            // Few line ends, so the console's error replies stay small while nobody reads them.
            if ((garbage[i] == '\r' || garbage[i] == '\n') && i % 1024 != 0) garbage[i] = 0xFF;
        }
        using (var raw = new FileStream(HostPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0))
        {
            raw.Write(garbage);
            raw.Write(Encoding.ASCII.GetBytes("\r\nset device " + new string('A', 10240) + "\r\n"));
            raw.Write(Encoding.ASCII.GetBytes("set wifi x " + new string('B', 10240) + "\r\n"));
        }
        ToolRun run = RunTool("status\nshow config\n", "--passcode", Passcode);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("device.id=door-17", run.Output);
        Assert.Equal(1, _server!.Boots);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_dataDir, ConfigStore.FileName)));
    }

    [Fact]
    public void An_Error_Reply_Fails_The_Script_And_Stops_It()
    {
        BootController();
        ToolRun run = RunTool("set device door-1\nset pin relay 35\nset device door-2\n");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: relay pin: GPIO 35 is input-only", run.Output);
        Assert.Equal("door-1", _server!.CurrentConfig.DeviceId);
    }

    [Fact]
    public void Commands_Piped_On_Stdin_Run_Like_A_Script()
    {
        BootController();
        ToolRun run = RunToolWith(new List<string> { "--timeout", "10" }, "set device door-9\nshow config\n");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("device.id=door-9", run.Output);
    }

    [Fact]
    public void No_Controller_On_The_Line_Is_A_Timeout()
    {
        // socat is up but nothing serves the device end: the tool must give up, not hang.
        ToolRun run = RunToolWith(new List<string> { "--timeout", "1", "--script", "-" }, "status\n");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("no prompt from the controller", run.Errors);
    }

    private static string BuildTool()
    {
        string root = RepositoryRoot();
        var info = new ProcessStartInfo("bash", new[] { Path.Combine(root, "tools", "console"), "--help" })
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var build = Process.Start(info)!;
        string output = build.StandardOutput.ReadToEnd() + build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("tools/console did not build:\n" + output);
        }
        string art = Environment.GetEnvironmentVariable("DC_CONSOLE_ARTIFACTS") ?? Path.Combine(root, ".work", "artifacts-console");
        return Path.Combine(art, "bin", "TechConsole", "debug", "TechConsole.dll");
    }

    /// <summary>The checkout this file was compiled from (test binaries may live under any --artifacts-path).</summary>
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        string? root = Path.GetDirectoryName(thisFile);
        while (root != null && !File.Exists(Path.Combine(root, "tools", "console")))
        {
            root = Path.GetDirectoryName(root);
        }
        return root ?? throw new InvalidOperationException("repository root not found above " + thisFile);
    }

    /// <summary>The controller's clock, moved by the test so back-off is checked without waiting.</summary>
    private sealed class ManualClock : IClock
    {
        private long _uptime = 1000;

        public DateTime UtcNow => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(Interlocked.Read(ref _uptime));

        public long UptimeMilliseconds => Interlocked.Read(ref _uptime);

        public void Advance(long milliseconds) => Interlocked.Add(ref _uptime, milliseconds);
    }
}
