using System;
using System.Text;
using DoorController.Core;
using DoorController.Contract;
using DoorController.Server.Api;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Remote unlock / lockdown / release / normal / resync: recorded, then published on the controller's command topic as
    /// the link's CommandMessage, signed with that controller's key over (device, counter, time, request id, command,
    /// door). The counter is the command's issue time in milliseconds, made unique per controller (one more than that
    /// controller's previous command when two share a millisecond), so it only grows and a replayed command is refused
    /// by the controller (firmware/Link/Commands/CommandAuthenticator) — and it keeps growing after the database is
    /// restored from a backup, where a row id would start again below what the controller last accepted.
    /// </summary>
    public sealed class RemoteCommands
    {
        private readonly ServerContext _ctx;

        public RemoteCommands(ServerContext ctx)
        {
            _ctx = ctx;
        }

        public IMessagePublisher Publisher { get; set; } = new NullPublisher();

        public (long Id, bool Published) Issue(string deviceId, string doorId, string command, string issuedBy)
        {
            if (!Vocabulary.Contains(Vocabulary.Commands, command)) throw ApiException.BadRequest("command must be one of: " + string.Join(", ", Vocabulary.Commands));
            var device = _ctx.Db.QuerySingle("SELECT device_key, revoked FROM devices WHERE id = @d", new { d = deviceId });
            if (device == null) throw ApiException.NotFound("device", deviceId);
            if (device.Bool("revoked")) throw ApiException.Conflict("device '" + deviceId + "' is revoked");
            // A remote unlock holds the door as long as a badge would: the door's unlock time (for every door of the
            // controller: the longest), else the site default.
            var door = _ctx.Db.QuerySingle("SELECT COUNT(*) AS n, MAX(unlock_ms) AS unlock_ms FROM doors WHERE device_id = @d AND (@o IS NULL OR id = @o)",
                new { d = deviceId, o = doorId });
            if (doorId != null && door.Long("n") == 0)
            {
                throw ApiException.NotFound("door on this device", doorId);
            }
            long unlockMilliseconds = door.NLong("unlock_ms") ?? DoorController.Access.AccessOptions.DefaultUnlockMillisecondsValue;
            long now = _ctx.NowMs;
            var (id, counter) = _ctx.Db.InTransaction(tx =>
            {
                long last = tx.QuerySingle("SELECT COALESCE(MAX(issued_at), 0) AS t FROM commands WHERE device_id = @d", new { d = deviceId }).Long("t");
                long issuedAt = Math.Max(now, last + 1);
                long rowId = tx.QuerySingle("INSERT INTO commands (device_id, door_id, command, issued_by, issued_at, published) VALUES (@d, @o, @c, @b, @t, 0) RETURNING id",
                    new { d = deviceId, o = doorId, c = command, b = issuedBy, t = issuedAt }).Long("id");
                return (rowId, issuedAt);
            });
            var message = new CommandMessage
            {
                RequestId = "cmd-" + id,
                Command = command,
                Door = doorId == null ? 0 : Storage.NumericIds.Of(_ctx.Db, doorId),
                DurationMilliseconds = command == "unlock" ? unlockMilliseconds : 0,
                Counter = counter,
                IssuedAt = now / 1000,
            };
            message.Sign(_ctx.DeviceKeys.Open(deviceId, device.Str("device_key")), deviceId);
            bool published = Publisher.Publish(new LinkTopics(deviceId).Command, Encoding.UTF8.GetString(message.ToJson()));
            if (published) _ctx.Db.Execute("UPDATE commands SET published = 1 WHERE id = @i", new { i = id });
            return (id, published);
        }
    }
}
