using System;
using System.Collections.Generic;

namespace DoorController.Server.Storage
{
    /// <summary>
    /// Versioned schema: numbered scripts applied in order, each in its own transaction, recorded in
    /// <c>schema_migrations</c>. Scripts are written once with tokens for the dialect differences:
    /// <c>{id}</c> an auto-increment 64-bit primary key, <c>{blob}</c> binary, <c>{real}</c> a double,
    /// <c>{append-only:TABLE}</c> triggers that refuse changing or deleting TABLE's rows, and <c>{sqlite}...{/sqlite}</c>,
    /// <c>{postgres}...{/postgres}</c> statements for one database only (SQLite rebuilds a table to change what
    /// PostgreSQL alters in place).
    /// Times are Unix milliseconds (BIGINT) everywhere so neither database's time zone rules apply.
    /// </summary>
    public static class Migrations
    {
        public static readonly string[] Scripts =
        {
            // 1: the patent's tables (Fig 3A-3D, 7, 9A, 9B) plus admins, presence, alerts, device keys and caches.
            @"
CREATE TABLE admins (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
  role TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, admin_id TEXT NOT NULL REFERENCES admins(id),
  expires_at BIGINT NOT NULL);
CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE areas (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE devices (id TEXT PRIMARY KEY, name TEXT NOT NULL, location TEXT NOT NULL, usage TEXT NOT NULL,
  area_id TEXT REFERENCES areas(id), address TEXT, latitude {real}, longitude {real},
  device_key TEXT NOT NULL, cache_version BIGINT NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL);
CREATE TABLE doors (id TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id), name TEXT NOT NULL,
  area_id TEXT REFERENCES areas(id), created_at BIGINT NOT NULL);
CREATE TABLE readers (id TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id),
  door_id TEXT REFERENCES doors(id), name TEXT NOT NULL, usage TEXT NOT NULL, location TEXT,
  latitude {real}, longitude {real}, created_at BIGINT NOT NULL);
CREATE TABLE fraud_policies (reader_id TEXT NOT NULL REFERENCES readers(id), attribute TEXT NOT NULL,
  fraud_on_violation INTEGER NOT NULL, PRIMARY KEY (reader_id, attribute));
CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, attribute TEXT NOT NULL, title TEXT,
  contact TEXT, inviter_id TEXT REFERENCES users(id), valid_from BIGINT, valid_until BIGINT,
  revoked INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);
CREATE TABLE credentials (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), method TEXT NOT NULL,
  hash TEXT NOT NULL, one_time INTEGER NOT NULL DEFAULT 0, used_at BIGINT, valid_from BIGINT,
  valid_until BIGINT, revoked INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, UNIQUE (method, hash));
CREATE TABLE schedules (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), title TEXT NOT NULL,
  location TEXT NOT NULL, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL);
CREATE TABLE permissions (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
  reader_id TEXT NOT NULL REFERENCES readers(id), created_at BIGINT NOT NULL, UNIQUE (user_id, reader_id));
CREATE TABLE permission_windows (id {id}, permission_id TEXT NOT NULL REFERENCES permissions(id),
  days_mask INTEGER NOT NULL, start_minute INTEGER NOT NULL, end_minute INTEGER NOT NULL);
CREATE TABLE notification_routes (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
  reader_id TEXT NOT NULL REFERENCES readers(id), channel TEXT NOT NULL, target TEXT NOT NULL,
  content TEXT NOT NULL);
CREATE TABLE access_log (id {id}, device_id TEXT NOT NULL, event_id BIGINT NOT NULL, reader_id TEXT,
  user_id TEXT, method TEXT, direction TEXT, granted INTEGER NOT NULL, reason TEXT NOT NULL,
  source TEXT NOT NULL, occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL, UNIQUE (device_id, event_id));
CREATE INDEX access_log_user_time ON access_log (user_id, occurred_at);
CREATE INDEX access_log_time ON access_log (occurred_at);
CREATE TABLE presence (user_id TEXT PRIMARY KEY REFERENCES users(id), state TEXT NOT NULL, reader_id TEXT,
  area_id TEXT, updated_at BIGINT NOT NULL);
