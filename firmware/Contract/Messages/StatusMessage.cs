namespace DoorController.Contract
{
    /// <summary>
    /// Controller status on dc/v1/dev/&lt;id&gt;/status (retained, QoS 1). The broker publishes <see cref="Offline"/>
    /// as the last will when the controller vanishes, so the retained value always tells the truth. Both carry the
    /// message MAC and a nonce; the will is signed when the connection is made, with that connection's nonce. The door
    /// and lock fields make the status change whenever the door does, so a guard desk sees a forced door at once.
    /// </summary>
    public sealed class StatusMessage
    {
        public const string OnlineState = "online";
        public const string OfflineState = "offline";

        public long Nonce;
        /// <summary>"online", or "offline" in the last will (which carries only its nonce besides).</summary>
        public string State = OnlineState;
        public string Firmware;
        public long CacheVersion;
        public int JournalDepth;
        public string Mode;
        /// <summary>The door contact: "closed", "open", "held" (open too long) or "forced" (opened without a grant).</summary>
        public string Door;
        /// <summary>The lock relay: "locked" or "unlocked".</summary>
        public string Lock;
        /// <summary>A controller with a second door: its contact and lock, as <see cref="Door"/> and <see cref="Lock"/>
        /// (null and absent from the message otherwise).</summary>
        public string Door2;
        public string Lock2;
        /// <summary>The second door's mode, as <see cref="Mode"/> (a command may name one door).</summary>
        public string Mode2;
        /// <summary>The server's numbers of the doors (door.id, door2.id) the door fields describe; 0 (absent): not set.</summary>
        public int DoorId;
        public int Door2Id;
        public string TimeState;
        public long UptimeSeconds;
        public long At;
        public bool ClockUncertain;

        public byte[] ToJson()
        {
            Json.JsonWriter json = LinkJson.Begin()
                .Number("nonce", Nonce)
                .String("state", OnlineState)
                .String("fw", Firmware)
                .Number("cache-version", CacheVersion)
                .Number("journal-depth", JournalDepth)
                .String("mode", Mode)
                .String("door", Door)
                .String("lock", Lock);
            if (DoorId > 0)
            {
                json.Number("door-id", DoorId);
            }
            if (Door2 != null)
            {
                json.String("door2", Door2).String("lock2", Lock2).String("mode2", Mode2).Number("door2-id", Door2Id); // only with a second door
            }
            return json
                .String("time", TimeState)
                .Number("uptime-s", UptimeSeconds)
                .Number("at", At)
                .Bool("clock-uncertain", ClockUncertain)
                .EndObject().ToBytes();
        }

        /// <summary>The last-will payload (before sealing).</summary>
        public static byte[] Offline(long nonce)
        {
            return LinkJson.Begin().Number("nonce", nonce).String("state", OfflineState).EndObject().ToBytes();
        }

        /// <summary>Reads a status or a last will; only "nonce" and "state" are required (a last will has nothing else).</summary>
        public static bool TryParse(byte[] payload, out StatusMessage status, out string error)
        {
            status = null;
            Json.JsonObject o;
            if (!LinkJson.TryOpen(payload, out o, out error))
            {
                return false;
            }
            StatusMessage s = new StatusMessage();
            long depth, doorId, door2Id;
            if (!LinkJson.RequireLong(o, "nonce", out s.Nonce, ref error)
                || !LinkJson.RequireString(o, "state", out s.State, ref error)
                || !LinkJson.OptionalString(o, "fw", out s.Firmware, ref error)
                || !LinkJson.OptionalLong(o, "cache-version", 0, out s.CacheVersion, ref error)
                || !LinkJson.OptionalLong(o, "journal-depth", 0, out depth, ref error)
                || !LinkJson.OptionalString(o, "mode", out s.Mode, ref error)
                || !LinkJson.OptionalString(o, "door", out s.Door, ref error)
                || !LinkJson.OptionalString(o, "lock", out s.Lock, ref error)
                || !LinkJson.OptionalLong(o, "door-id", 0, out doorId, ref error)
                || !LinkJson.OptionalString(o, "door2", out s.Door2, ref error)
                || !LinkJson.OptionalString(o, "lock2", out s.Lock2, ref error)
                || !LinkJson.OptionalString(o, "mode2", out s.Mode2, ref error)
                || !LinkJson.OptionalLong(o, "door2-id", 0, out door2Id, ref error)
                || !LinkJson.OptionalString(o, "time", out s.TimeState, ref error)
                || !LinkJson.OptionalLong(o, "uptime-s", 0, out s.UptimeSeconds, ref error)
                || !LinkJson.OptionalLong(o, "at", 0, out s.At, ref error))
            {
                return false;
            }
            if (s.State != OnlineState && s.State != OfflineState)
            {
                error = "\"state\" must be online or offline";
                return false;
            }
            if (depth < 0 || depth > int.MaxValue)
            {
                error = "\"journal-depth\" is out of range";
                return false;
            }
            if (doorId < 0 || doorId > int.MaxValue || door2Id < 0 || door2Id > int.MaxValue)
            {
                error = "\"door-id\" or \"door2-id\" is out of range";
                return false;
            }
            s.JournalDepth = (int)depth;
            s.DoorId = (int)doorId;
            s.Door2Id = (int)door2Id;
            // Absent (a last will) means nothing is known about the clock.
            s.ClockUncertain = true;
            if (o.Has("clock-uncertain") && !o.IsNull("clock-uncertain") && !LinkJson.RequireBool(o, "clock-uncertain", out s.ClockUncertain, ref error))
            {
                return false;
            }
            status = s;
            return true;
        }
    }
}
