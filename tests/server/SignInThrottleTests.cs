using System.Net;
using DoorController.Server.Services;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// Sign-in throttling through the real API on a server whose clock the test moves: free failures, then 429 with a
/// Retry-After that doubles, the right password refused while the pause lasts, per account and per address, a burst
/// of parallel guesses that gets no more tries than a slow one, an alert, and every attempt in the audit trail.
/// </summary>
public sealed class SignInThrottleTests : IDisposable
{
    private readonly ServerManualTime _time = new(DateTimeOffset.UtcNow);
    private readonly ServerTestHost _server;

    public SignInThrottleTests()
    {
        _server = new ServerTestHost(o => o.Time = _time);
        _client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(_server.Url) };
    }

    /// <summary>A script's sign-in: no cookie jar, so each attempt stands alone.</summary>
    private readonly HttpClient _client;

    private HttpResponseMessage Login(string user, string password) =>
        _client.PostAsync("/api/auth/login", Json(new { username = user, password })).Result;

    private static long RetryAfter(HttpResponseMessage res) => (long)res.Headers.RetryAfter!.Delta!.Value.TotalSeconds;

    [Fact]
    public void The_Back_Off_Schedule_Doubles_From_One_Second_Up_To_Fifteen_Minutes()
    {
        int free = SignInThrottle.AccountFreeFailures;
        Assert.Equal(TimeSpan.Zero, SignInThrottle.BackOff(free - 1, free));
        Assert.Equal(TimeSpan.FromSeconds(1), SignInThrottle.BackOff(free, free));
        Assert.Equal(TimeSpan.FromSeconds(2), SignInThrottle.BackOff(free + 1, free));
        Assert.Equal(TimeSpan.FromSeconds(512), SignInThrottle.BackOff(free + 9, free));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.BackOff(free + 10, free));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.BackOff(1000, free));
    }

    [Fact]
    public void After_Five_Failures_The_Account_Answers_429_Even_To_The_Right_Password_Until_The_Growing_Pause_Ends()
    {
        for (int i = 0; i < SignInThrottle.AccountFreeFailures; i++) Assert.Equal(HttpStatusCode.Unauthorized, Login("admin", "wrong-" + i).StatusCode);

        var paused = Login("admin", AdminPassword);
        Assert.Equal((HttpStatusCode)429, paused.StatusCode);
        Assert.Equal(1, RetryAfter(paused));
        Assert.Contains("too many failed sign-ins", Parse(paused).GetProperty("error").GetString());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, Login("admin", "wrong-again").StatusCode); // the 6th failure: 2 s
        var longer = Login("admin", AdminPassword);
        Assert.Equal((HttpStatusCode)429, longer.StatusCode);
        Assert.Equal(2, RetryAfter(longer));
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal((HttpStatusCode)429, Login("admin", AdminPassword).StatusCode);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(HttpStatusCode.OK, Login("admin", AdminPassword).StatusCode);
        // Success ends the account's streak: the next mistake is free again.
        Assert.Equal(HttpStatusCode.Unauthorized, Login("admin", "typo-typo").StatusCode);
        Assert.Equal(HttpStatusCode.OK, Login("admin", AdminPassword).StatusCode);

        // Logged: an alert when the limit was reached, and each attempt in the audit trail with its result.
        Assert.Single(_server.Host.Services.Alerts.List(true, 50), a => a.Str("kind") == "sign-in-failures" && a.Str("message")!.Contains("'admin'"));
        var audit = _server.Host.Store.Db.Query("SELECT l.action, l.subject, l.address, r.status, r.detail FROM audit_log l JOIN audit_results r ON r.audit_id = l.id WHERE l.action = 'POST /api/auth/login' ORDER BY l.id");
        Assert.Equal(new long[] { 401, 401, 401, 401, 401, 429, 401, 429, 429, 200, 401, 200 }, audit.Select(r => r.Long("status")));
        Assert.All(audit, r => Assert.Equal("127.0.0.1", r.Str("address")));
        Assert.All(audit, r => Assert.Contains("account 'admin'", r.Str("detail")));
    }

    [Fact]
    public void Unknown_Names_Are_Throttled_Like_Real_Ones_And_An_Address_Is_Paused_After_Twenty_Failures()
    {
        for (int i = 0; i < SignInThrottle.AccountFreeFailures; i++) Assert.Equal(HttpStatusCode.Unauthorized, Login("ghost", "pw-" + i).StatusCode);
        Assert.Equal((HttpStatusCode)429, Login("ghost", "pw-x").StatusCode); // no hint that 'ghost' does not exist

        // Spraying many names from one address: each name stays under its own limit, the address does not.
        for (int i = SignInThrottle.AccountFreeFailures; i < SignInThrottle.AddressFreeFailures; i++) Assert.Equal(HttpStatusCode.Unauthorized, Login("name" + i, "pw-pw-pw").StatusCode);
        var paused = Login("admin", AdminPassword);
        Assert.Equal((HttpStatusCode)429, paused.StatusCode);
        Assert.Equal(1, RetryAfter(paused));
        Assert.Contains(_server.Host.Services.Alerts.List(true, 50), a => a.Str("kind") == "sign-in-failures" && a.Str("message")!.Contains("from 127.0.0.1"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, Login("admin", AdminPassword).StatusCode);
    }

    [Fact]
    public void A_Burst_Of_Parallel_Guesses_Gets_No_More_Password_Checks_Than_The_Free_Limit()
    {
        var tasks = Enumerable.Range(0, 40).Select(i => _client.PostAsync("/api/auth/login", Json(new { username = "admin", password = "guess-" + i }))).ToArray();
        Task.WaitAll(tasks);
        var statuses = tasks.Select(t => (int)t.Result.StatusCode).ToList();
        Assert.Equal(SignInThrottle.AccountFreeFailures, statuses.Count(s => s == 401));
        Assert.Equal(40 - SignInThrottle.AccountFreeFailures, statuses.Count(s => s == 429));
        Assert.Equal((HttpStatusCode)429, Login("admin", AdminPassword).StatusCode);
    }

    [Fact]
    public void A_Wrong_Current_Password_When_Changing_It_Counts_As_A_Failed_Sign_In()
    {
        var admin = _server.SignedIn();
        for (int i = 0; i < SignInThrottle.AccountFreeFailures; i++)
        {
            var res = admin.PostAsync("/api/auth/password", Json(new { currentPassword = "not-it-" + i, newPassword = "new-password-1" })).Result;
            Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        }
        var paused = admin.PostAsync("/api/auth/password", Json(new { currentPassword = AdminPassword, newPassword = "new-password-1" })).Result;
        Assert.Equal((HttpStatusCode)429, paused.StatusCode);
        Assert.Equal((HttpStatusCode)429, Login("admin", AdminPassword).StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }
}
