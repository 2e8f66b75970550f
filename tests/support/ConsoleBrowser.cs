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
    /// Content Security Policy reports, uncaught script errors and refused requests are collected in <paramref name="problems"/>.</summary>
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
            void Add(string problem) { lock (problems) problems.Add(problem); }
            // Failed requests are reported by the response handler (with their address), not by the console line.
            page.Console += (_, m) => { if ((m.Type == "error" && !m.Text.StartsWith("Failed to load resource")) || m.Text.Contains("Content Security Policy")) Add(m.Text); };
            page.PageError += (_, e) => Add(e);
            page.Response += (_, r) =>
            {
                // Not signed in yet, or a wrong password typed on purpose: the only refusals a page may meet.
                bool expected = r.Status == 401 && (r.Url.EndsWith("/api/auth/me", StringComparison.Ordinal) || r.Url.EndsWith("/api/auth/login", StringComparison.Ordinal));
                if (r.Status >= 400 && !expected) Add(r.Status + " " + r.Request.Method + " " + r.Url);
            };
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
