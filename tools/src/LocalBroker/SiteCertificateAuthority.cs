using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DoorController.Hal.Host.Mqtt;

namespace DoorController.LocalBroker;

/// <summary>
/// The site's own certificate authority: created once, at the first start, in a directory of the server's data
/// (ca.crt public, ca.key mode 0600), and used to sign the broker's TLS certificate (and client certificates where
/// a site wants them). Controllers are provisioned with ca.crt only. RSA-2048 with SHA-256, because every mbedTLS
/// build (the ESP32's TLS stack) verifies it; the CA is valid for 20 years, issued certificates for 5.
/// </summary>
public sealed class SiteCertificateAuthority : IDisposable
{
    public const string CertificateFile = "ca.crt";
    public const string KeyFile = "ca.key";
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(20 * 365);
    private static readonly TimeSpan IssuedLifetime = TimeSpan.FromDays(5 * 365);
    private readonly X509Certificate2 _ca;

    private SiteCertificateAuthority(X509Certificate2 ca, string directory)
    {
        _ca = ca;
        Directory = directory;
    }

    public string Directory { get; }
    public string CertificatePath => Path.Combine(Directory, CertificateFile);
    public string CertificatePem => _ca.ExportCertificatePem() + "\n";

    /// <summary>Loads the CA from <paramref name="directory"/>, or creates it there when it does not exist yet.</summary>
    public static SiteCertificateAuthority LoadOrCreate(string directory, string siteName = "doorctl site")
    {
        System.IO.Directory.CreateDirectory(directory);
        string certPath = Path.Combine(directory, CertificateFile), keyPath = Path.Combine(directory, KeyFile);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            return new SiteCertificateAuthority(X509Certificate2.CreateFromPemFile(certPath, keyPath), directory);
        }
        if (File.Exists(certPath) || File.Exists(keyPath))
        {
            throw new InvalidOperationException("site CA in " + directory + " is incomplete (one of " + CertificateFile + ", " + KeyFile
                + " is missing); restore both from a backup, or remove both to create a new CA and re-provision every controller");
        }
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + siteName + " CA, O=doorctl"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddMinutes(-5), now + CaLifetime);
        PrivateFile.Write(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(certPath, created.ExportCertificatePem() + "\n");
        return new SiteCertificateAuthority(X509Certificate2.CreateFromPemFile(certPath, keyPath), directory);
    }

    /// <summary>
    /// Writes a certificate for a TLS server (the broker) reachable as <paramref name="names"/> (IP addresses or DNS
    /// names) to <paramref name="certPath"/> and its key (0600) to <paramref name="keyPath"/>.
    /// </summary>
    public void IssueServerCertificate(string certPath, string keyPath, params string[] names)
    {
        if (names.Length == 0) throw new ArgumentException("a server certificate needs at least one name", nameof(names));
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
        {
            if (IPAddress.TryParse(name, out IPAddress? ip)) san.AddIpAddress(ip); else san.AddDnsName(name);
        }
        Issue(certPath, keyPath, "CN=" + names[0], san.Build(), "1.3.6.1.5.5.7.3.1");
    }

    /// <summary>Writes a client certificate (TLS client authentication) for <paramref name="commonName"/>.</summary>
    public void IssueClientCertificate(string certPath, string keyPath, string commonName)
    {
        Issue(certPath, keyPath, "CN=" + commonName, null, "1.3.6.1.5.5.7.3.2");
    }

    private void Issue(string certPath, string keyPath, string subject, X509Extension? san, string extendedUsage)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(extendedUsage) }, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        if (san != null) request.CertificateExtensions.Add(san);
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset notAfter = now + IssuedLifetime < _ca.NotAfter ? now + IssuedLifetime : new DateTimeOffset(_ca.NotAfter);
        using X509Certificate2 issued = request.Create(_ca, now.AddMinutes(-5), notAfter, serial);
        PrivateFile.Write(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(certPath, issued.ExportCertificatePem() + "\n" + _ca.ExportCertificatePem() + "\n");
    }

    public void Dispose() => _ca.Dispose();
}