CREATE TABLE alerts (id {id}, created_at BIGINT NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
  user_id TEXT, device_id TEXT, reader_id TEXT, log_id BIGINT, message TEXT NOT NULL,
  acknowledged_by TEXT, acknowledged_at BIGINT);
CREATE TABLE cache_deltas (device_id TEXT NOT NULL REFERENCES devices(id), version BIGINT NOT NULL,
  kind TEXT NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (device_id, version));
CREATE TABLE commands (id {id}, device_id TEXT NOT NULL REFERENCES devices(id), door_id TEXT, command TEXT NOT NULL,
  issued_by TEXT NOT NULL, issued_at BIGINT NOT NULL, published INTEGER NOT NULL DEFAULT 0);
",
            // 2: audit of admin actions (who changed what), kept apart from the access log and not purged with it.
            @"
CREATE TABLE audit_log (id {id}, at BIGINT NOT NULL, admin_id TEXT NOT NULL, action TEXT NOT NULL,
  subject TEXT NOT NULL);
",
            // 3: the decision core and the wire protocol identify users, readers, doors and areas by int; this
            // table gives every server id a stable number (a user's number is also its QR/BLE user-ref).
            // events_acked: highest journal sequence stored per controller (the cumulative ack).
            @"
CREATE TABLE numeric_ids (num {id}, ref TEXT NOT NULL UNIQUE);
ALTER TABLE devices ADD COLUMN events_acked BIGINT NOT NULL DEFAULT 0;
ALTER TABLE access_log ADD COLUMN fraud INTEGER NOT NULL DEFAULT 0;
ALTER TABLE access_log ADD COLUMN retro_checked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE access_log ADD COLUMN journal_id BIGINT;
ALTER TABLE access_log ADD COLUMN credential_hash TEXT;
ALTER TABLE areas ADD COLUMN parent_id TEXT;
CREATE TABLE device_events (device_id TEXT NOT NULL, event_id BIGINT NOT NULL, type TEXT NOT NULL,
  payload TEXT NOT NULL, occurred_at BIGINT NOT NULL, PRIMARY KEY (device_id, event_id));
",
            // 4: where a schedule entry takes place, so the schedule check (Fig 7) can compare it with a reader.
            @"
ALTER TABLE schedules ADD COLUMN latitude {real};
ALTER TABLE schedules ADD COLUMN longitude {real};
",
            // 5: replay looks events up by the journal id an online row was linked to; without the index every
            // lookup scanned the controller's rows (replay went quadratic).
            @"
CREATE INDEX access_log_journal ON access_log (device_id, journal_id);
CREATE INDEX access_log_pending ON access_log (retro_checked, occurred_at);
",
            // 6: the audit trail records who (id, name and role: the account may be deleted later), from where, and
            // the result of each call in a second append-only table written when the call ends. Sign-in failures
            // per account and per client address, for the growing back-off.
            @"
ALTER TABLE audit_log ADD COLUMN admin_name TEXT;
ALTER TABLE audit_log ADD COLUMN role TEXT;
ALTER TABLE audit_log ADD COLUMN address TEXT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TABLE audit_results (audit_id BIGINT PRIMARY KEY REFERENCES audit_log(id), at BIGINT NOT NULL,
  status INTEGER NOT NULL, outcome TEXT NOT NULL, detail TEXT);
CREATE TABLE sign_in_throttle (subject TEXT PRIMARY KEY, failures INTEGER NOT NULL, blocked_until BIGINT NOT NULL,
  last_failure_at BIGINT NOT NULL);
",
            // 7: the audit trail is append-only in the database itself, not only by convention in the code.
            @"
{append-only:audit_log}
{append-only:audit_results}
",
            // 8: unlock time per door (NULL: the site default) and extended unlock for people who need longer; fraud
            // policies per attribute set once for the whole site (Fig 9A), guards exempt from the start; the list of
            // changes per controller goes (bundles are diffed in memory against the last one sent, and the list kept
            // every credential hash it ever carried).
            @"
