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
            try
            {
                Create(username, password ?? generated, "admin");
            }
            catch (Exception) when (_ctx.Db.QuerySingle("SELECT COUNT(*) AS n FROM admins").Long("n") > 0)
            {
                return null; // another instance starting at the same moment created it first
            }
            return generated;
        }

        public string Create(string username, string password, string role)
        {
            if (string.IsNullOrWhiteSpace(username) || username.Length > 64) throw ApiException.BadRequest("username is required (1-64 characters)");
            CheckPassword(password);
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
            return _ctx.Db.Query("SELECT a.id, a.username, a.role, a.created_at, (SELECT COUNT(*) FROM sessions s WHERE s.admin_id = a.id AND s.expires_at > @now) AS sessions " +
                "FROM admins a ORDER BY a.username", new { now = _ctx.NowMs });
        }

        /// <summary>True when <paramref name="password"/> is the admin's current one.</summary>
        public bool Verify(string adminId, string password)
        {
            var admin = _ctx.Db.QuerySingle("SELECT password_hash FROM admins WHERE id = @a", new { a = adminId });
            return PasswordHasher.Verify(password ?? "", admin?.Str("password_hash") ?? DummyHash.Value) && admin != null;
        }

        /// <summary>Sets a new password and ends every other session of that admin (a stolen session does not
        /// outlive the password change); the session <paramref name="keepToken"/> stays signed in.</summary>
        public void ChangePassword(string adminId, string newPassword, string keepToken)
        {
            CheckPassword(newPassword);
            _ctx.Db.InTransaction(tx =>
            {
                tx.Execute("UPDATE admins SET password_hash = @h WHERE id = @a", new { h = PasswordHasher.Hash(newPassword), a = adminId });
                tx.Execute("DELETE FROM sessions WHERE admin_id = @a AND token_hash <> @keep", new { a = adminId, keep = keepToken == null ? "" : TokenHash(keepToken) });
            });
            if (InitialPasswordFile != null && _ctx.Db.QuerySingle("SELECT id FROM admins WHERE id = @a AND username = @u", new { a = adminId, u = InitialAdminName }) != null)
            {
                System.IO.File.Delete(InitialPasswordFile);
            }
        }

        /// <summary>Deletes an admin and its sessions. The last admin-role account and the caller's own account
        /// cannot be deleted (409), so the site never locks itself out.</summary>
        public string Delete(string adminId, string callerId)
        {
            return _ctx.Db.InTransaction(tx =>
            {
                var admin = tx.QuerySingle("SELECT username, role FROM admins WHERE id = @a", new { a = adminId });
                if (admin == null) throw ApiException.NotFound("admin", adminId);
                if (adminId == callerId) throw ApiException.Conflict("you cannot delete your own account; ask another admin");
                if (admin.Str("role") == "admin" && tx.QuerySingle("SELECT COUNT(*) AS n FROM admins WHERE role = 'admin'").Long("n") <= 1)
                {
                    throw ApiException.Conflict("'" + admin.Str("username") + "' is the last admin");
                }
                tx.Execute("DELETE FROM sessions WHERE admin_id = @a", new { a = adminId });
                tx.Execute("DELETE FROM admins WHERE id = @a", new { a = adminId });
                return admin.Str("username");
            });
        }

        /// <summary>Ends every session of an admin (a lost laptop, a suspected theft); returns how many ended.</summary>
        public int RevokeSessions(string adminId)
        {
            return _ctx.Db.InTransaction(tx =>
            {
                if (tx.QuerySingle("SELECT id FROM admins WHERE id = @a", new { a = adminId }) == null) throw ApiException.NotFound("admin", adminId);
                return tx.Execute("DELETE FROM sessions WHERE admin_id = @a", new { a = adminId });
            });
        }

        /// <summary>Where the generated first-admin password was written (deleted when that admin changes it).</summary>
        public string InitialPasswordFile { get; set; }
        public string InitialAdminName { get; set; }

        private static void CheckPassword(string password)
        {
            if (password == null || password.Length < MinPasswordLength || password.Length > 256) throw ApiException.BadRequest("password must be " + MinPasswordLength + "-256 characters");
        }

        private static string TokenHash(string token)
        {
            return Hex.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        private static readonly Lazy<string> DummyHash = new Lazy<string>(() => PasswordHasher.Hash("not-a-password"));
    }
}
