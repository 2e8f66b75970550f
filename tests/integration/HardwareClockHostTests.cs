using DoorController.Config;
using DoorController.Hal.Host;
using DoorController.Hal.Host.Sim;
using DoorController.Hal.Host.Virtual;
using DoorController.Link.Time;
using Xunit;

using static DoorController.Integration.Eventually;

namespace DoorController.Integration;

/// <summary>
/// The DS3231 through the real firmware boot on a virtual controller (hal/host SimDs3231 on the board's I2C): the
/// `rtc.sda`/`rtc.scl` setting reaches the chip, a good chip gives trusted time without any network, also after a
/// reboot, and one whose oscillator stopped is reported and not trusted.
/// </summary>
public sealed class HardwareClockHostTests : IDisposable
{
    private readonly string _flash = Path.Combine(Path.GetTempPath(), "rtc-" + Guid.NewGuid().ToString("N"));
    private readonly VirtualController _controller;
    private readonly HostConsoleClock _battery = new();

    public HardwareClockHostTests()
    {
        _controller = new VirtualController("rtc", _flash);
        var config = new ControllerConfig { DeviceId = "door-rtc", DoorId = 1, NfcReaderId = 1 };
        BoardPins.DevKitC.ApplyTo(config);
        config.HasHardwareClock = true; // at the board's I2C pins, 21 and 22
        _controller.Provision(config);
    }

    private void Boot(SimDs3231 chip)
    {
        _controller.Rtc = chip;
        _controller.Start();
        WaitFor(() => _controller.Inspect(app => app.Report.DetailOf("time")) != null, "the boot to report the time");
    }


    [Fact]
    public void A_Good_Chip_Gives_Trusted_Time_Without_Network_Across_A_Reboot()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var chip = new SimDs3231(_battery, now, oscillatorStopped: false);
        Boot(chip);
        Assert.Equal("rtc, ds3231 ok", _controller.Inspect(app => app.Report.DetailOf("time")));
        Assert.True(_controller.Inspect(app => app.SiteClock.IsCertain));
        Assert.InRange(_controller.Inspect(app => app.SiteClock.UnixSeconds), now, now + 5);
        _controller.Reboot();
        WaitFor(() => _controller.Boots >= 2, "the reboot");
        WaitFor(() => _controller.Inspect(app => app.Report.DetailOf("time")) == "rtc, ds3231 ok", "the rebooted controller to trust the chip");
    }

    [Fact]
    public void A_Chip_Whose_Oscillator_Stopped_Is_Reported_And_Not_Trusted()
    {
        Boot(new SimDs3231(_battery, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), oscillatorStopped: true));
        Assert.Equal("unknown, ds3231 oscillator-stopped", _controller.Inspect(app => app.Report.DetailOf("time")));
        Assert.Equal(TimeQuality.Unknown, _controller.Inspect(app => app.SiteClock.Quality));
    }

    public void Dispose()
    {
        _controller.Dispose();
        try { Directory.Delete(_flash, true); } catch (IOException) { }
    }
}
