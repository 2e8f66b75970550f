using System.IO;
using DoorController.Access;
using DoorController.Core;

namespace DoorController.Contract
{
    /// <summary>
    /// The body of a full cache bundle as the controller installs it (the link adds its own header in front,
    /// <c>Link.Bundles.CacheFile</c>):
    /// <code>
    ///  0  4  magic "DCB1"          8  80  site secrets, sealed for this controller (SiteSecrets)
    ///  4  2  format (1)           88   …  credential store (Access.CredentialStoreFormat, with its site config)
    ///  6  2  store offset (88)
    /// </code>
    /// Built by the server for each controller, read by <c>Controller.OfflineCache</c>.
    /// </summary>
    public static class CacheBody
    {
        public const int Format = 1;
        public const int SecretsOffset = 8;
        public const int StoreOffset = SecretsOffset + SiteSecrets.SealedLength;

        /// <summary>Writes a whole body: header, sealed secrets, then the credential store.</summary>
        public static void Write(Stream output, byte[] deviceKey, SiteSecrets secrets, byte[] nonce, StoreImage store, uint generation)
        {
            byte[] head = new byte[StoreOffset];
            head[0] = (byte)'D'; head[1] = (byte)'C'; head[2] = (byte)'B'; head[3] = (byte)'1';
            LittleEndian.WriteUInt16(head, 4, Format);
            LittleEndian.WriteUInt16(head, 6, StoreOffset);
            secrets.Seal(deviceKey, nonce, head, SecretsOffset);
            output.Write(head, 0, head.Length);
            store.WriteTo(output, generation);
        }

        /// <summary>Bytes of a body holding <paramref name="store"/>.</summary>
        public static long Length(StoreImage store)
        {
            return StoreOffset + store.Length;
        }

        /// <summary>Reads the header and unseals the secrets of a body that starts at <paramref name="bodyOffset"/>.</summary>
        public static bool TryReadHead(Stream stream, long bodyOffset, byte[] deviceKey, out SiteSecrets secrets, out string error)
        {
            secrets = null;
            byte[] head = new byte[StoreOffset];
            stream.Seek(bodyOffset, SeekOrigin.Begin);
            if (!StreamReads.ReadExactly(stream, head, 0, head.Length))
            {
                error = "cache body shorter than its header";
                return false;
            }
            if (head[0] != 'D' || head[1] != 'C' || head[2] != 'B' || head[3] != '1' || LittleEndian.ReadUInt16(head, 4) != Format
                || LittleEndian.ReadUInt16(head, 6) != StoreOffset)
            {
                error = "cache body has an unknown format";
                return false;
            }
            if (!SiteSecrets.TryOpen(deviceKey, head, SecretsOffset, out secrets))
            {
                error = "site secrets cannot be opened (no device key)";
                return false;
            }
            error = null;
            return true;
        }
    }
}
