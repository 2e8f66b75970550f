using DoorController.VDev;
using Xunit;

namespace DoorController.Integration;

/// <summary>tools/vdev: the scripted virtual controllers, without a broker (the controller runs offline) and with the
/// project's TLS broker (site CA and identity from files, no secret in the script).</summary>
public sealed class VDevTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vdev-" + Guid.NewGuid().ToString("N")[..8]);

    private (VDevShell Shell, string Output) Run(params string[] lines)
    {
        var shell = new VDevShell(_dir);
        var output = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(output);
        try
        {
            foreach (string line in lines) shell.Execute(line);
        }
        finally
        {
            Console.SetOut(original);
        }
        return (shell, output.ToString());
    }

    [Fact]
    public void A_Controller_Without_A_Cache_Denies_Offline_And_Reports_Its_Parts()
    {
        var (shell, output) = Run(
            "controller door1 device=door-1 broker=127.0.0.1:1",
            "start door1",
            "card door1 04A1B2C3",
            "expect door1 denied",
            "status door1");
        using (shell)
        {
            Assert.Equal(0, shell.Failures);
            Assert.Contains("relay", output);
            Assert.Contains("denied (store-unavailable, offline)", output);
            Assert.Contains("door locked", output);
        }
    }

    [Fact]
    public void The_Device_Key_Is_Never_Echoed_To_The_Log()
    {
        string key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        var (shell, output) = Run("controller door3 device=door-3 key=" + key + " broker=127.0.0.1:1");
        using (shell)
        {
            Assert.Equal(0, shell.Failures);
            Assert.DoesNotContain(key, output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("key=(hidden)", output);
        }
    }

    [Fact]
    public void A_Failed_Expectation_And_A_Bad_Command_Are_Counted_As_Failures()
    {
        var (shell, output) = Run(
            "controller door2 device=door-2 broker=127.0.0.1:1",
            "start door2",
            "card door2 04A1B2C3",
            "expect door2 granted",
            "fly door2",
            "card nobody 04A1B2C3");
        using (shell)
        {
            Assert.Equal(3, shell.Failures);
            Assert.Contains("expected granted", output);
            Assert.Contains("unknown command 'fly'", output);
            Assert.Contains("no controller 'nobody'", output);
        }
    }

    [Fact]
    public void Opening_The_Door_Without_A_Grant_Is_Journalled_As_Forced()
    {
        var (shell, output) = Run(
            "controller door3 device=door-3 broker=127.0.0.1:1",
            "start door3",
            // The door's first tick takes the contact as it finds it (a door found open at boot is not forced): open
            // it only once the main loop runs, or the opening races that tick.
            "wait 300",
            "open door3",
            "wait 2500",
            "log door3");
        using (shell)
        {
            Assert.Equal(0, shell.Failures);
            Assert.Contains("boot", output);
        }
        // The firmware's own journal on the controller's flash holds the alarm.
        Assert.Contains(DoorController.Contract.EventType.DoorForced, JournalTypes("door3"));
    }

    /// <summary>The types of the events in a stopped controller's journal, read from its flash directory.</summary>
    private List<DoorController.Contract.EventType> JournalTypes(string controller)
    {
        var journal = new DoorController.Journal.EventJournal(new DoorController.Hal.Host.DirectoryFileStore(Path.Combine(_dir, controller)),
            new DoorController.Hal.Host.HostConsoleClock(), new DoorController.Journal.JournalOptions());
        Assert.True(journal.Open());
        var records = new DoorController.Journal.JournalRecord[64];
        for (int i = 0; i < records.Length; i++) records[i] = new DoorController.Journal.JournalRecord();
        int n = journal.Read(0, records, 1 << 20);
        journal.Close();
        return records.Take(n).Select(r => r.Type).ToList();
    }

    [Fact]
    public void A_Controller_With_Two_Interlocked_Doors_Keeps_Door_1_Locked_While_Door_2_Is_Open()
    {
        var (shell, output) = Run(
            "controller sally device=sally broker=127.0.0.1:1 door=1 door2=2 interlock",
            "start sally",
            "wait 300", // after the doors' first tick (see above)
            "open sally 2",
            "wait 300",
            "exit sally",
            "wait 300",
            "status sally");
        using (shell)
        {
            Assert.Equal(0, shell.Failures);
            Assert.Contains("relay2", output);
            Assert.Contains("interlock", output);
            Assert.Contains("door 2 contact open", output);
            Assert.Contains("door locked, door2 locked (interlocked)", output);
        }
        var types = JournalTypes("sally");
        Assert.Contains(DoorController.Contract.EventType.InterlockRefused, types);
        Assert.Contains(DoorController.Contract.EventType.DoorForced, types);
    }

    [Fact]
    public void A_Scripted_Controller_Reaches_A_Broker_With_The_Site_Ca_And_Its_Identity_From_Files()
    {
        using var broker = DoorController.LocalBroker.MosquittoBroker.Start();
        var login = broker.RegisterController("door-4");
        Directory.CreateDirectory(_dir);
        string ca = Path.Combine(_dir, "site-ca.pem"), secret = Path.Combine(_dir, "door-4.password");
        File.WriteAllText(ca, broker.CaPem);
        File.WriteAllText(secret, login.Password + "\n");
        var (shell, output) = Run(
            "controller door4 device=door-4 broker=127.0.0.1:" + broker.Port + " ca=" + ca + " user=" + login.Username + " password-file=" + secret,
            "start door4",
            "wait 1500",
            "status door4");
        using (shell)
        {
            Assert.Equal(0, shell.Failures);
            Assert.Contains("link online", output);
            Assert.DoesNotContain(login.Password, output);
            Assert.Contains("New client connected", broker.LogText);
            Assert.Contains(" as " + login.ClientId, broker.LogText);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