ALTER TABLE doors ADD COLUMN unlock_ms INTEGER;
ALTER TABLE users ADD COLUMN extended_access INTEGER NOT NULL DEFAULT 0;
CREATE TABLE site_policies (attribute TEXT PRIMARY KEY, fraud_on_violation INTEGER NOT NULL);
INSERT INTO site_policies (attribute, fraud_on_violation) VALUES ('guard', 0);
DROP TABLE cache_deltas;
",
            // 9: the last decision-request nonce accepted per controller, so a replayed request is refused after a
            // server restart too (docs/protocol.md, "Replay rules").
            @"
ALTER TABLE devices ADD COLUMN request_nonce BIGINT NOT NULL DEFAULT 0;
",
            // 10: each controller's board flash size (Contract.BoardFlash: the largest bundle it can install) and why
            // the last bundle for it was refused, if it was.
            @"
ALTER TABLE devices ADD COLUMN flash_mb INTEGER NOT NULL DEFAULT 4;
ALTER TABLE devices ADD COLUMN sync_error TEXT;
",
            // 11: an online decision's row names the controller's request id; the controller journals the same id, so
            // its replayed event links to that row instead of becoming a second, anonymous one (docs/events.md).
            @"
ALTER TABLE access_log ADD COLUMN request_id TEXT;
CREATE INDEX access_log_request ON access_log (device_id, request_id);
",
            // 12: what the controllers report (their retained status and last will, command results, refused
            // messages), the site's holidays (Fig 3C windows with the holiday bit), who forgave whose presence and
            // why, and the note written when an alert is acknowledged.
            @"
CREATE TABLE controller_status (device_id TEXT PRIMARY KEY REFERENCES devices(id), state TEXT NOT NULL,
  firmware TEXT, cache_version BIGINT, journal_depth INTEGER, mode TEXT, door TEXT, lock_state TEXT,
  time_state TEXT, clock_uncertain INTEGER NOT NULL DEFAULT 1, uptime_s BIGINT, last_seen BIGINT NOT NULL,
  state_since BIGINT NOT NULL, door_since BIGINT NOT NULL);
CREATE TABLE controller_errors (id {id}, device_id TEXT NOT NULL REFERENCES devices(id), at BIGINT NOT NULL,
  topic TEXT NOT NULL, error TEXT NOT NULL);
CREATE INDEX controller_errors_device ON controller_errors (device_id, id);
ALTER TABLE commands ADD COLUMN result TEXT;
ALTER TABLE commands ADD COLUMN result_at BIGINT;
CREATE TABLE holidays (day TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE presence_amnesties (id {id}, at BIGINT NOT NULL, user_id TEXT, area_id TEXT, people INTEGER NOT NULL,
  granted_by TEXT NOT NULL, note TEXT);
ALTER TABLE alerts ADD COLUMN acknowledged_note TEXT;
",
            // 13: the cache version each controller last reported (sync request or result), shared by every server
            // instance, so the one that pushes bundles after a change (the leader) knows who is behind whichever
            // instance heard the controller.
            @"
CREATE TABLE controller_sync (device_id TEXT PRIMARY KEY REFERENCES devices(id), installed BIGINT NOT NULL, updated_at BIGINT NOT NULL);
",
            // 14: with several instances, presence per (person, area number) as the decision core keeps it (nested
            // areas: an entry moves the person into the area and its parents), read under the person's lock.
            @"
CREATE TABLE area_presence (user_id TEXT NOT NULL REFERENCES users(id), area INTEGER NOT NULL, inside INTEGER NOT NULL, updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, area));
",
            // 15: with several instances, each decision request's nonce as it is accepted, inside the decision's
            // transaction: the key refuses the same sealed request consumed by a second instance, while one
            // controller's requests may commit out of order on different instances. Rows older than an hour are
            // folded into devices.request_nonce by the retention purge (below it, every request is refused).
            @"
CREATE TABLE request_nonces (device_id TEXT NOT NULL REFERENCES devices(id), nonce BIGINT NOT NULL, accepted_at BIGINT NOT NULL,
  PRIMARY KEY (device_id, nonce));
