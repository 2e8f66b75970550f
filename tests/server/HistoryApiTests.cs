using System.Net;
using System.Text;
using System.Text.Json;
using DoorController.Server.Services;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// The history as the console reads it: names for people, doors, readers and controllers; each filter returning
/// exactly its rows; a cursor that pages through everything once, in order, while new rows arrive; the day timeline;
/// and the CSV export holding the same rows in the site's time zone, with spreadsheet formulas defused. The passages
/// are offline ones, one row each: the assertions hold whatever the server does about online passages.
/// </summary>
public sealed class HistoryApiTests : IDisposable
{
    private readonly ServerTestHost _server = new();
    private readonly ServerServices _s;
    private readonly HttpClient _guard;
    private readonly string _gate, _lab, _gateDoor, _labDoor, _gateIn, _gateOut, _labIn, _alice, _bob;
    /// <summary>2025-11-20 09:00 in Tokyo.</summary>
    private static readonly long T0 = new DateTimeOffset(2025, 11, 20, 9, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds();
    private readonly List<(long Id, long At, string User, string Reader, string Method, bool Granted)> _rows = new();

    public HistoryApiTests()
    {
        _s = _server.Host.Services;
        (_gate, _) = _s.Devices.Register(new DeviceInput("Gate controller", "entrance", "both", null, null, null, null));
        (_lab, _) = _s.Devices.Register(new DeviceInput("Lab controller", "3F", "both", null, null, null, null));
        _gateDoor = _s.Devices.AddDoor(_gate, "Main entrance", null);
        _labDoor = _s.Devices.AddDoor(_lab, "Lab door", null);
        _gateIn = _s.Devices.AddReader(_gate, new ReaderInput(_gateDoor, "Entrance in", "entry", null, null, null));
        _gateOut = _s.Devices.AddReader(_gate, new ReaderInput(_gateDoor, "Entrance out", "exit", null, null, null));
        _labIn = _s.Devices.AddReader(_lab, new ReaderInput(_labDoor, "Lab in", "entry", null, null, null));
        _alice = _s.Users.Register(new UserInput("Alice", "employee", null, null, null, null, null, null, null));
        _bob = _s.Users.Register(new UserInput("=HYPERLINK(\"http://evil\")", "contractor", null, null, null, null, null, null, null));
        // One passage a minute: Alice in by card, to the lab by PIN, refused at the lab by face, out by QR; Bob in and refused.
        Add(_gate, _gateIn, _alice, "nfc", "entry", true, "granted", 0);
        Add(_lab, _labIn, _alice, "pin", "entry", true, "granted", 1);
        Add(_lab, _labIn, _alice, "face", "entry", false, "outside-time-window", 2);
        Add(_gate, _gateIn, _bob, "nfc", "entry", true, "granted", 3);
        Add(_gate, _gateOut, _alice, "qr", "exit", true, "granted", 4);
        Add(_lab, _labIn, _bob, "nfc", "entry", false, "no-permission", 5);
        Add(_gate, _gateIn, null, "nfc", "entry", false, "unknown-credential", 6);
        Add(_gate, _gateIn, _alice, "nfc", "entry", true, "granted", 24 * 60); // the next day
        _s.Admins.Create("desk", "desk-password-1", "guard");
        _guard = _server.SignedIn("desk", "desk-password-1");
    }

    private long _eventId;

    private void Add(string device, string reader, string? user, string method, string direction, bool granted, string reason, int minute)
    {
        long at = T0 + minute * 60_000L;
        long id = _s.Log.Record(new AccessEvent(device, ++_eventId, reader, user!, method, direction, granted, reason, "offline", at, _eventId, true))!.Value;
        _rows.Add((id, at, user ?? "", reader, method, granted));
    }

    private JsonElement Get(string path) => Parse(_guard.GetAsync(path).Result);

    private long[] Ids(string q) => Get("/api/history" + q).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();

    /// <summary>The expected ids for a predicate, newest first.</summary>
    private long[] Expected(Func<(long Id, long At, string User, string Reader, string Method, bool Granted), bool> keep) =>
        _rows.Where(keep).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id).ToArray();

