using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using DoorController.Core;
using DoorController.Server.Api;
using DoorController.Server.Storage;

namespace DoorController.Server.Services
{
    /// <summary>
    /// Administrators and their sessions. Passwords are PBKDF2 hashes; a session token is 256 random bits given to
    /// the browser once and stored only as its SHA-256, so a database read does not yield a usable session.
    /// </summary>
    public sealed class AdminDirectory
    {
        public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);
        public const int MinPasswordLength = 8;
        private readonly ServerContext _ctx;

        public AdminDirectory(ServerContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>Creates the first admin if there is none. Returns the generated password, or null.</summary>
        public string Bootstrap(string username, string password)
        {
            if (_ctx.Db.QuerySingle("SELECT COUNT(*) AS n FROM admins").Long("n") > 0) return null;
            string generated = password == null ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) : null;
            Create(username, password ?? generated, "admin");
            return generated;
        }

        public string Create(string username, string password, string role)
        {
            if (string.IsNullOrWhiteSpace(username) || username.Length > 64) throw ApiException.BadRequest("username is required (1-64 characters)");
            if (password == null || password.Length < MinPasswordLength || password.Length > 256) throw ApiException.BadRequest("password must be " + MinPasswordLength + "-256 characters");
            if (!Vocabulary.Contains(Vocabulary.AdminRoles, role)) throw ApiException.BadRequest("role must be admin or guard");
            if (_ctx.Db.QuerySingle("SELECT id FROM admins WHERE username = @u", new { u = username }) != null) throw ApiException.Conflict("username '" + username + "' is taken");
            string id = Ids.New("adm");
            _ctx.Db.Execute("INSERT INTO admins (id, username, password_hash, role, created_at) VALUES (@id, @u, @h, @r, @now)",
                new { id, u = username, h = PasswordHasher.Hash(password), r = role, now = _ctx.NowMs });
            return id;
        }

        /// <summary>Returns a new session token, or null when the name or password is wrong (no hint which).</summary>
        public string SignIn(string username, string password, out string role)
        {
            role = null;
            var admin = _ctx.Db.QuerySingle("SELECT id, password_hash, role FROM admins WHERE username = @u", new { u = username ?? "" });
            // Verify against a dummy hash for unknown names so response time does not reveal which names exist.
            bool ok = PasswordHasher.Verify(password ?? "", admin?.Str("password_hash") ?? DummyHash.Value) && admin != null;
            if (!ok) return null;
            role = admin.Str("role");
            string token = Hex.Encode(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
            _ctx.Db.Execute("DELETE FROM sessions WHERE expires_at < @now", new { now = _ctx.NowMs });
            _ctx.Db.Execute("INSERT INTO sessions (token_hash, admin_id, expires_at) VALUES (@h, @a, @e)",
                new { h = TokenHash(token), a = admin.Str("id"), e = _ctx.NowMs + (long)SessionLifetime.TotalMilliseconds });
            return token;
        }

        /// <summary>The signed-in admin for a token (id, username, role), or null.</summary>
        public Row Resolve(string token)
        {
            if (string.IsNullOrEmpty(token) || token.Length > 128) return null;
            return _ctx.Db.QuerySingle("SELECT a.id, a.username, a.role FROM sessions s JOIN admins a ON a.id = s.admin_id WHERE s.token_hash = @h AND s.expires_at > @now",
                new { h = TokenHash(token), now = _ctx.NowMs });
        }

        public void SignOut(string token)
        {
            if (!string.IsNullOrEmpty(token)) _ctx.Db.Execute("DELETE FROM sessions WHERE token_hash = @h", new { h = TokenHash(token) });
        }

        public List<Row> List()
        {
            return _ctx.Db.Query("SELECT id, username, role, created_at FROM admins ORDER BY username");
        }

        private static string TokenHash(string token)
        {
            return Hex.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        private static readonly Lazy<string> DummyHash = new Lazy<string>(() => PasswordHasher.Hash("not-a-password"));
    }
}
