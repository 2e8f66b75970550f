using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.Integration;

/// <summary>
/// The manager's console against a live building (<see cref="ConsoleBuilding"/>: virtual controllers running the
/// firmware through mosquitto and the real server), in headless Chromium: the doors view shows a door forced and a
/// controller lost within seconds; who-is-inside follows a person in and out; a credential added on the person's page
/// opens a door; a policy edited on the policies page changes the next decision. People at the doors act through the
/// controllers' simulated readers and door contacts, as in the demo.
/// </summary>
public sealed class ConsoleBuildingTests : IClassFixture<ConsoleBuilding>
{
    /// <summary>"Within seconds": the longest a change may take to reach the page (status publish, store, 1 s poll).</summary>
    private const float LiveTimeoutMs = 5000;
    private readonly ConsoleBuilding _b;
    private readonly ITestOutputHelper _out;

    public ConsoleBuildingTests(ConsoleBuilding building, ITestOutputHelper output)
    {
        _b = building;
        _out = output;
    }

    private async Task<(IPage Page, List<string> Problems)> Open(string hash, string ready)
    {
        var problems = new List<string>();
        var page = await ConsoleBrowser.NewPage("en-US", problems);
        await ConsoleBrowser.SignIn(page, _b.Server.Url, "admin", AdminPassword);
        await page.EvaluateAsync("h => { location.hash = h; }", hash);
        await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
        return (page, problems);
    }

    private static ILocator Card(IPage page, string device) => page.Locator(".door-card[data-device-id='" + device + "']");

