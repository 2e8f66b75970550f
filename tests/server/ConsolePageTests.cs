using System.Text;
using System.Text.RegularExpressions;
using DoorController.Server.Services;
using Microsoft.Playwright;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The manager's console in headless Chromium on one shared server (<see cref="ConsoleSite"/>): every view in
/// Japanese without an untranslated label, the language chosen from the browser and switchable; history filters and
/// the CSV export returning exactly the expected rows, and the day timeline; a person's page adding a credential and a
/// group permission; alerts acknowledged with a note; the policy tables and settings edited; and what a guard sees.
/// Scripts and styles run under the server's strict CSP: any refusal or script error fails the test.
/// </summary>
public sealed class ConsolePageTests : IClassFixture<ConsoleSite>
{
    /// <summary>Latin words a Japanese label may carry: the product name and the names of credential technologies.</summary>
    private static readonly HashSet<string> LatinAllowed = new() { "doorctl", "NFC", "QR", "BLE", "PIN", "CSV" };
    private readonly ConsoleSite _site;

    public ConsolePageTests(ConsoleSite site)
    {
        _site = site;
    }

    private string Url => _site.Server.Url;

    private async Task<(IPage Page, List<string> Problems)> Open(string locale = "en-US", string user = "admin", string password = AdminPassword)
    {
        var problems = new List<string>();
        var page = await ConsoleBrowser.NewPage(locale, problems);
        await ConsoleBrowser.SignIn(page, Url, user, password);
        return (page, problems);
    }