",
            // 16: indexes for the lookups made per person (writing a permission replaces its windows; a person's
            // credentials, routes and schedules): without them each is a scan of the whole table, and a CSV import of
            // thousands of people took minutes.
            @"
CREATE INDEX permission_windows_permission ON permission_windows (permission_id);
CREATE INDEX credentials_user ON credentials (user_id);
CREATE INDEX notification_routes_user ON notification_routes (user_id, reader_id);
CREATE INDEX schedules_user ON schedules (user_id);
CREATE INDEX permissions_reader ON permissions (reader_id);
",
            // 17: whether a door has a contact (then a person's presence moves when the door opens, patent S116, not on
            // the grant), and what became of each grant at such a door: 'awaiting' the controller's report, 'opened'
            // (presence moved) or 'not-opened' (granted, nobody passed); NULL where presence moved on the grant.
            @"
ALTER TABLE doors ADD COLUMN has_contact INTEGER NOT NULL DEFAULT 0;
ALTER TABLE access_log ADD COLUMN passage TEXT;
",
            // 18: key types and duress codes: a credential may be a person's duress code, or a key valid for some
            // minutes after its first use (used_at then holds the earliest use known, online or replayed); a reader
            // may want card + PIN during some windows (seconds between the two factors, and the windows).
            @"
ALTER TABLE credentials ADD COLUMN duress INTEGER NOT NULL DEFAULT 0;
ALTER TABLE credentials ADD COLUMN minutes_after_first_use INTEGER;
ALTER TABLE readers ADD COLUMN card_pin_seconds INTEGER;
CREATE TABLE reader_card_pin_windows (id {id}, reader_id TEXT NOT NULL REFERENCES readers(id),
  days_mask INTEGER NOT NULL, start_minute INTEGER NOT NULL, end_minute INTEGER NOT NULL);
",
            // 19: with several instances, a card + PIN first factor waiting for its second (per person and reader
            // number), read and written under the person's lock, so the second factor may be decided by another
            // instance than the first.
            @"
CREATE TABLE pending_factors (user_id TEXT NOT NULL REFERENCES users(id), reader INTEGER NOT NULL, is_pin INTEGER NOT NULL, at BIGINT NOT NULL,
  PRIMARY KEY (user_id, reader));
",
            // 20: the journal and pending indexes hold only the rows they are searched for. Online rows have no journal id
            // until their controller replays them and are never pending, yet each one put an entry into both indexes:
            // the journal index's entry at a random place (by controller), one b-tree page more written per online
            // decision (docs/benchmarks.md, online).
            @"
DROP INDEX access_log_journal;
CREATE INDEX access_log_journal ON access_log (device_id, journal_id) WHERE journal_id IS NOT NULL;
DROP INDEX access_log_pending;
CREATE INDEX access_log_pending ON access_log (occurred_at) WHERE retro_checked = 0;
",
            // 21: a journalled decision carries the credential's 7-byte hash prefix (docs/events.md): the prefix as it came
            // and how the server mapped it to the person's credential ('prefix', 'ambiguous', 'unknown'; NULL for a whole hash).
            @"
ALTER TABLE access_log ADD COLUMN credential_prefix TEXT;
ALTER TABLE access_log ADD COLUMN credential_match TEXT;
",
            // 22: first-person-in (office mode): a person may be designated to start it; a door has the weekly
            // windows during which a designated entry holds it unlocked until the window's end.
            @"
ALTER TABLE users ADD COLUMN office_mode INTEGER NOT NULL DEFAULT 0;
CREATE TABLE door_office_windows (id {id}, door_id TEXT NOT NULL REFERENCES doors(id),
  days_mask INTEGER NOT NULL, start_minute INTEGER NOT NULL, end_minute INTEGER NOT NULL);
",
            // 23: the last nonce accepted per controller and upstream track (sync request and result, clock request, error
            // report, status, last will, command result), claimed by one conditional upsert before the message is acted on:
            // a message captured earlier is refused after a restart of the server and by every other instance.
            // Decision requests keep devices.request_nonce and request_nonces (written with each committed batch).
            @"
