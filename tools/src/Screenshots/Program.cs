using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DoorController.Screenshots;

/// <summary>
/// tools/screenshots [DEMO-EXECUTABLE] [OUT-DIR]: starts the demo (broker, server, the Fig 8 building of virtual
/// controllers, every scenario), waits for its admin page, signs in and saves each view in English and Japanese as a
/// PNG (docs/images/console-VIEW-LANG.png), then stops the demo. Exit status 0 only if every view was captured.
/// </summary>
public static class Program
{
    private static readonly (string Name, string Hash, string Ready)[] Views =
    {
        ("doors", "#/doors", ".door-card"),
        ("presence", "#/presence", "#presence-tree .area"),
        ("people", "#/people", "#users tr"),
        ("person", "#/people/{alice}", "#credentials tr"),
        // One person's history: the filter applied and that person's day drawn as a timeline.
        ("history", "#/history/user/{alice}", "#timeline-chart .mark"),
        ("alerts", "#/alerts", "#alerts tr"),
        ("policies", "#/policies", "#attribute-policies"),
    };

    public static async Task<int> Main(string[] args)
    {
        string demo = args.Length > 0 ? args[0] : ".work/artifacts-demo/bin/Demo/release/doorctl-demo";
        string outDir = args.Length > 1 ? args[1] : "docs/images";
        Directory.CreateDirectory(outDir);
        int port = FreePort();
        var psi = new ProcessStartInfo(demo, "--port " + port) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + demo);
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine("demo: " + e.Data); };
        process.BeginErrorReadLine();
        try
        {
            var (url, passwordFile) = await WaitForPage(process, TimeSpan.FromMinutes(10));
            string password = (await File.ReadAllTextAsync(passwordFile)).Trim();
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true, Args = new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking" },
            });
            int saved = 0;
            foreach (string lang in new[] { "en", "ja" })
            {
                // The page's language follows the browser's; a landscape tablet at a guard desk.
                var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    Locale = lang == "ja" ? "ja-JP" : "en-GB", ViewportSize = new ViewportSize { Width = 1180, Height = 820 }, TimezoneId = "Asia/Tokyo",
                });
                var page = await context.NewPageAsync();
                page.SetDefaultTimeout(20_000);
                await page.GotoAsync(url);
                await page.FillAsync("#login-user", "admin");
                await page.FillAsync("#login-pass", password);
                await page.ClickAsync("#login-form button[type=submit]");
                await page.Locator("#nav").WaitForAsync();
                string alice = await page.EvaluateAsync<string>("async () => (await (await fetch('/api/users')).json()).find(u => u.name.startsWith('Alice')).id");
                foreach (var (name, hash, ready) in Views)
                {
                    await page.EvaluateAsync("h => { location.hash = h; }", hash.Replace("{alice}", alice));
                    await page.Locator(ready).First.WaitForAsync();
                    await page.WaitForTimeoutAsync(400); // let a poll settle so the picture is not half drawn
                    string file = Path.Combine(outDir, "console-" + name + "-" + lang + ".png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = name == "history" });
                    Console.WriteLine(file + " (" + new FileInfo(file).Length / 1024 + " KiB)");
                    saved++;
                }
                await context.CloseAsync();
            }
            return saved == Views.Length * 2 ? 0 : 1;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            // The demo keeps its data in a temporary directory it removes only when it ends by itself.
            try { Directory.Delete(Path.Combine(Path.GetTempPath(), "doorctl-demo-" + process.Id), true); } catch (IOException) { }
        }
    }

    /// <summary>Reads the demo's output until it prints the admin page's address and the password file.</summary>
    private static async Task<(string Url, string PasswordFile)> WaitForPage(Process process, TimeSpan timeout)
    {
        var pattern = new Regex(@"Admin page: (\S+)\s+\(user admin, password in (\S+)\)");
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line = await process.StandardOutput.ReadLineAsync(cts.Token);
            if (line == null) throw new InvalidOperationException("the demo ended before its admin page was up");
            Console.WriteLine("demo: " + line);
            var m = pattern.Match(line);
            if (m.Success)
            {
                // Keep draining the demo's output so it never blocks on a full pipe.
                _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() != null) { } });
                return (m.Groups[1].Value, m.Groups[2].Value);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