    /// <summary>Waits for what a page action wrote to the database (the notice may still be the previous one's).</summary>
    private static async Task Eventually(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until && !condition()) await Task.Delay(50);
        Assert.True(condition(), "timed out waiting for " + what);
    }

    private static async Task Go(IPage page, string hash, string ready)
    {
        await page.EvaluateAsync("h => { location.hash = h; }", hash);
        await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
    }

    /// <summary>Every piece of label text on the page (text, placeholders, titles, aria labels), outside data (class "data").</summary>
    private const string LabelsScript = @"() => {
        const out = [];
        const skipped = (n) => !n || n.closest('.data, script, style, #lang, [hidden], dialog:not([open])');
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent.trim();
          if (text && !skipped(n.parentElement)) out.push(text);
        }
        for (const e of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
          if (skipped(e)) continue;
          for (const a of ['placeholder', 'title', 'aria-label']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
        }
        return out;
    }";

    private static readonly (string Hash, string Ready)[] Views =
    {
        ("#/doors", ".door-card"), ("#/presence", "#presence-tree .area"), ("#/people", "#users tr"), ("#/history", "#history tr"),
        ("#/alerts", "#alerts tr"), ("#/policies", "#attribute-policies"), ("#/setup", "#readers tr"), ("#/accounts", "#audit tr"),
    };

    [Fact]
    public async Task The_Japanese_Page_Has_No_Untranslated_Label_In_Any_View_And_The_Language_Is_Switchable()
    {
        var (page, problems) = await Open("ja-JP");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        var missing = await page.EvaluateAsync<string[]>(@"async () => {
            const en = (await import('/js/lang/en.js')).default, ja = (await import('/js/lang/ja.js')).default;
            return Object.keys(en).filter(k => !(k in ja)).concat(Object.keys(ja).filter(k => !(k in en))); }");
        Assert.Empty(missing);
        var views = Views.Append(("#/people/" + _site.Alice, "#credentials tr")).ToList();
        int labels = 0;
        foreach (var (hash, ready) in views)
        {
            await Go(page, hash, ready);
            var texts = await page.EvaluateAsync<string[]>(LabelsScript);
            labels += texts.Length;
            var english = texts.Where(t => Regex.Matches(t, "[A-Za-z]{2,}").Any(m => !LatinAllowed.Contains(m.Value))).ToList();
            Assert.True(english.Count == 0, hash + " has untranslated labels: " + string.Join(" | ", english));
        }
        Assert.True(labels > 300, "only " + labels + " labels enumerated: the walk missed the views");
        // The timeline's axis and a door state are in the page too.
        await Go(page, "#/doors", ".door-card[data-door-id='" + _site.OfficeDoor + "'] .door-state[data-state=forced]");
        await Assertions.Expect(page.Locator(".door-card[data-door-id='" + _site.OfficeDoor + "'] .door-state")).ToHaveTextAsync("こじ開け");

        // Switching to English relabels the page and is remembered.
        await page.SelectOptionAsync("#lang", "en");
        await Assertions.Expect(page.Locator("#nav a[data-view=doors]")).ToHaveTextAsync("Doors");
        await Assertions.Expect(page.Locator(".door-card[data-door-id='" + _site.OfficeDoor + "'] .door-state")).ToHaveTextAsync("forced open");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#nav a[data-view=doors]")).ToHaveTextAsync("Doors");
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task History_Filters_And_The_Csv_Export_Return_Exactly_The_Expected_Rows_And_A_Day_Is_Drawn()
    {
        var (page, problems) = await Open();
        await Go(page, "#/history", "#history tr");
        await page.SelectOptionAsync("#filter-person", _site.Alice);
        await page.SelectOptionAsync("#filter-method", "nfc");
        await page.SelectOptionAsync("#filter-result", "granted");
        await page.FillAsync("#filter-from", ConsoleSite.Day.ToString("yyyy-MM-dd") + "T00:00");
        await page.FillAsync("#filter-to", ConsoleSite.Day.AddDays(1).ToString("yyyy-MM-dd") + "T00:00");
        await page.ClickAsync("#history-filter button[type=submit]");
        long from = ConsoleSite.Day.ToUnixTimeMilliseconds(), to = ConsoleSite.Day.AddDays(1).ToUnixTimeMilliseconds();
        var expected = _site.Passages.Where(p => p.User == _site.Alice && p.Method == "nfc" && p.Granted && p.At >= from && p.At < to)
            .OrderByDescending(p => p.At).Select(p => p.Id.ToString()).ToArray();
        Assert.Equal(3, expected.Length);
        await Assertions.Expect(page.Locator("#history tr")).ToHaveCountAsync(expected.Length);
        var shown = await page.Locator("#history tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.logId)");
        Assert.Equal(expected, shown);
        await Assertions.Expect(page.Locator("#history tr").First).ToContainTextAsync("Alice Example");
        await Assertions.Expect(page.Locator("#history tr").First).ToContainTextAsync("Office door");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#history-export"));
        string path = Path.Combine(Path.GetTempPath(), "history-" + Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(path);
        string csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path)).TrimStart('\uFEFF');
        File.Delete(path);
        Assert.True(Csv.TryParse(csv, out var records, out _));
        Assert.Equal(HistoryQuery.ExportColumns, records[0]);
        Assert.Equal(expected, records.Skip(1).Select(r => r[^1]).ToArray());
        Assert.Equal("2025-11-20T09:02:00+09:00", records[2][0]);

        // The day of this person as a timeline: one mark per passage, in the site's time.
        await page.FillAsync("#timeline-day", ConsoleSite.Day.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#timeline-form button[type=submit]");
        int marks = _site.Passages.Count(p => p.User == _site.Alice && p.At >= from && p.At < to);
        await Assertions.Expect(page.Locator("#timeline-chart .mark")).ToHaveCountAsync(marks);
        await Assertions.Expect(page.Locator("#timeline-chart .mark.denied")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#timeline-chart rect.inside")).ToHaveCountAsync(2); // building and office, each entered and left
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task A_Persons_Page_Adds_A_Second_Credential_A_Door_Permission_And_A_Calendar_Entry()
    {
        var (page, problems) = await Open();
        string bob = _site.S.Users.Register(new UserInput("Bob Second", "employee", null, null, null, null, null, new List<CredentialInput> { new("nfc", "04BB0001"), new("pin", "13579", Duress: true), new("pin", "24680", MinutesAfterFirstUse: 30) }, null));
        await Go(page, "#/people", "#users tr");
        await page.ClickAsync("#users tr[data-user-id='" + bob + "'] a");
        await Assertions.Expect(page.Locator("#person-name")).ToHaveTextAsync("Bob Second");
        await page.SelectOptionAsync("#credential-method", "pin");
        await page.FillAsync("#credential-value", "86420");
        // The key types show beside the method: the duress code and the key valid for a while after its first use.
        await Assertions.Expect(page.Locator("#credentials tr[data-method=pin]", new() { HasText = "(duress code)" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#credentials tr[data-method=pin]", new() { HasText = "(valid 30 min after first use)" })).ToHaveCountAsync(1);
        await page.ClickAsync("#credential-form button[type=submit]");
        await Assertions.Expect(page.Locator("#credentials tr[data-method=pin]")).ToHaveCountAsync(3);
        Assert.Equal(_site.S.Context.Hasher.Hash("pin", "86420"),
            _site.Server.Host.Store.Db.QuerySingle("SELECT hash FROM credentials WHERE user_id = @u AND method = 'pin' AND duress = 0 AND minutes_after_first_use IS NULL", new { u = bob })!.Str("hash"));

        await page.SelectOptionAsync("#perm-kind", "door");
        await page.SelectOptionAsync("#perm-target", _site.GateDoor);
        await page.ClickAsync("#perm-form button[type=submit]");
        await Assertions.Expect(page.Locator("#permissions tr")).ToHaveCountAsync(2); // both readers of the door
        Assert.Equal(62, _site.Server.Host.Store.Db.QuerySingle("SELECT w.days_mask FROM permissions p JOIN permission_windows w ON w.permission_id = p.id WHERE p.user_id = @u LIMIT 1", new { u = bob })!.Long("days_mask"));

        await page.FillAsync("#schedule-title", "Workshop");
        await page.FillAsync("#schedule-place", "Room X7");
        await page.FillAsync("#schedule-starts", "2025-12-01T10:00");
        await page.FillAsync("#schedule-ends", "2025-12-01T12:00");
        await page.ClickAsync("#schedule-form button[type=submit]");
        await Assertions.Expect(page.Locator("#schedules tr")).ToContainTextAsync("Workshop");
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds(),
            _site.Server.Host.Store.Db.QuerySingle("SELECT starts_at FROM schedules WHERE user_id = @u", new { u = bob })!.Long("starts_at"));

        // Revoke one credential, then the profile: attribute changed and saved.
        await page.Locator("#credentials tr[data-method=nfc] button").ClickAsync();
        await page.ClickAsync("#confirm-ok");
        await Assertions.Expect(page.Locator("#credentials tr.revoked[data-method=nfc]")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#profile-attribute", "contractor");
        await page.ClickAsync("#profile-form button[type=submit]");
        await Assertions.Expect(page.Locator("#app-notice")).ToContainTextAsync("Saved");
        Assert.Equal("contractor", _site.Server.Host.Store.Db.QuerySingle("SELECT attribute FROM users WHERE id = @u", new { u = bob })!.Str("attribute"));
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task Alerts_Are_Filtered_And_Acknowledged_With_A_Note()
    {
        var (page, problems) = await Open();
        await Go(page, "#/alerts", "#alerts tr");
        await Assertions.Expect(page.Locator("#alerts tr[data-alert-id='" + _site.FraudAlert + "']")).ToContainTextAsync("terminal: dc/v1/term/guard-desk");
        await page.SelectOptionAsync("#alert-kind", "door_forced");
        await Assertions.Expect(page.Locator("#alerts tr")).ToHaveCountAsync(1);
        var row = page.Locator("#alerts tr[data-alert-id='" + _site.ForcedAlert + "']");
        await Assertions.Expect(row).ToContainTextAsync("Office controller");
        await row.Locator("button").ClickAsync();
        await page.FillAsync("#confirm-note", "checked the door: a delivery wedged it");
        await page.ClickAsync("#confirm-ok");
        await page.SelectOptionAsync("#alert-state", "all");
        await Assertions.Expect(row).ToContainTextAsync("a delivery wedged it");
        Assert.Equal("checked the door: a delivery wedged it",
            _site.Server.Host.Store.Db.QuerySingle("SELECT acknowledged_note FROM alerts WHERE id = @i", new { i = _site.ForcedAlert })!.Str("acknowledged_note"));
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task The_Policy_Tables_Holidays_And_Site_Settings_Are_Edited_In_Place()
    {
        var (page, problems) = await Open();
        await Go(page, "#/policies", "#attribute-policies");
        await page.SelectOptionAsync("#policy-" + _site.OfficeOut + "-guest", "ok");
        await Eventually(() => _site.Server.Host.Store.Db.QuerySingle("SELECT fraud_on_violation FROM fraud_policies WHERE reader_id = @r AND attribute = 'guest'", new { r = _site.OfficeOut }) is { } p && !p.Bool("fraud_on_violation"), "the reader's own policy");
        await page.SelectOptionAsync("#policy-" + _site.OfficeOut + "-guest", "");
        await Assertions.Expect(page.Locator("#policy-" + _site.OfficeOut + "-guest")).ToHaveClassAsync(new Regex("inherited"));
        await Eventually(() => _site.Server.Host.Store.Db.QuerySingle("SELECT attribute FROM fraud_policies WHERE reader_id = @r", new { r = _site.OfficeOut }) == null, "back to the site policy");

        await page.SelectOptionAsync("#fig9b #route-person", _site.Bob);
        await page.SelectOptionAsync("#fig9b #route-reader", _site.GateIn);
        await page.FillAsync("#fig9b #route-target", "dc/v1/term/site-office");
        await page.ClickAsync("#fig9b #route-form button[type=submit]");
        await Assertions.Expect(page.Locator("#routes tr", new() { HasText = "Bob Builder" })).ToContainTextAsync("dc/v1/term/site-office");

        await page.FillAsync("#holiday-day", "2026-01-02");
        await page.FillAsync("#holiday-name", "New year");
        await page.ClickAsync("#holiday-form button[type=submit]");
        await Assertions.Expect(page.Locator("#holidays tr[data-day='2026-01-02']")).ToContainTextAsync("New year");

        await page.SelectOptionAsync("#areas tr[data-area-id='" + _site.Room + "'] select", _site.Building);
        await Eventually(() => _site.Server.Host.Store.Db.QuerySingle("SELECT parent_id FROM areas WHERE id = @a", new { a = _site.Room })!.Str("parent_id") == _site.Building, "the room moved");
        await page.SelectOptionAsync("#areas tr[data-area-id='" + _site.Room + "'] select", _site.Office);
        await Eventually(() => _site.Server.Host.Store.Db.QuerySingle("SELECT parent_id FROM areas WHERE id = @a", new { a = _site.Room })!.Str("parent_id") == _site.Office, "the room back");
        await page.FillAsync("#setting-retention", "120");
        await page.ClickAsync("#retention-form button[type=submit]");
        await Eventually(() => _site.S.Privacy.RetentionDays == 120, "the retention");
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task A_Two_Door_Controllers_Cards_Show_Each_Doors_Own_Contact_And_Lock()
    {
        var (page, problems) = await Open();
        string office = ".door-card[data-door-id='" + _site.OfficeDoor + "'] ", serverRoom = ".door-card[data-door-id='" + _site.ServerRoomDoor + "'] ";
        await Go(page, "#/doors", serverRoom + ".door-state[data-state=open]");
        await Assertions.Expect(page.Locator(serverRoom + ".lock-state")).ToHaveAttributeAsync("data-state", "unlocked");
        await Assertions.Expect(page.Locator(serverRoom + ".controller-door")).ToHaveAttributeAsync("data-controller-door", "2");
        await Assertions.Expect(page.Locator(serverRoom + ".controller-door")).ToHaveTextAsync("second (door2)");
        await Assertions.Expect(page.Locator(office + ".door-state")).ToHaveAttributeAsync("data-state", "forced");
        await Assertions.Expect(page.Locator(office + ".lock-state")).ToHaveAttributeAsync("data-state", "locked");
        await Assertions.Expect(page.Locator(office + ".controller-door")).ToHaveAttributeAsync("data-controller-door", "1");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_Admin_Sends_A_Resync_To_A_Doors_Controller_Not_To_The_Door()
    {
        var (page, problems) = await Open();
        string office = ".door-card[data-door-id='" + _site.OfficeDoor + "'] ";
        await Go(page, "#/doors", office + ".command-resync");
        await page.ClickAsync(office + ".command-resync");
        await page.ClickAsync("#confirm-ok");
        var db = _site.Server.Host.Store.Db;
        DoorController.Server.Storage.Row? last = null;
        for (int i = 0; i < 100 && (last == null || last.Str("command") != "resync"); i++)
        {
            await Task.Delay(50);
            last = db.QuerySingle("SELECT command, door_id FROM commands WHERE device_id = (SELECT device_id FROM doors WHERE id = @o) ORDER BY id DESC LIMIT 1",
                new { o = _site.OfficeDoor });
        }
        Assert.Equal("resync", last?.Str("command"));
        Assert.Null(last!.Str("door_id"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_Guard_Reads_The_Desk_Views_And_Changes_Nothing_But_Alerts()
    {
        if (_site.Server.Host.Store.Db.QuerySingle("SELECT id FROM admins WHERE username = 'desk'") == null) _site.S.Admins.Create("desk", "desk-password-1", "guard");
        var (page, problems) = await Open("en-US", "desk", "desk-password-1");
        var nav = await page.Locator("#nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.view)");
        Assert.Equal(new[] { "doors", "presence", "people", "history", "alerts", "accounts" }, nav);
        await Go(page, "#/doors", ".door-card");
        await Assertions.Expect(page.Locator(".door-card button")).ToHaveCountAsync(0);
        await Go(page, "#/presence", "#presence-tree .person");
        await Assertions.Expect(page.Locator("#presence-tree .person button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#presence-tree .area[data-area-id='" + _site.Office + "'] > ul .person", new() { HasText = "Alice Example" })).ToContainTextAsync("face");
        await Go(page, "#/people", "#users tr");
        await Assertions.Expect(page.Locator("#users a")).ToHaveCountAsync(0);
        await Go(page, "#/policies", ".door-card"); // not for guards: back to the doors
        Assert.Empty(problems);
        await ConsoleBrowser.Close(page);
    }
}
