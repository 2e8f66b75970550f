using Microsoft.Playwright;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The admin page's setup and account flows in headless Chromium (the system /usr/bin/chromium; no browser is
/// downloaded): a refused and an accepted sign-in, a controller, door and reader registered through the forms with
/// the numbers a technician types, a guest pass, a person created with a first credential, a live passage appearing
/// in the history, accounts and the audit trail, a password change — all under the strict CSP with nothing refused.
/// </summary>
public sealed class WebPageTests : IDisposable
{
    private readonly ServerTestHost _server = new();

    private static List<string> Problems() => new();

    [Fact]
    public async Task Admin_Registers_A_Controller_Door_Reader_Person_And_Guest_And_Sees_A_Passage_Live()
    {
        var problems = Problems();
        var page = await ConsoleBrowser.NewPage("en-US", problems);
        await page.GotoAsync(_server.Url);
        await page.FillAsync("#login-user", "admin");
        await page.FillAsync("#login-pass", "wrong-password");
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("wrong username or password");
        await page.FillAsync("#login-pass", AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("admin (admin)");

        await page.EvaluateAsync("() => { location.hash = '#/setup'; }");
        await page.FillAsync("#device-name", "Main gate");
        await page.FillAsync("#device-location", "building");
        await page.ClickAsync("#device-form button[type=submit]");
        await Assertions.Expect(page.Locator("#app-notice")).ToContainTextAsync("device key (shown once)");
        string device = _server.Host.Store.Db.QuerySingle("SELECT id FROM devices WHERE name = 'Main gate'")!.Str("id")!;
        await page.SelectOptionAsync("#door-device", device);
        await page.FillAsync("#door-name", "Main door");
        await page.FillAsync("#door-unlock", "4000");
        await page.ClickAsync("#door-form button[type=submit]");
        await Assertions.Expect(page.Locator("#doors tr", new() { HasText = "Main door" })).ToHaveCountAsync(1);
        string door = _server.Host.Store.Db.QuerySingle("SELECT id FROM doors WHERE name = 'Main door'")!.Str("id")!;
        await page.SelectOptionAsync("#reader-device", device);
        await page.SelectOptionAsync("#reader-door", door);
        await page.FillAsync("#reader-name", "Gate in");
        await page.ClickAsync("#reader-form button[type=submit]");
        await Assertions.Expect(page.Locator("#readers tr", new() { HasText = "Gate in" })).ToHaveCountAsync(1);
        string reader = _server.Host.Store.Db.QuerySingle("SELECT id FROM readers WHERE name = 'Gate in'")!.Str("id")!;
        int doorNumber = DoorController.Server.Storage.NumericIds.Of(_server.Host.Store.Db, door), readerNumber = DoorController.Server.Storage.NumericIds.Of(_server.Host.Store.Db, reader);
        await Assertions.Expect(page.Locator("#doors tr[data-door-id='" + door + "'] td").Nth(2)).ToHaveTextAsync(doorNumber.ToString());
        await Assertions.Expect(page.Locator("#doors tr[data-door-id='" + door + "'] input.unlock-ms")).ToHaveValueAsync("4000");
        await Assertions.Expect(page.Locator("#readers tr[data-reader-id='" + reader + "'] td").Nth(4)).ToHaveTextAsync(readerNumber.ToString());

        // A person with a first credential, created on the people page (and then shown on their own page).
        await page.EvaluateAsync("() => { location.hash = '#/people'; }");
        await page.FillAsync("#user-name", "Alice Example");
        await page.SelectOptionAsync("#user-attribute", "employee");
        await page.SelectOptionAsync("#user-method", "nfc");
        await page.FillAsync("#user-value", "04:A1:B2:C3");
        await page.ClickAsync("#user-form button[type=submit]");
        await Assertions.Expect(page.Locator("#person-name")).ToHaveTextAsync("Alice Example");
        var alice = _server.Host.Store.Db.QuerySingle("SELECT id FROM users WHERE name = 'Alice Example'")!.Str("id");
        Assert.Equal(_server.Host.Services.Context.Hasher.Hash("nfc", "04A1B2C3"),
            _server.Host.Store.Db.QuerySingle("SELECT hash FROM credentials WHERE user_id = @u", new { u = alice })!.Str("hash"));

        // A guest pass invited by Alice at the gate reader.
        await page.EvaluateAsync("() => { location.hash = '#/setup'; }");
        await page.FillAsync("#guest-name", "Gus Guest");
        await page.SelectOptionAsync("#guest-inviter", alice);
        await page.SelectOptionAsync("#guest-reader", reader);
        await page.ClickAsync("#guest-form button[type=submit]");
        await Assertions.Expect(page.Locator("#pass-result")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("PIN [0-9]{6}"));
        Assert.Equal(alice, _server.Host.Store.Db.QuerySingle("SELECT inviter_id FROM users WHERE name = 'Gus Guest'")!.Str("inviter_id"));

        // A passage from the controller appears in the history without reloading.
        await page.EvaluateAsync("() => { location.hash = '#/history'; }");
        await Assertions.Expect(page.Locator("#history-filter")).ToBeVisibleAsync();
        _server.Host.Services.Log.Record(new DoorController.Server.Services.AccessEvent(device, 1, reader, alice!, "nfc", "entry", true, "granted", "offline",
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 1, true));
        await Assertions.Expect(page.Locator("#history tr", new() { HasText = "Alice Example" })).ToContainTextAsync("granted");
        await Assertions.Expect(page.Locator("#history tr", new() { HasText = "Alice Example" })).ToContainTextAsync("Main door");
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task Admin_Manages_Accounts_Changes_Password_And_Reads_The_Audit_Trail_With_Nothing_Blocked_By_The_Csp()
    {
        var problems = Problems();
        var page = await ConsoleBrowser.NewPage("en-US", problems);
        await ConsoleBrowser.SignIn(page, _server.Url, "admin", AdminPassword);
        await page.EvaluateAsync("() => { location.hash = '#/accounts'; }");
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
        await Assertions.Expect(page.Locator("#app-notice")).ToContainTextAsync("password changed", new() { IgnoreCase = true });
        Assert.True(_server.Host.Services.Admins.Verify(_server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE username = 'admin'")!.Str("id")!, "a-changed-password"));

        var desk = _server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE username = 'desk1'")!.Str("id");
        await page.Locator("#admins tr", new() { HasText = "desk1" }).Locator("button", new() { HasText = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator("#admins tr", new() { HasText = "desk1" })).ToHaveCountAsync(0);
        Assert.Null(_server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE id = @d", new { d = desk }));
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task Registering_A_Controller_On_The_Page_Shows_Its_Key_And_Broker_Identity_Once()
    {
        using var broker = DoorController.LocalBroker.MosquittoBroker.Start();
        using var server = new ServerTestHost(broker);
        var problems = Problems();
        var page = await ConsoleBrowser.NewPage("en-US", problems);
        await ConsoleBrowser.SignIn(page, server.Url, "admin", AdminPassword);
        await page.EvaluateAsync("() => { location.hash = '#/setup'; }");
        await page.FillAsync("#device-name", "Side door");
        await page.FillAsync("#device-location", "loading bay");
        await page.SelectOptionAsync("#device-flash", "8");
        await page.ClickAsync("#device-form button[type=submit]");
        var notice = page.Locator("#app-notice");
        await Assertions.Expect(notice).ToContainTextAsync("Broker user dc-d-");

        // What the page showed is what the technician provisions: it connects, as the identity bound to dc-<id>.
        var shown = System.Text.RegularExpressions.Regex.Match(await notice.TextContentAsync() ?? "",
            "Controller (d-[0-9a-f]+) registered; device key \\(shown once\\): ([0-9A-Fa-f]{64})\\. Broker user (dc-d-[0-9a-f]+), password ([A-Za-z0-9_-]{43}) \\(client id (dc-d-[0-9a-f]+)\\)");
        Assert.True(shown.Success, await notice.TextContentAsync());
        using var controller = BrokerPeer.Connect(broker, new DoorController.LocalBroker.BrokerLogin(shown.Groups[3].Value, shown.Groups[4].Value, shown.Groups[5].Value));
        Assert.True(controller.Connected, controller.LastError);
        Assert.Equal("dc-" + shown.Groups[1].Value, shown.Groups[5].Value);
        // The board size chosen on the form bounds the cache the server sends it, and is listed.
        Assert.Equal(8, server.Host.Store.Db.QuerySingle("SELECT flash_mb FROM devices WHERE id = @d", new { d = shown.Groups[1].Value })!.Long("flash_mb"));
        await Assertions.Expect(page.Locator("#devices tr", new() { HasText = "Side door" })).ToContainTextAsync("8 MB");
        // Shown once: the list of controllers never carries it again.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#nav")).ToBeVisibleAsync();
        Assert.DoesNotContain(shown.Groups[4].Value, await page.ContentAsync());
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    public void Dispose() => _server.Dispose();
}
