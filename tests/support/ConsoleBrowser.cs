using Microsoft.Playwright;

namespace DoorController.TestSupport;

/// <summary>
/// One headless system Chromium (/usr/bin/chromium: no browser is downloaded) for every admin page test of the test
/// process, started on first use and closed when the process ends; each test gets its own browser context (its own
/// cookies and storage) with the language the browser reports, so "chosen from the browser" is what a test sets.
/// </summary>
public static class ConsoleBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    };
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> Browser()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { _browser?.CloseAsync().Wait(5000); } catch (Exception) { }
                _playwright?.Dispose();
            };
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh context and page; the browser reports <paramref name="locale"/> (navigator.languages).
    /// Content Security Policy reports and uncaught script errors are collected in <paramref name="problems"/>.</summary>
    public static async Task<IPage> NewPage(string locale = "en-US", List<string>? problems = null, int width = 1280, int height = 900)
    {
        var context = await (await Browser()).NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        if (problems != null)
        {
            page.Console += (_, m) => { if (m.Type == "error" || m.Text.Contains("Content Security Policy")) lock (problems) problems.Add(m.Text); };
            page.PageError += (_, e) => { lock (problems) problems.Add(e); };
        }
        return page;
    }

    /// <summary>Opens the page at <paramref name="url"/> and signs in through the form.</summary>
    public static async Task SignIn(IPage page, string url, string user, string password)
    {
        await page.GotoAsync(url);
        await page.FillAsync("#login-user", user);
        await page.FillAsync("#login-pass", password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("#nav")).ToBeVisibleAsync();
    }

    public static async Task Close(IPage page) => await page.Context.CloseAsync();
}
