using System.Text;
using System.Text.Json;
using DoorController.Core;
using DoorController.Server.Api;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Remote unlock / lockdown / release: recorded, then published on the controller's command topic with an
    /// HMAC under that controller's key so a device obeys only its own server (docs/security.md).
    /// </summary>
    public sealed class RemoteCommands
    {
        private readonly ServerContext _ctx;

        public RemoteCommands(ServerContext ctx)
        {
            _ctx = ctx;
        }

        public IMessagePublisher Publisher { get; set; } = new NullPublisher();

        /// <summary>Topic a controller listens on for commands.</summary>
        public static string TopicFor(string deviceId) => "doorctl/" + deviceId + "/cmd";

        public (long Id, bool Published) Issue(string deviceId, string doorId, string command, string issuedBy)
        {
            if (!Vocabulary.Contains(Vocabulary.Commands, command)) throw ApiException.BadRequest("command must be one of: unlock, lockdown, release");
            var device = _ctx.Db.QuerySingle("SELECT device_key, revoked FROM devices WHERE id = @d", new { d = deviceId });
            if (device == null) throw ApiException.NotFound("device", deviceId);
            if (device.Bool("revoked")) throw ApiException.Conflict("device '" + deviceId + "' is revoked");
            if (doorId != null && _ctx.Db.QuerySingle("SELECT id FROM doors WHERE id = @o AND device_id = @d", new { o = doorId, d = deviceId }) == null)
            {
                throw ApiException.NotFound("door on this device", doorId);
            }
            long now = _ctx.NowMs;
            long id = _ctx.Db.QuerySingle("INSERT INTO commands (device_id, door_id, command, issued_by, issued_at, published) VALUES (@d, @o, @c, @b, @t, 0) RETURNING id",
                new { d = deviceId, o = doorId, c = command, b = issuedBy, t = now }).Long("id");
            string body = JsonSerializer.Serialize(new { id, command, door = doorId, at = now });
            byte[] key;
            Hex.TryDecode(device.Str("device_key"), out key);
            string mac = Hex.Encode(KeyedHash.Compute(key, Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
            string message = "{\"body\":" + body + ",\"mac\":\"" + mac + "\"}";
            bool published = Publisher.Publish(TopicFor(deviceId), message);
            if (published) _ctx.Db.Execute("UPDATE commands SET published = 1 WHERE id = @i", new { i = id });
            return (id, published);
        }
    }
}
