using System.Net;
using System.Text;
using DoorController.Server.Services;
using Xunit;
using static DoorController.TestSupport.ServerTestHost;

using DoorController.TestSupport;

namespace DoorController.ServerTests;

/// <summary>
/// People in bulk as CSV: an import creates every row with its credentials (hashed), inviter (also one from the same
/// file) and door permissions, or, with one bad row, nothing at all and the row's number in the answer; the export
/// lists methods and doors in the site's time, never a credential value or hash.
/// </summary>
public sealed class PeopleCsvTests : IDisposable
{
    private readonly ServerTestHost _server = new();
    private readonly ServerServices _s;
    private readonly HttpClient _admin;
    private readonly string _door;

    public PeopleCsvTests()
    {
        _s = _server.Host.Services;
        _admin = _server.SignedIn();
        var (device, _) = _s.Devices.Register(new DeviceInput("Gate", "lobby", "both", null, null, null, null));
        _door = _s.Devices.AddDoor(device, "Main entrance", null);
        _s.Devices.AddReader(device, new ReaderInput(_door, "In", "entry", null, null, null));
        _s.Devices.AddReader(device, new ReaderInput(_door, "Out", "exit", null, null, null));
    }

    private HttpResponseMessage Import(string csv) => _admin.PostAsync("/api/people/import", Json(new { csv })).Result;

    [Fact]
    public void An_Import_Creates_Every_Row_Or_Nothing()
    {
        string csv = "\uFEFFname,attribute,title,valid_from,valid_until,inviter,credentials,doors\r\n" +
            "山田 花子,employee,\"Sales, Tokyo\",2025-04-01,,,nfc:04A1B2C3; pin:2468,Main entrance\r\n" +
            "Guest Gus,guest,,2025-11-20 09:00,2025-11-20,山田 花子,qr,Main entrance\r\n";
        var res = Import(csv);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        Assert.Equal(2, Parse(res).GetProperty("created").GetArrayLength());
        var hanako = _server.Host.Store.Db.QuerySingle("SELECT id, title, valid_from FROM users WHERE name = '山田 花子'")!;
        Assert.Equal("Sales, Tokyo", hanako.Str("title"));
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds(), hanako.Long("valid_from"));
        Assert.Equal(_s.Context.Hasher.Hash("nfc", "04A1B2C3"), _server.Host.Store.Db.QuerySingle("SELECT hash FROM credentials WHERE user_id = @u AND method = 'nfc'", new { u = hanako.Str("id") })!.Str("hash"));
        Assert.Equal(2, _server.Host.Store.Db.QuerySingle("SELECT COUNT(*) AS n FROM permissions WHERE user_id = @u", new { u = hanako.Str("id") })!.Long("n"));
        var gus = _server.Host.Store.Db.QuerySingle("SELECT inviter_id, valid_until FROM users WHERE name = 'Guest Gus'")!;
        Assert.Equal(hanako.Str("id"), gus.Str("inviter_id"));
        Assert.Equal(new DateTimeOffset(2025, 11, 21, 0, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds(), gus.Long("valid_until")); // through the end of that day

        long users = _server.Count("users"), credentials = _server.Count("credentials");
        var refused = Import("name,attribute,doors\nCarol,employee,Main entrance\nDave,employee,Back door\n");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("csv record 3", refused.Content.ReadAsStringAsync().Result);
        Assert.Equal(HttpStatusCode.Conflict, Import("name,attribute,credentials\nEve,employee,nfc:04A1B2C3\n").StatusCode); // Hanako's card
        Assert.Contains("csv record 2", Import("name,attribute,credentials\nFay,employee,nfc\n").Content.ReadAsStringAsync().Result);
        Assert.Contains("unknown column", Import("name,attribute,salary\nGil,employee,1\n").Content.ReadAsStringAsync().Result);
        Assert.Contains("never closed", Import("name,attribute\n\"Hal,employee\n").Content.ReadAsStringAsync().Result);
        Assert.Equal((users, credentials), (_server.Count("users"), _server.Count("credentials")));
    }

    [Fact]
    public void The_Export_Lists_Methods_And_Doors_Never_Values()
    {
        _s.Users.Register(new UserInput("@Mallory", "contractor", "cleaner", "+81 3 0000", null, new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds(), null,
            new List<CredentialInput> { new("nfc", "04FF0001"), new("pin", "97531") }, null));
        Assert.Equal(HttpStatusCode.Created, Import("name,attribute,credentials,doors\nIvy,employee,nfc:04AB0001,Main entrance\n").StatusCode);
        var res = _admin.GetAsync("/api/people/export").Result;
        Assert.Equal("text/csv", res.Content.Headers.ContentType!.MediaType);
        string text = Encoding.UTF8.GetString(res.Content.ReadAsByteArrayAsync().Result).TrimStart('\uFEFF');
        Assert.True(Csv.TryParse(text, out var records, out _));
        Assert.Equal(PeopleCsv.Columns, records[0]);
        var mallory = records.Single(r => r[0] == "'@Mallory");
        Assert.Equal(new[] { "'@Mallory", "contractor", "cleaner", "'+81 3 0000", "2025-01-01 08:00", "", "", "nfc; pin", "" }, mallory);
        Assert.Equal("Main entrance", records.Single(r => r[0] == "Ivy")[8]);
        Assert.DoesNotContain("04FF0001", text);
        Assert.DoesNotContain("97531", text);
        Assert.DoesNotContain(_s.Context.Hasher.Hash("nfc", "04FF0001"), text, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }
}
