using System;
using System.IO;
using DoorController.Hal;
using DoorController.Contract;

namespace DoorController.Link.Bundles
{
    /// <summary>
    /// Applies a staged delta bundle (<see cref="BundleAssembler.StagingName"/>): merged with the installed cache into a
    /// whole new file the link then renames into place, or handed to an access layer that merges it in place, shard by
    /// shard (<see cref="IInPlaceInstall"/>).
    /// </summary>
    public static class StagedDelta
    {
        /// <summary>Builds cache.merge = header(delta's version) + access layer's merge of installed body and delta.</summary>
        public static bool MergeWhole(IFileStore store, ICacheStore cacheStore, BundleInfo installedInfo, string stagingName, string mergeName, BundleInfo delta, int maxBodyBytes)
        {
            Stream installed = null, staged = null, output = null;
            try
            {
                installed = store.Open(CacheFile.Name, false);
                staged = store.Open(stagingName, false);
                output = LinkFiles.CreateEmpty(store, mergeName);
                CacheFile.WriteHeader(output, delta, 0);
                installed.Seek(CacheFile.BodyOffset, SeekOrigin.Begin);
                staged.Seek(CacheFile.BodyOffset, SeekOrigin.Begin);
                if (!cacheStore.MergeDelta(installed, installedInfo.BodyLength, staged, delta.BodyLength, delta.ContentType, output))
                {
                    return false;
                }
                BundleInfo merged = delta.InstalledAs((int)(output.Length - CacheFile.BodyOffset));
                if (merged.BodyLength > maxBodyBytes)
                {
                    return false;
                }
                uint crc = CacheFile.BodyCrc(output, merged.BodyLength);
                CacheFile.WriteHeader(output, merged, crc);
                output.Flush();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
            finally
            {
                if (installed != null) installed.Close();
                if (staged != null) staged.Close();
                if (output != null) output.Close();
            }
        }

        /// <summary>Merges the staged delta into the in-place store, shard by shard; why not (the shards merged so far stay), or null.</summary>
        public static string MergeInPlace(IFileStore store, IInPlaceInstall inPlace, string stagingName, BundleInfo delta)
        {
            Stream staged = null;
            try
            {
                staged = store.Open(stagingName, false);
                inPlace.Merge(staged, CacheFile.BodyOffset, delta.BodyLength, delta);
                return null;
            }
            catch (Exception e)
            {
                inPlace.Abort();
                return e.Message;
            }
            finally
            {
                if (staged != null) staged.Close();
            }
        }

    }
}
