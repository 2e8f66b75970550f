using System.IO;
using DoorController.Link.Bundles;
using DoorController.Contract;

namespace DoorController.Tests.Link.Fakes
{
    /// <summary>Access-layer stand-in: a delta is "installed body followed by delta body"; content type 9 is refused.</summary>
    public sealed class AppendingCacheStore : ICacheStore
    {
        public int Reloads;
        public long LastVersion;

        public int Releases;

        public void ReleaseStore()
        {
            Releases++;
        }

        public void StoreReplaced(BundleInfo installed)
        {
            Reloads++;
            LastVersion = installed.Version;
        }

        public IInPlaceInstall InPlace
        {
            get { return null; }
        }

        public bool MergeDelta(Stream installedBody, int installedLength, Stream delta, int deltaLength, byte contentType, Stream output)
        {
            if (contentType == 9)
            {
                return false;
            }
            Copy(installedBody, installedLength, output);
            Copy(delta, deltaLength, output);
            return true;
        }

        private static void Copy(Stream from, int length, Stream to)
        {
            byte[] buffer = new byte[256];
            while (length > 0)
            {
                int n = from.Read(buffer, 0, length < buffer.Length ? length : buffer.Length);
                if (n <= 0)
                {
                    return;
                }
                to.Write(buffer, 0, n);
                length -= n;
            }
        }
    }
}