    [Fact]
    public void Every_Filter_Returns_Exactly_Its_Rows_With_Names()
    {
        Assert.Equal(Expected(_ => true), Ids(""));
        Assert.Equal(Expected(r => r.User == _alice), Ids("?userId=" + _alice));
        Assert.Equal(Expected(r => r.Reader == _labIn), Ids("?doorId=" + _labDoor));
        Assert.Equal(Expected(r => r.Reader != _labIn), Ids("?deviceId=" + _gate));
        Assert.Equal(Expected(r => r.Method == "nfc"), Ids("?method=nfc"));
        Assert.Equal(Expected(r => !r.Granted), Ids("?result=denied"));
        Assert.Equal(Expected(r => r.User == _alice && r.Granted && r.Method == "nfc"), Ids("?userId=" + _alice + "&result=granted&method=nfc"));
        long from = T0 + 60_000, to = T0 + 5 * 60_000;
        Assert.Equal(Expected(r => r.At >= from && r.At < to), Ids("?from=" + from + "&to=" + to));

        var row = Get("/api/history?userId=" + _alice + "&method=pin").GetProperty("rows")[0];
        Assert.Equal("Alice", row.GetProperty("userName").GetString());
        Assert.Equal("Lab door", row.GetProperty("doorName").GetString());
        Assert.Equal("Lab in", row.GetProperty("readerName").GetString());
        Assert.Equal("Lab controller", row.GetProperty("deviceName").GetString());
        Assert.Equal("entry", row.GetProperty("direction").GetString());
        Assert.Equal("offline", row.GetProperty("source").GetString());
        Assert.Equal("checked", row.GetProperty("afterTheFact").GetString());
        Assert.DoesNotContain("hash", Get("/api/history").ToString(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.BadRequest, _guard.GetAsync("/api/history?method=carrier-pigeon").Result.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, _guard.GetAsync("/api/history?result=maybe").Result.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, _guard.GetAsync("/api/history?before=yesterday").Result.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, _guard.GetAsync("/api/history?limit=501").Result.StatusCode);
    }

    [Fact]
    public void The_Cursor_Pages_Through_Every_Row_Once_In_Order_Even_As_New_Rows_Arrive()
    {
        var seen = new List<long>();
        string? next = null;
        int pages = 0;
        do
        {
            var page = Get("/api/history?limit=3" + (next == null ? "" : "&before=" + next));
            seen.AddRange(page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").GetString();
            if (pages++ == 0) Add(_gate, _gateIn, _alice, "ble", "entry", true, "granted", 60 * 48); // newer than every page: not in this walk
        } while (next != null);
        Assert.Equal(3, pages);
        Assert.Equal(Expected(r => r.Method != "ble"), seen.ToArray());
    }

    [Fact]
    public void A_Day_Timeline_Holds_That_Days_Passages_In_Time_Order()
    {
        long day = new DateTimeOffset(2025, 11, 20, 0, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds();
        var rows = Get("/api/history/timeline?from=" + day + "&to=" + (day + 86_400_000) + "&userId=" + _alice).GetProperty("rows");
        Assert.Equal(_rows.Where(r => r.User == _alice && r.At < day + 86_400_000).OrderBy(r => r.At).Select(r => r.Id), rows.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, _guard.GetAsync("/api/history/timeline?from=" + day).Result.StatusCode); // half a range
        Assert.Equal(HttpStatusCode.OK, _guard.GetAsync("/api/history/timeline").Result.StatusCode); // today
        Assert.Equal(HttpStatusCode.BadRequest, _guard.GetAsync("/api/history/timeline?from=0&to=" + day).Result.StatusCode);
    }

    [Fact]
    public void The_Csv_Export_Holds_Exactly_The_Filtered_Rows_In_Site_Time_With_Formulas_Defused()
    {
        var res = _guard.GetAsync("/api/history/export?result=granted&doorId=" + _gateDoor).Result;
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("text/csv", res.Content.Headers.ContentType!.MediaType);
        byte[] bytes = res.Content.ReadAsByteArrayAsync().Result;
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // UTF-8 mark for spreadsheets
        string[] lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"" + string.Join("\",\"", HistoryQuery.ExportColumns) + "\"", lines[0].TrimEnd('\r'));
        Assert.True(Csv.TryParse(string.Join("\n", lines.Skip(1)), out var records, out _));
        var expected = Expected(r => r.Granted && r.Reader != _labIn);
        Assert.Equal(expected, records.Select(r => long.Parse(r[^1])));
        var first = records.Single(r => long.Parse(r[^1]) == _rows[0].Id);
        Assert.Equal("2025-11-20T09:00:00+09:00", first[0]);
        Assert.Equal(new[] { "Alice", "employee", "Main entrance", "Entrance in", "Gate controller", "nfc", "entry", "granted", "granted", "offline", "checked" }, first[1..12]);
        Assert.Contains(records, r => r[1] == "'=HYPERLINK(\"http://evil\")"); // a name is never run as a spreadsheet formula
    }

    public void Dispose()
    {
        _guard.Dispose();
        _server.Dispose();
    }
}