CREATE TABLE wire_nonces (device_id TEXT NOT NULL REFERENCES devices(id), track TEXT NOT NULL, nonce BIGINT NOT NULL,
  accepted_at BIGINT NOT NULL, PRIMARY KEY (device_id, track));
",
            // 24: a controller's second door (door2.*): its contact, lock and mode as the status reports them, and the server's
            // numbers of the doors the status describes (door-id, door2-id), so each state is shown at its own door.
            @"
ALTER TABLE controller_status ADD COLUMN door_number BIGINT;
ALTER TABLE controller_status ADD COLUMN door2 TEXT;
ALTER TABLE controller_status ADD COLUMN lock2_state TEXT;
ALTER TABLE controller_status ADD COLUMN mode2 TEXT;
ALTER TABLE controller_status ADD COLUMN door2_number BIGINT;
ALTER TABLE controller_status ADD COLUMN door2_since BIGINT;
",
            // 25: the key that makes a (controller, event id) one row is ordered by event id first, falling. Online rows'
            // ids are the server's, taken from one falling sequence (Cluster/OnlineEventIds), so each online row's key lands
            // on the index's last page, shared by the whole batch, instead of on its controller's page: one b-tree page fewer
            // written per online decision (docs/benchmarks.md, online). Lookups name both columns, so every one still uses
            // it. SQLite cannot drop a table's own UNIQUE constraint: the table is copied (ids and the id sequence kept).
            @"
{sqlite}
CREATE TABLE access_log_rebuilt (id {id}, device_id TEXT NOT NULL, event_id BIGINT NOT NULL, reader_id TEXT,
  user_id TEXT, method TEXT, direction TEXT, granted INTEGER NOT NULL, reason TEXT NOT NULL,
  source TEXT NOT NULL, occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL, fraud INTEGER NOT NULL DEFAULT 0,
  retro_checked INTEGER NOT NULL DEFAULT 0, journal_id BIGINT, credential_hash TEXT, request_id TEXT, passage TEXT,
  credential_prefix TEXT, credential_match TEXT);
INSERT INTO access_log_rebuilt (id, device_id, event_id, reader_id, user_id, method, direction, granted, reason, source,
  occurred_at, received_at, fraud, retro_checked, journal_id, credential_hash, request_id, passage, credential_prefix, credential_match)
  SELECT id, device_id, event_id, reader_id, user_id, method, direction, granted, reason, source,
  occurred_at, received_at, fraud, retro_checked, journal_id, credential_hash, request_id, passage, credential_prefix, credential_match FROM access_log;
