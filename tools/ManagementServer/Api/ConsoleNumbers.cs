using System.Collections.Generic;
using DoorController.Server.Storage;

namespace DoorController.Server.Api
{
    /// <summary>
    /// What a technician types at a controller's console for its door and readers (docs/provisioning.md): the
    /// server's numbers for them, and the board's flash size as registered, as commands ready to copy. Readers are listed with their numbers; which one
    /// sits on which channel (nfc, wiegand, qr, ble) is the installer's wiring.
    /// </summary>
    public static class ConsoleNumbers
    {
        public static object Of(Database db, string deviceId)
        {
            var device = db.QuerySingle("SELECT id, name, flash_mb FROM devices WHERE id = @d", new { d = deviceId });
            if (device == null) throw ApiException.NotFound("device", deviceId);
            var doors = new List<object>();
            // The flash size given at registration reaches the board only if typed: the controller reports its own
            // setting in every sync request, and the server then sizes its cache by that.
            var commands = new List<string> { "set device " + deviceId, "set flash-mb " + device.Long("flash_mb") };
            foreach (var o in db.Query("SELECT o.id, o.name, n.num FROM doors o JOIN numeric_ids n ON n.ref = o.id WHERE o.device_id = @d ORDER BY n.num", new { d = deviceId }))
            {
                doors.Add(new { id = o.Str("id"), name = o.Str("name"), number = o.Long("num") });
                if (doors.Count == 1) commands.Add("set door-id " + o.Long("num"));
            }
            var readers = new List<object>();
            foreach (var r in db.Query("SELECT r.id, r.name, r.usage, n.num FROM readers r JOIN numeric_ids n ON n.ref = r.id WHERE r.device_id = @d ORDER BY n.num", new { d = deviceId }))
            {
                readers.Add(new { id = r.Str("id"), name = r.Str("name"), usage = r.Str("usage"), number = r.Long("num") });
                commands.Add("set reader-id <nfc|wiegand|qr|ble> " + r.Long("num") + "   # " + r.Str("name"));
            }
            return new { device = deviceId, name = device.Str("name"), doors, readers, commands };
        }
    }
}
