using System;
using System.Collections.Generic;
using DoorController.LocalBroker;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Device management (Fig 3D/9A): controllers (S11 new id, key and broker identity, S12 location and usage), their
    /// doors (with the unlock time) and readers, areas nested in areas, and the fraud-detection policy per reader and
    /// user attribute. Each change bumps the cache version of the controllers that carry what changed.
    /// </summary>
    public sealed class DeviceRegistry
    {
        public const int MinUnlockMilliseconds = 500;
        public const int MaxUnlockMilliseconds = 120000;
        /// <summary>Areas nest this deep at most (site, building, floor, wing, room...); deeper is a mistake.</summary>
        public const int MaxAreaDepth = 16;

        private readonly ServerContext _ctx;
        private readonly CacheVersions _versions;
        private readonly DeviceKeyring _keyring;

        public DeviceRegistry(ServerContext ctx, CacheVersions versions, DeviceKeyring keyring)
        {
            _ctx = ctx;
            _versions = versions;
            _keyring = keyring;
        }

        /// <summary>The broker's dynamic-security administrator; null when the server does not manage broker identities.</summary>
        public DynsecControl BrokerAdmin { get; set; }

        /// <summary>A new area, inside <paramref name="parentId"/> (null: directly in the site).</summary>
        public string AddArea(string name, string parentId = null)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw ApiException.BadRequest("name is required (1-200 characters)");
            string id = Ids.New("a");
            _ctx.Db.InTransaction(tx =>
            {
                RequireArea(tx, parentId);
                if (parentId != null && DepthOf(tx, parentId) + 1 >= MaxAreaDepth) throw ApiException.BadRequest("areas nest at most " + MaxAreaDepth + " deep");
                tx.Execute("INSERT INTO areas (id, name, parent_id, created_at) VALUES (@id, @n, @p, @now)", new { id, n = name.Trim(), p = parentId, now = _ctx.NowMs });
                NumericIds.Assign(tx, id);
                _versions.BumpAll(tx);
            });
            return id;
        }

        /// <summary>Moves an area under another (null: directly in the site). An area cannot end up inside itself.</summary>
        public void SetAreaParent(string areaId, string parentId)
        {
            _ctx.Db.InTransaction(tx =>
            {
                if (tx.QuerySingle("SELECT id FROM areas WHERE id = @a", new { a = areaId }) == null) throw ApiException.NotFound("area", areaId);
                RequireArea(tx, parentId);
                // Walking up from the new parent must not meet the area itself.
                for (string at = parentId; at != null; at = tx.QuerySingle("SELECT parent_id FROM areas WHERE id = @a", new { a = at })?.Str("parent_id"))
                {
                    if (at == areaId) throw ApiException.Conflict("area " + parentId + " is inside " + areaId + ": that would make a cycle");
                }
                if (parentId != null && DepthOf(tx, parentId) + 1 + HeightOf(tx, areaId) >= MaxAreaDepth) throw ApiException.BadRequest("areas nest at most " + MaxAreaDepth + " deep");
                tx.Execute("UPDATE areas SET parent_id = @p WHERE id = @a", new { p = parentId, a = areaId });
                _versions.BumpAll(tx);
            });
        }

        /// <summary>Areas above <paramref name="areaId"/> (0 for one directly in the site).</summary>
        private static int DepthOf(Tx tx, string areaId)
        {
            int depth = 0;
            for (string at = tx.QuerySingle("SELECT parent_id FROM areas WHERE id = @a", new { a = areaId })?.Str("parent_id");
                 at != null && depth <= MaxAreaDepth;
                 at = tx.QuerySingle("SELECT parent_id FROM areas WHERE id = @a", new { a = at })?.Str("parent_id"))
            {
                depth++;
            }
            return depth;
        }

        /// <summary>Levels of areas below <paramref name="areaId"/> (0 for a leaf).</summary>
        private static int HeightOf(Tx tx, string areaId, int guard = 0)
        {
            if (guard > MaxAreaDepth) return guard;
            int height = 0;
            foreach (var child in tx.Query("SELECT id FROM areas WHERE parent_id = @a", new { a = areaId }))
            {
                height = System.Math.Max(height, 1 + HeightOf(tx, child.Str("id"), guard + 1));
            }
            return height;
        }

        /// <summary>
        /// S11-S12. Creates the controller's broker identity first (when the server manages the broker), then the row;
        /// if either fails nothing is left behind. The key and the broker password are shown to the installer once; the key is stored
        /// only sealed under the master key.
        /// </summary>
        public DeviceRegistration Register(DeviceInput d)
        {
            if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 200) throw ApiException.BadRequest("name is required (1-200 characters)");
            if (string.IsNullOrWhiteSpace(d.Location) || d.Location.Length > 200) throw ApiException.BadRequest("location is required (1-200 characters)");
            if (!Vocabulary.Contains(Vocabulary.Usages, d.Usage)) throw ApiException.BadRequest("usage must be one of: entry, exit, both");
            CheckCoordinates(d.Latitude, d.Longitude);
            if (!DoorController.Contract.BoardFlash.IsSupported(d.FlashMegabytes)) throw ApiException.BadRequest("flashMb must be 4, 8 or 16 (the board's flash size in MB)");
            string id = Ids.New("d");
            byte[] key = Ids.NewDeviceKey();
            BrokerLogin login = null;
            DynsecControl admin = BrokerAdmin;
            if (admin != null)
            {
                try
                {
                    login = admin.CreateController(id, d.Name.Trim());
                }
                catch (BrokerAdminException e)
                {
                    throw new ApiException(503, "the controller's broker identity could not be created (" + e.Reason + "); nothing was registered");
                }
            }
            try
            {
                _ctx.Db.InTransaction(tx =>
                {
                    RequireArea(tx, d.AreaId);
                    tx.Execute("INSERT INTO devices (id, name, location, usage, area_id, address, latitude, longitude, device_key, cache_version, revoked, created_at, flash_mb) " +
                        "VALUES (@id, @n, @l, @u, @a, @addr, @lat, @lon, @k, 0, 0, @now, @f)",
                        new { id, n = d.Name.Trim(), l = d.Location.Trim(), u = d.Usage, a = d.AreaId, addr = d.Address, lat = d.Latitude, lon = d.Longitude, k = _ctx.DeviceKeys.Seal(id, key), now = _ctx.NowMs, f = d.FlashMegabytes });
                });
            }
            catch (Exception)
            {
                if (login != null) RemoveBrokerIdentity(id);
                throw;
            }
            _keyring.Forget(id);
            _ctx.Changed();
            return new DeviceRegistration(id, DoorController.Core.Hex.Encode(key), login);
        }

        /// <param name="unlockMilliseconds">How long a grant releases this door's lock; null uses the site default (5 s).</param>
        /// <param name="hasContact">The door has a contact its controller reads: a person's presence moves when the door
        /// opens, not on the grant.</param>
        public string AddDoor(string deviceId, string name, string areaId, int? unlockMilliseconds = null, bool hasContact = false)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw ApiException.BadRequest("name is required (1-200 characters)");
            CheckUnlock(unlockMilliseconds);
            return _ctx.Db.InTransaction(tx =>
            {
                RequireDevice(tx, deviceId);
                RequireArea(tx, areaId);
                string id = Ids.New("o");
                NumericIds.Assign(tx, id);
                tx.Execute("INSERT INTO doors (id, device_id, name, area_id, unlock_ms, has_contact, created_at) VALUES (@id, @d, @n, @a, @u, @c, @now)",
                    new { id, d = deviceId, n = name.Trim(), a = areaId, u = (long?)unlockMilliseconds, c = hasContact, now = _ctx.NowMs });
                _versions.Bump(tx, deviceId);
                return id;
            });
        }

        /// <summary>Sets how long a grant releases the door (null: back to the site default); the controller gets it with its next bundle.</summary>
        public void SetDoorUnlock(string doorId, int? unlockMilliseconds)
        {
            CheckUnlock(unlockMilliseconds);
            _ctx.Db.InTransaction(tx =>
            {
                var door = tx.QuerySingle("SELECT device_id FROM doors WHERE id = @o", new { o = doorId });
                if (door == null) throw ApiException.NotFound("door", doorId);
                tx.Execute("UPDATE doors SET unlock_ms = @u WHERE id = @o", new { u = (long?)unlockMilliseconds, o = doorId });
                _versions.Bump(tx, door.Str("device_id"));
            });
        }

        /// <summary>Says whether the door has a contact its controller reads (presence then moves when the door opens);
        /// the controller gets it with its next bundle, and the server applies it to the grants decided from then on.</summary>
        public void SetDoorContact(string doorId, bool hasContact)
        {
            _ctx.Db.InTransaction(tx =>
            {
                var door = tx.QuerySingle("SELECT device_id FROM doors WHERE id = @o", new { o = doorId });
                if (door == null) throw ApiException.NotFound("door", doorId);
                tx.Execute("UPDATE doors SET has_contact = @c WHERE id = @o", new { c = hasContact, o = doorId });
                _versions.Bump(tx, door.Str("device_id"));
            });
        }

        private static void CheckUnlock(int? unlockMilliseconds)
        {
            if (unlockMilliseconds.HasValue && (unlockMilliseconds < MinUnlockMilliseconds || unlockMilliseconds > MaxUnlockMilliseconds))
            {
                throw ApiException.BadRequest("unlockMs must be " + MinUnlockMilliseconds + "-" + MaxUnlockMilliseconds + " (or null for the site default)");
            }
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
                _versions.Bump(tx, deviceId);
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
                _versions.Bump(tx, reader.Str("device_id"));
            });
        }

        /// <summary>
        /// Revokes the controller and deletes its broker identity (the broker disconnects it at once). Returns false
        /// when the broker could not be reached: the identity is then deleted when the server next connects
        /// (<see cref="RemoveRevokedBrokerIdentities"/>).
        /// </summary>
        public bool Revoke(string deviceId)
        {
            int n = _ctx.Db.InTransaction(tx =>
            {
                // Its replay guard goes with it: nothing of a revoked controller is accepted again (registering the
                // board anew gives it a new id and key, whose tracks start empty).
                tx.Execute("DELETE FROM wire_nonces WHERE device_id = @d", new { d = deviceId });
                return tx.Execute("UPDATE devices SET revoked = 1 WHERE id = @d", new { d = deviceId });
            });
            if (n == 0) throw ApiException.NotFound("device", deviceId);
            _keyring.Forget(deviceId);
            _ctx.Changed();
            return BrokerAdmin == null || RemoveBrokerIdentity(deviceId);
        }

        /// <summary>Deletes the broker identities of every revoked controller (idempotent; run at each broker connect).</summary>
        public void RemoveRevokedBrokerIdentities()
        {
            if (BrokerAdmin == null) return;
            foreach (Row row in _ctx.Db.Query("SELECT id FROM devices WHERE revoked = 1"))
            {
                if (!RemoveBrokerIdentity(row.Str("id"))) return;
            }
        }

        private bool RemoveBrokerIdentity(string deviceId)
        {
            try
            {
                BrokerAdmin.DeleteIdentity(BrokerRoles.ControllerUser(deviceId));
                return true;
            }
            catch (BrokerAdminException e)
            {
                Console.Error.WriteLine("broker identity of " + deviceId + " not removed yet: " + e.Message);
                return false;
            }
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