DELETE FROM sqlite_sequence WHERE name = 'access_log_rebuilt';
INSERT INTO sqlite_sequence (name, seq) SELECT 'access_log_rebuilt', seq FROM sqlite_sequence WHERE name = 'access_log';
DROP TABLE access_log;
ALTER TABLE access_log_rebuilt RENAME TO access_log;
CREATE INDEX access_log_user_time ON access_log (user_id, occurred_at);
CREATE INDEX access_log_time ON access_log (occurred_at);
CREATE INDEX access_log_request ON access_log (device_id, request_id);
CREATE INDEX access_log_journal ON access_log (device_id, journal_id) WHERE journal_id IS NOT NULL;
CREATE INDEX access_log_pending ON access_log (occurred_at) WHERE retro_checked = 0;
{/sqlite}
{postgres}
ALTER TABLE access_log DROP CONSTRAINT access_log_device_id_event_id_key;
{/postgres}
CREATE UNIQUE INDEX access_log_event ON access_log (event_id DESC, device_id);
",
            // 26: on SQLite (one instance) the last decision-request nonce accepted per controller moves to a table of its own,
            // a few pages for every controller of a site: the writer stores it with each batch, and a batch of 20 rows wrote
            // about 13 of the devices table's pages (its rows are wide) where it now writes 2-3. PostgreSQL keeps request_nonces
            // and their floor devices.request_nonce (Cluster/SerialisedDecisions).
            @"
{sqlite}
CREATE TABLE decision_nonces (device_id TEXT PRIMARY KEY REFERENCES devices(id), nonce BIGINT NOT NULL) WITHOUT ROWID;
INSERT INTO decision_nonces (device_id, nonce) SELECT id, request_nonce FROM devices WHERE request_nonce > 0;
{/sqlite}
",
        };

        /// <summary>Brings the schema to the newest version; returns how many scripts were applied now.</summary>
        public static int Apply(Database db)
        {
            if (db.Dialect != SqlDialect.Postgres) return ApplyUnlocked(db);
            // Several instances may start at once on one database: one migrates, the others wait and find it done.
            using (var c = db.OpenDedicated())
            using (var cmd = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(" + MigrationLockKey + ")", c))
            {
                cmd.ExecuteNonQuery();
                return ApplyUnlocked(db);
            }
        }

        /// <summary>The advisory lock key migrations hold on PostgreSQL ("doormigr").</summary>
        public const long MigrationLockKey = 0x646f6f726d696772;

        private static int ApplyUnlocked(Database db)
        {
            db.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            long current = db.QuerySingle("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").Long("v");
            int applied = 0;
            for (int i = (int)current; i < Scripts.Length; i++)
            {
                int version = i + 1;
                string script = Translate(Scripts[i], db.Dialect);
                db.InTransaction(tx =>
                {
                    foreach (string statement in Statements(script))
                    {
                        tx.Execute(statement);
                    }
                    tx.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)",
                        new { v = (long)version, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
                });
                applied++;
            }
            return applied;
        }

        public static string Translate(string script, SqlDialect dialect)
        {
            bool pg = dialect == SqlDialect.Postgres;
            script = System.Text.RegularExpressions.Regex.Replace(script, @"\{(sqlite|postgres)\}(.*?)\{/\1\}",
                m => (m.Groups[1].Value == "postgres") == pg ? m.Groups[2].Value : "", System.Text.RegularExpressions.RegexOptions.Singleline);
            script = System.Text.RegularExpressions.Regex.Replace(script, @"\{append-only:(\w+)\}", m => AppendOnly(m.Groups[1].Value, pg));
            return script
                .Replace("{id}", pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT")
                .Replace("{blob}", pg ? "BYTEA" : "BLOB")
                .Replace("{real}", pg ? "DOUBLE PRECISION" : "REAL");
        }

        /// <summary>Statements end with ';' at the end of a line, so a trigger body written on one line keeps its own
        /// semicolons.</summary>
        public static IEnumerable<string> Statements(string script)
        {
            foreach (string statement in System.Text.RegularExpressions.Regex.Split(script, @";[ \t]*(?:\r?\n|$)"))
            {
                if (statement.Trim().Length > 0) yield return statement;
            }
        }

        /// <summary>Triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on <paramref name="table"/>.</summary>
        private static string AppendOnly(string table, bool pg)
        {
            if (pg)
            {
                return "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;\n" +
                    "CREATE TRIGGER " + table + "_append_only BEFORE UPDATE OR DELETE ON " + table + " FOR EACH ROW EXECUTE FUNCTION refuse_change();\n" +
                    "CREATE TRIGGER " + table + "_no_truncate BEFORE TRUNCATE ON " + table + " FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();\n";
            }
            return "CREATE TRIGGER " + table + "_no_update BEFORE UPDATE ON " + table + " BEGIN SELECT RAISE(ABORT, '" + table + " is append-only'); END;\n" +
                "CREATE TRIGGER " + table + "_no_delete BEFORE DELETE ON " + table + " BEGIN SELECT RAISE(ABORT, '" + table + " is append-only'); END;\n";
        }

        public static IReadOnlyList<long> AppliedVersions(Database db)
        {
            var list = new List<long>();
            foreach (var r in db.Query("SELECT version FROM schema_migrations ORDER BY version"))
            {
                list.Add(r.Long("version"));
            }
            return list;
        }
    }
}
