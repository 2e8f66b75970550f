using DoorController.Server.Services;
using Microsoft.Playwright;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The admin page in headless Chromium (the system /usr/bin/chromium; no browser is downloaded): sign in, create a
/// user with an NFC credential, issue a guest pass, watch an access event arrive in the live history, acknowledge
/// an alert.
/// </summary>
public sealed class WebPageTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    };

    private readonly ServerTestHost _server = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    [Fact]
    public async Task Admin_Signs_In_Registers_People_And_Sees_Events_And_Alerts_Live()
    {
        // A controller with a reader, registered through the API (the page's own forms are exercised below).
        var admin = _server.SignedIn();
        string device = Id(await admin.PostAsync("/api/devices", Json(new { name = "Main gate", location = "building", usage = "both" })));
        string door = Id(await admin.PostAsync("/api/devices/" + device + "/doors", Json(new { name = "Main door", unlockMs = 4000 })));
        string reader = Id(await admin.PostAsync("/api/devices/" + device + "/readers", Json(new { doorId = door, name = "Gate in", usage = "entry" })));

        var page = await _browser!.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        await page.GotoAsync(_server.Url);

        await page.FillAsync("#login-user", "admin");
        await page.FillAsync("#login-pass", "wrong-password");
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("wrong username or password");
        await page.FillAsync("#login-pass", AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("admin (admin)");

        // Create a user with an NFC credential.
        await page.FillAsync("#user-name", "Alice Example");
        await page.SelectOptionAsync("#user-attribute", "employee");
        await page.SelectOptionAsync("#user-method", "nfc");
        await page.FillAsync("#user-value", "04:A1:B2:C3");
        await page.ClickAsync("#user-form button[type=submit]");
        await Assertions.Expect(page.Locator("#users tr", new() { HasText = "Alice Example" })).ToContainTextAsync("employee");
        var alice = _server.Host.Store.Db.QuerySingle("SELECT id FROM users WHERE name = 'Alice Example'")!.Str("id");
        Assert.Equal(_server.Host.Services.Context.Hasher.Hash("nfc", "04A1B2C3"),
            _server.Host.Store.Db.QuerySingle("SELECT hash FROM credentials WHERE user_id = @u", new { u = alice })!.Str("hash"));

        // The numbers the technician enters at the console are on the doors page.
        await page.ClickAsync("nav button[data-tab=doors]");
        int doorNumber = DoorController.Server.Storage.NumericIds.Of(_server.Host.Store.Db, door), readerNumber = DoorController.Server.Storage.NumericIds.Of(_server.Host.Store.Db, reader);
        await Assertions.Expect(page.Locator("#doors tr", new() { HasText = "Main door" })).ToContainTextAsync(doorNumber + "4000");
        await Assertions.Expect(page.Locator("#readers tr", new() { HasText = "Gate in" })).ToContainTextAsync("entry" + readerNumber + reader);

        // Issue a guest pass invited by Alice at the gate reader.
        await page.ClickAsync("nav button[data-tab=passes]");
        await page.FillAsync("#guest-name", "Gus Guest");
        await page.SelectOptionAsync("#guest-inviter", alice);
        await page.SelectOptionAsync("#guest-reader", reader);
        await page.ClickAsync("#guest-form button[type=submit]");
        await Assertions.Expect(page.Locator("#pass-result")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("PIN [0-9]{6}"));
        Assert.Equal(alice, _server.Host.Store.Db.QuerySingle("SELECT inviter_id FROM users WHERE name = 'Gus Guest'")!.Str("inviter_id"));

        // An access event from the controller appears in the live history without reloading.
        await page.ClickAsync("nav button[data-tab=history]");
        _server.Host.Services.Log.Record(new AccessEvent(device, 1, reader, alice, "nfc", "entry", true, "ok", "online", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await Assertions.Expect(page.Locator("#history tr", new() { HasText = "Alice Example" })).ToContainTextAsync("granted");

        // An alert appears and is acknowledged from the page.
        long alert = _server.Host.Services.Alerts.Raise("fraud", "high", alice, device, reader, null, "second entry without exit");
        await page.ClickAsync("nav button[data-tab=alerts]");
        var row = page.Locator("#alerts tr[data-alert-id='" + alert + "']");
        await Assertions.Expect(row).ToContainTextAsync("second entry without exit");
        await row.Locator("button", new() { HasText = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(page.Locator("#alerts tr[data-alert-id='" + alert + "']")).ToContainTextAsync("acknowledged by admin");
        Assert.Equal("admin", _server.Host.Store.Db.QuerySingle("SELECT acknowledged_by FROM alerts WHERE id = @i", new { i = alert })!.Str("acknowledged_by"));
    }

    [Fact]
    public async Task Admin_Manages_Accounts_Changes_Password_And_Reads_The_Audit_Trail_With_Nothing_Blocked_By_The_Csp()
    {
        var page = await _browser!.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var blocked = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy") || m.Text.Contains("Refused to")) blocked.Add(m.Text); };
        await page.GotoAsync(_server.Url);
        await page.FillAsync("#login-user", "admin");
        await page.FillAsync("#login-pass", AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("admin (admin)");

        await page.ClickAsync("nav button[data-tab=account]");
        await page.FillAsync("#admin-name", "desk1");
        await page.FillAsync("#admin-pass", "desk-password-1");
        await page.SelectOptionAsync("#admin-role", "guard");
        await page.ClickAsync("#admin-form button[type=submit]");
        await Assertions.Expect(page.Locator("#admins tr", new() { HasText = "desk1" })).ToContainTextAsync("guard");
        await Assertions.Expect(page.Locator("#audit tr", new() { HasText = "POST /api/admins" })).ToContainTextAsync("created guard 'desk1'");

        // The page's own state-changing requests pass the Origin check (the browser sends the page's origin).
        await page.FillAsync("#password-current", AdminPassword);
        await page.FillAsync("#password-new", "a-changed-password");
        await page.ClickAsync("#password-form button[type=submit]");
        await Assertions.Expect(page.Locator("#app-notice")).ToContainTextAsync("password changed");
        Assert.True(_server.Host.Services.Admins.Verify(_server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE username = 'admin'")!.Str("id")!, "a-changed-password"));

        var desk = _server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE username = 'desk1'")!.Str("id");
        await page.Locator("#admins tr", new() { HasText = "desk1" }).Locator("button", new() { HasText = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator("#admins tr", new() { HasText = "desk1" })).ToHaveCountAsync(0);
        Assert.Null(_server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE id = @d", new { d = desk }));
        Assert.Empty(blocked);
    }

    [Fact]
    public async Task Registering_A_Controller_On_The_Page_Shows_Its_Key_And_Broker_Identity_Once()
    {
        using var broker = DoorController.LocalBroker.MosquittoBroker.Start();
        using var server = new ServerTestHost(broker);
        var page = await _browser!.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        await page.GotoAsync(server.Url);
        await page.FillAsync("#login-user", "admin");
        await page.FillAsync("#login-pass", AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await page.ClickAsync("nav button[data-tab=doors]");
        await page.FillAsync("#device-name", "Side door");
        await page.FillAsync("#device-location", "loading bay");
        await page.ClickAsync("#device-form button[type=submit]");
        var notice = page.Locator("#app-notice");
        await Assertions.Expect(notice).ToContainTextAsync("broker user dc-d-");

        // What the page showed is what the technician provisions: it connects, as the identity bound to dc-<id>.
        var shown = System.Text.RegularExpressions.Regex.Match(await notice.TextContentAsync() ?? "",
            "controller (d-[0-9a-f]+) registered; shown once: device key ([0-9A-Fa-f]{64}); broker user (dc-d-[0-9a-f]+), password ([A-Za-z0-9_-]{43}) \\(client id (dc-d-[0-9a-f]+)\\)");
        Assert.True(shown.Success, await notice.TextContentAsync());
        using var controller = BrokerPeer.Connect(broker, new DoorController.LocalBroker.BrokerLogin(shown.Groups[3].Value, shown.Groups[4].Value, shown.Groups[5].Value));
        Assert.True(controller.Connected, controller.LastError);
        Assert.Equal("dc-" + shown.Groups[1].Value, shown.Groups[5].Value);
        // Shown once: the list of controllers never carries it again.
        await page.ReloadAsync();
        Assert.DoesNotContain(shown.Groups[4].Value, await page.ContentAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser != null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _server.Dispose();
    }
}
