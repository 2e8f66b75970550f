// nanoFramework.System.Security.Cryptography 1.0.43 - section 17 of nanoframework-api.md
// (namespace System.Security.Cryptography; Mbed TLS backed). Only AES (ECB/CBC, no padding) and HMAC-SHA256/512:
// no plain SHA-256, no RSA/ECDSA, no RandomNumberGenerator.

namespace System.Security.Cryptography
{
    public class Aes
    {
        public extern CipherMode Mode { get; set; }
        public extern byte[] Key { get; set; }
        public extern byte[] IV { get; set; }
        public extern Aes(CipherMode mode);
        public extern void GenerateIV();
        public extern byte[] Encrypt(byte[] data);
        public extern byte[] Decrypt(byte[] data);
    }

    public enum CipherMode
    {
        None = 0,
        CBC = 1,
        ECB = 2,
    }

    public class HMACSHA256 : IDisposable
    {
        public extern byte[] Hash { get; }
        public extern byte[] Key { get; set; }
        public extern HMACSHA256();
        public extern HMACSHA256(byte[] key);
        public extern byte[] ComputeHash(byte[] buffer);
        public static extern byte[] HashData(byte[] key, byte[] source);
        public extern void Dispose();
    }

    public class HMACSHA512 : IDisposable
    {
        public extern byte[] Hash { get; }
        public extern byte[] Key { get; set; }
        public extern HMACSHA512();
        public extern HMACSHA512(byte[] key);
        public extern byte[] ComputeHash(byte[] buffer);
        public static extern byte[] HashData(byte[] key, byte[] source);
        public extern void Dispose();
    }
}
