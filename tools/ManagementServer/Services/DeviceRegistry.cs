using System.Collections.Generic;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Device management (Fig 3D/9A): controllers (S11 new id and key, S12 location and usage), their doors and
    /// readers, areas, and the fraud-detection policy per reader and user attribute.
    /// </summary>
    public sealed class DeviceRegistry
    {
        private readonly ServerContext _ctx;
        private readonly CacheDeltas _deltas;

        public DeviceRegistry(ServerContext ctx, CacheDeltas deltas)
        {
            _ctx = ctx;
            _deltas = deltas;
        }

        public string AddArea(string name)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw ApiException.BadRequest("name is required (1-200 characters)");
            string id = Ids.New("a");
            _ctx.Db.InTransaction(tx =>
            {
                tx.Execute("INSERT INTO areas (id, name, created_at) VALUES (@id, @n, @now)", new { id, n = name.Trim(), now = _ctx.NowMs });
                NumericIds.Assign(tx, id);
            });
            _ctx.Changed();
            return id;
        }

        /// <summary>S11-S12. Returns the new id and the device key; the key is shown to the installer once.</summary>
        public (string Id, string Key) Register(DeviceInput d)
        {
            if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 200) throw ApiException.BadRequest("name is required (1-200 characters)");
            if (string.IsNullOrWhiteSpace(d.Location) || d.Location.Length > 200) throw ApiException.BadRequest("location is required (1-200 characters)");
            if (!Vocabulary.Contains(Vocabulary.Usages, d.Usage)) throw ApiException.BadRequest("usage must be one of: entry, exit, both");
            CheckCoordinates(d.Latitude, d.Longitude);
            if (!DoorController.Contract.BoardFlash.IsSupported(d.FlashMegabytes)) throw ApiException.BadRequest("flashMb must be 4, 8 or 16 (the board's flash size in MB)");
            return _ctx.Db.InTransaction(tx =>
            {
                RequireArea(tx, d.AreaId);
                string id = Ids.New("d");
                string key = Ids.NewDeviceKey();
                tx.Execute("INSERT INTO devices (id, name, location, usage, area_id, address, latitude, longitude, device_key, cache_version, revoked, created_at, flash_mb) " +
                    "VALUES (@id, @n, @l, @u, @a, @addr, @lat, @lon, @k, 0, 0, @now, @f)",
                    new { id, n = d.Name.Trim(), l = d.Location.Trim(), u = d.Usage, a = d.AreaId, addr = d.Address, lat = d.Latitude, lon = d.Longitude, k = key, now = _ctx.NowMs, f = d.FlashMegabytes });
                _ctx.Changed();
                return (id, key);
            });
        }

        public string AddDoor(string deviceId, string name, string areaId)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw ApiException.BadRequest("name is required (1-200 characters)");
            return _ctx.Db.InTransaction(tx =>
            {
                RequireDevice(tx, deviceId);
                RequireArea(tx, areaId);
                string id = Ids.New("o");
                NumericIds.Assign(tx, id);
                tx.Execute("INSERT INTO doors (id, device_id, name, area_id, created_at) VALUES (@id, @d, @n, @a, @now)", new { id, d = deviceId, n = name.Trim(), a = areaId, now = _ctx.NowMs });
                _deltas.Record(tx, deviceId, "door.add", new { op = "door.add", door = id, name = name.Trim() });
                return id;
            });
        }

        public string AddReader(string deviceId, ReaderInput r)
        {
            if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 200) throw ApiException.BadRequest("name is required (1-200 characters)");
            if (!Vocabulary.Contains(Vocabulary.Usages, r.Usage)) throw ApiException.BadRequest("usage must be one of: entry, exit, both");
            CheckCoordinates(r.Latitude, r.Longitude);
            return _ctx.Db.InTransaction(tx =>
            {
                RequireDevice(tx, deviceId);
                if (r.DoorId != null && tx.QuerySingle("SELECT id FROM doors WHERE id = @o AND device_id = @d", new { o = r.DoorId, d = deviceId }) == null)
                {
                    throw ApiException.NotFound("door on this device", r.DoorId);
                }
                string id = Ids.New("r");
                NumericIds.Assign(tx, id);
                tx.Execute("INSERT INTO readers (id, device_id, door_id, name, usage, location, latitude, longitude, created_at) VALUES (@id, @d, @o, @n, @u, @l, @lat, @lon, @now)",
                    new { id, d = deviceId, o = r.DoorId, n = r.Name.Trim(), u = r.Usage, l = r.Location, lat = r.Latitude, lon = r.Longitude, now = _ctx.NowMs });
                _deltas.Record(tx, deviceId, "reader.add", new { op = "reader.add", reader = id, door = r.DoorId, usage = r.Usage });
                return id;
            });
        }

        /// <summary>Fig 9A / S217: whether an entry/exit violation by this attribute at this reader counts as fraud.</summary>
        public void SetFraudPolicy(string readerId, string attribute, bool fraudOnViolation)
        {
            if (!Vocabulary.Contains(Vocabulary.Attributes, attribute)) throw ApiException.BadRequest("attribute must be one of: " + string.Join(", ", Vocabulary.Attributes));
            _ctx.Db.InTransaction(tx =>
            {
                var reader = tx.QuerySingle("SELECT device_id FROM readers WHERE id = @r", new { r = readerId });
                if (reader == null) throw ApiException.NotFound("reader", readerId);
                tx.Execute("DELETE FROM fraud_policies WHERE reader_id = @r AND attribute = @a", new { r = readerId, a = attribute });
                tx.Execute("INSERT INTO fraud_policies (reader_id, attribute, fraud_on_violation) VALUES (@r, @a, @f)", new { r = readerId, a = attribute, f = fraudOnViolation });
                _deltas.Record(tx, reader.Str("device_id"), "policy.set", new { op = "policy.set", reader = readerId, attribute, fraud = fraudOnViolation });
            });
        }

        public void Revoke(string deviceId)
        {
            int n = _ctx.Db.Execute("UPDATE devices SET revoked = 1 WHERE id = @d", new { d = deviceId });
            if (n == 0) throw ApiException.NotFound("device", deviceId);
            _ctx.Changed();
        }

        public List<Row> DeltasSince(string deviceId, long since)
        {
            if (_ctx.Db.QuerySingle("SELECT id FROM devices WHERE id = @d", new { d = deviceId }) == null) throw ApiException.NotFound("device", deviceId);
            return _ctx.Db.Query("SELECT version, kind, payload, created_at FROM cache_deltas WHERE device_id = @d AND version > @s ORDER BY version", new { d = deviceId, s = since });
        }

        private static void CheckCoordinates(double? lat, double? lon)
        {
            if (lat.HasValue != lon.HasValue) throw ApiException.BadRequest("give both latitude and longitude or neither");
            if (lat.HasValue && (lat < -90 || lat > 90 || lon < -180 || lon > 180)) throw ApiException.BadRequest("latitude must be -90..90 and longitude -180..180");
        }

        private static void RequireArea(Tx tx, string areaId)
        {
            if (areaId != null && tx.QuerySingle("SELECT id FROM areas WHERE id = @a", new { a = areaId }) == null) throw ApiException.NotFound("area", areaId);
        }

        internal static void RequireDevice(Tx tx, string deviceId)
        {
            if (tx.QuerySingle("SELECT id FROM devices WHERE id = @d", new { d = deviceId }) == null) throw ApiException.NotFound("device", deviceId);
        }
    }
}
