using System.Text;

namespace DoorController.Config
{
    /// <summary>
    /// A PEM block as the device's TLS stack takes it: nanoFramework's X509Certificate(byte[]) and
    /// X509Certificate2(byte[], byte[], string) hand the bytes to mbedTLS, whose PEM parser only recognises PEM when
    /// the buffer ends with a zero byte (its length includes the terminator). Without it the certificate is read as
    /// DER and refused. The string overloads add the zero themselves; byte arrays must carry it.
    /// </summary>
    public static class PemBytes
    {
        /// <summary>UTF-8 of <paramref name="pem"/> followed by exactly one zero byte; null for an empty setting.</summary>
        public static byte[] Terminated(string pem)
        {
            if (pem == null || pem.Length == 0)
            {
                return null;
            }
            int end = pem.Length;
            while (end > 0 && pem[end - 1] == '\0')
            {
                end--;
            }
            byte[] text = Encoding.UTF8.GetBytes(pem.Substring(0, end));
            byte[] terminated = new byte[text.Length + 1];
            for (int i = 0; i < text.Length; i++)
            {
                terminated[i] = text[i];
            }
            terminated[text.Length] = 0;
            return terminated;
        }
    }
}