    private async Task Eventually(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && !condition()) await Task.Delay(50);
        Assert.True(condition(), "timed out waiting for " + what);
    }

    [Fact]
    public async Task Doors_Live_Shows_A_Forced_Door_And_A_Controller_Going_Offline_Within_Seconds()
    {
        var (page, problems) = await Open("#/doors", ".door-card");
        var live = new LocatorAssertionsToHaveAttributeOptions { Timeout = LiveTimeoutMs };
        foreach (string device in new[] { _b.Gate, _b.OfficeDevice, _b.Kiosk })
        {
            await Assertions.Expect(Card(page, device).Locator(".conn")).ToHaveAttributeAsync("data-state", "online", live);
            await Assertions.Expect(Card(page, device).Locator(".door-state")).ToHaveAttributeAsync("data-state", "closed", live);
        }
        await Assertions.Expect(Card(page, _b.OfficeDevice)).ToContainTextAsync("current");

        // Someone pushes the office door open without a grant.
        var clock = Stopwatch.StartNew();
        _b.OfficeController.OpenDoor();
        await Assertions.Expect(Card(page, _b.OfficeDevice).Locator(".door-state")).ToHaveAttributeAsync("data-state", "forced", live);
        _out.WriteLine("forced door on the page after " + clock.ElapsedMilliseconds + " ms");
        await Assertions.Expect(Card(page, _b.OfficeDevice)).ToHaveClassAsync(new Regex("alarm"));
        _b.OfficeController.CloseDoor();
        await Assertions.Expect(Card(page, _b.OfficeDevice).Locator(".door-state")).ToHaveAttributeAsync("data-state", "closed", live);
        await Eventually(() => _b.S.Alerts.List(false, 50).Any(a => a.Str("kind") == "door_forced" && a.Str("device_id") == _b.OfficeDevice), "the forced-door alert");

        // The kiosk loses power: its connection drops without a goodbye and the broker publishes its last will.
        clock.Restart();
        _b.KioskLink.Refuse = true;
        _b.KioskLink.Sever();
        await Assertions.Expect(Card(page, _b.Kiosk).Locator(".conn")).ToHaveAttributeAsync("data-state", "offline", live);
        _out.WriteLine("controller offline on the page after " + clock.ElapsedMilliseconds + " ms");
        await Assertions.Expect(Card(page, _b.Kiosk).Locator(".door-state")).ToHaveAttributeAsync("data-state", "unknown");
        await Assertions.Expect(Card(page, _b.Gate).Locator(".conn")).ToHaveAttributeAsync("data-state", "online");

        // Power back: it reconnects and says so.
        _b.KioskLink.Refuse = false;
        await Assertions.Expect(Card(page, _b.Kiosk).Locator(".conn")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = 90_000 });
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task Who_Is_Inside_Shows_A_Person_After_Entry_And_No_Longer_After_Exit()
    {
        string pat = _b.Person("Pat Presence", "employee", "04AB0001", "13579");
        var (page, problems) = await Open("#/presence", "#presence-tree .area");
        var patLine = page.Locator("#presence-tree .person[data-user-id='" + pat + "']");
        await Assertions.Expect(patLine).ToHaveCountAsync(0);

        Assert.StartsWith("granted", ConsoleBuilding.Pass(_b.GateController, vc => vc.PresentCard("04AB0001")));
        await Assertions.Expect(page.Locator("#presence-tree .area[data-area-id='" + _b.Building + "'] > ul .person[data-user-id='" + pat + "']"))
            .ToContainTextAsync("card (NFC)", new() { Timeout = LiveTimeoutMs });
        Assert.StartsWith("granted", ConsoleBuilding.Pass(_b.OfficeController, vc => vc.PresentCard("04AB0001")));
        await Assertions.Expect(page.Locator("#presence-tree .area[data-area-id='" + _b.Office + "'] > ul .person[data-user-id='" + pat + "']"))
            .ToContainTextAsync("Office in", new() { Timeout = LiveTimeoutMs });

        // Out of the office by keypad (back in the building), then out of the building: gone from the tree.
        Assert.StartsWith("granted", ConsoleBuilding.Pass(_b.OfficeController, vc => vc.TypePin("13579#")));
        await Assertions.Expect(page.Locator("#presence-tree .area[data-area-id='" + _b.Building + "'] > ul .person[data-user-id='" + pat + "']"))
            .ToHaveCountAsync(1, new() { Timeout = LiveTimeoutMs });
        Assert.StartsWith("granted", ConsoleBuilding.Pass(_b.GateController, vc => vc.TypePin("13579#")));
        await Assertions.Expect(patLine).ToHaveCountAsync(0, new() { Timeout = LiveTimeoutMs });
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task A_Second_Credential_Added_On_The_Persons_Page_Opens_A_Door()
    {
        string quinn = _b.Person("Quinn Second", "employee", "04AB1001", "24680");
        Assert.StartsWith("denied (unknown-credential", ConsoleBuilding.Pass(_b.OfficeController, vc => vc.PresentCard("04AB1002")));
        var (page, problems) = await Open("#/people/" + quinn, "#credentials tr");
        await page.SelectOptionAsync("#credential-method", "nfc");
        await page.FillAsync("#credential-value", "04:AB:10:02");
        await page.ClickAsync("#credential-form button[type=submit]");
        await Assertions.Expect(page.Locator("#credentials tr[data-method=nfc]")).ToHaveCountAsync(2);

        string outcome = ConsoleBuilding.Pass(_b.OfficeController, vc => vc.PresentCard("04AB1002"));
        Assert.StartsWith("granted", outcome);
        Assert.Contains(_b.S.Log.Latest(20), r => r.Str("user_id") == quinn && r.Bool("granted") && r.Str("reader_id") == _b.OfficeIn);
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task Editing_The_Attribute_Policy_On_The_Page_Changes_The_Next_Decision()
    {
        string rin = _b.Person("Rin Contractor", "contractor", "04AB2001", "11223");
        Assert.StartsWith("granted", ConsoleBuilding.Pass(_b.GateController, vc => vc.PresentCard("04AB2001")));
        Assert.StartsWith("denied (apb-entry-without-exit", ConsoleBuilding.Pass(_b.GateController, vc => vc.PresentCard("04AB2001")));

        // Fig 9A: a contractor coming in twice at the entrance is not fraud there.
        var (page, problems) = await Open("#/policies", "#attribute-policies");
        await page.SelectOptionAsync("#policy-" + _b.GateIn + "-contractor", "ok");
        await Eventually(() => _b.Server.Host.Store.Db.QuerySingle("SELECT fraud_on_violation FROM fraud_policies WHERE reader_id = @r AND attribute = 'contractor'",
            new { r = _b.GateIn }) is { } p && !p.Bool("fraud_on_violation"), "the policy stored");
        Assert.StartsWith("granted", ConsoleBuilding.Pass(_b.GateController, vc => vc.PresentCard("04AB2001")));

        // Back to the default: refused again.
        await page.SelectOptionAsync("#policy-" + _b.GateIn + "-contractor", "");
        await Eventually(() => _b.Server.Host.Store.Db.QuerySingle("SELECT attribute FROM fraud_policies WHERE reader_id = @r", new { r = _b.GateIn }) == null, "the policy removed");
        Assert.StartsWith("denied (apb-entry-without-exit", ConsoleBuilding.Pass(_b.GateController, vc => vc.PresentCard("04AB2001")));
        Assert.NotNull(rin);
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }
}
