using System.IO;
using System.Text;
using DoorController.Link.Bundles;
using DoorController.Tests.Link.Fakes;
using DoorController.Tests.Support;
using nanoFramework.TestFramework;
using DoorController.Contract;

namespace DoorController.Tests.Link
{
    [TestClass]
    public class BundleAssemblerTests
    {
        private static MemoryFileStore _files;
        private static AppendingCacheStore _cache;

        private static BundleAssembler Fresh()
        {
            _files = new MemoryFileStore();
            _cache = new AppendingCacheStore();
            BundleAssembler a = new BundleAssembler(_files, BundleTestKit.Key, _cache);
            a.Load();
            return a;
        }

        private static BundleStatus Feed(BundleAssembler a, byte[][] chunks)
        {
            BundleStatus last = BundleStatus.Malformed;
            for (int i = 0; i < chunks.Length; i++)
            {
                last = a.Accept(chunks[i]);
            }
            return last;
        }

        /// <summary>Installs version <paramref name="version"/> with a three-chunk body.</summary>
        private static BundleAssembler WithInstalled(uint version, out byte[] installedFile)
        {
            BundleAssembler a = Fresh();
            Assert.AreEqual((int)BundleStatus.Installed, (int)Feed(a, BundleTestKit.Full(version, BundleTestKit.Body(BundleTestKit.ThreeChunks, 1))));
            installedFile = _files.ReadAll(CacheFile.Name);
            return a;
        }

        private static void AssertCacheUnchanged(BundleAssembler a, uint version, byte[] installedFile)
        {
            Assert.AreEqual((long)version, a.InstalledVersion);
            Assert.IsTrue(installedFile.SequenceEqual(_files.ReadAll(CacheFile.Name)), "installed cache file changed");
        }

        [TestMethod]
        public void Full_Bundle_Over_Several_Chunks_Is_Installed_With_Its_Body_Intact()
        {
            BundleAssembler a = Fresh();
            byte[] body = BundleTestKit.Body(BundleTestKit.ThreeChunks, 7);
            byte[][] chunks = BundleTestKit.Full(5, body);
            Assert.AreEqual(3, chunks.Length);
            for (int i = 0; i < chunks.Length - 1; i++)
            {
                Assert.AreEqual((int)BundleStatus.Accepted, (int)a.Accept(chunks[i]));
            }
            Assert.AreEqual((long)0, a.InstalledVersion, "nothing installed before the last chunk");
            Assert.AreEqual((int)BundleStatus.Installed, (int)a.Accept(chunks[chunks.Length - 1]));
            Assert.AreEqual((long)5, a.InstalledVersion);
            Assert.AreEqual(1, _cache.Reloads);
            byte[] file = _files.ReadAll(CacheFile.Name);
            Assert.AreEqual(CacheFile.BodyOffset + body.Length, file.Length);
            for (int i = 0; i < body.Length; i++)
            {
                if (file[CacheFile.BodyOffset + i] != body[i]) Assert.IsTrue(false, "body differs at " + i);
            }
            Assert.IsFalse(_files.Exists(BundleAssembler.StagingName), "staging file left behind");
        }

        [TestMethod]
        public void Every_Chunk_Fits_The_Device_Buffer()
        {
            byte[][] chunks = BundleTestKit.Full(1, BundleTestKit.Body(100000, 3));
            for (int i = 0; i < chunks.Length; i++)
            {
                Assert.IsTrue(chunks[i].Length <= 2048, "chunk " + i + " is " + chunks[i].Length + " bytes");
            }
        }

        [TestMethod]
        public void Installed_Cache_Survives_A_Reboot()
        {
            byte[] file;
            WithInstalled(9, out file);
            BundleAssembler rebooted = new BundleAssembler(_files, BundleTestKit.Key, _cache);
            rebooted.Load();
            Assert.AreEqual((long)9, rebooted.InstalledVersion);
            Assert.AreEqual(7 * 24 * 3600, rebooted.Installed.MaxOfflineSeconds);
        }

        [TestMethod]
        public void Forged_Chunk_Is_Refused_And_The_Previous_Cache_Kept()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            byte[][] chunks = BundleTestKit.Full(4, BundleTestKit.Body(BundleTestKit.ThreeChunks, 2));
            chunks[1][BundleChunk.HeaderLength + 100] ^= 0x01;
            Assert.AreEqual((int)BundleStatus.Accepted, (int)a.Accept(chunks[0]));
            Assert.AreEqual((int)BundleStatus.BadMac, (int)a.Accept(chunks[1]));
            Assert.AreEqual((int)BundleStatus.OutOfOrder, (int)a.Accept(chunks[2]));
            AssertCacheUnchanged(a, 3, file);
        }

        [TestMethod]
        public void Bundle_Signed_With_Another_Key_Is_Refused()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            byte[][] foreign = BundleChunk.Split(Encoding.UTF8.GetBytes("someone-else"), BundleTestKit.Info(BundleKind.Full, 4, 0, 1), BundleTestKit.Body(100, 1));
            Assert.AreEqual((int)BundleStatus.BadMac, (int)a.Accept(foreign[0]));
            AssertCacheUnchanged(a, 3, file);
        }

        [DataRow(2)]
        [DataRow(3)]
        public void Older_Or_Equal_Version_Is_Refused(int version)
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            Assert.AreEqual((int)BundleStatus.StaleVersion, (int)Feed(a, BundleTestKit.Full((uint)version, BundleTestKit.Body(100, 5))));
            AssertCacheUnchanged(a, 3, file);
        }

        [TestMethod]
        public void Truncated_Chunk_Is_Refused()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            byte[][] chunks = BundleTestKit.Full(4, BundleTestKit.Body(BundleTestKit.ThreeChunks, 2));
            byte[] cut = new byte[chunks[0].Length - 10];
            System.Array.Copy(chunks[0], cut, cut.Length);
            Assert.AreEqual((int)BundleStatus.Truncated, (int)a.Accept(cut));
            Assert.AreEqual((int)BundleStatus.Malformed, (int)a.Accept(new byte[10]));
            AssertCacheUnchanged(a, 3, file);
        }

        [TestMethod]
        public void Reordered_Chunks_Never_Install()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            byte[][] chunks = BundleTestKit.Full(4, BundleTestKit.Body(BundleTestKit.ThreeChunks, 2));
            Assert.AreEqual((int)BundleStatus.Accepted, (int)a.Accept(chunks[0]));
            Assert.AreEqual((int)BundleStatus.OutOfOrder, (int)a.Accept(chunks[2]));
            Assert.AreEqual((int)BundleStatus.Accepted, (int)a.Accept(chunks[1]));
            Assert.IsNotNull(a.Pending, "still waiting for the last chunk");
            AssertCacheUnchanged(a, 3, file);
        }

        [TestMethod]
        public void Missing_Chunk_Leaves_The_Bundle_Pending_Until_Aborted()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            byte[][] chunks = BundleTestKit.Full(4, BundleTestKit.Body(BundleTestKit.ThreeChunks, 2));
            a.Accept(chunks[0]);
            Assert.AreEqual((int)BundleStatus.OutOfOrder, (int)a.Accept(chunks[2]));
            a.Abort();
            Assert.IsNull(a.Pending);
            Assert.IsFalse(_files.Exists(BundleAssembler.StagingName));
            AssertCacheUnchanged(a, 3, file);
            Assert.AreEqual((int)BundleStatus.Installed, (int)Feed(a, chunks), "a complete resend still installs");
        }

        [TestMethod]
        public void Duplicate_Chunks_Are_Ignored_And_The_Bundle_Still_Installs()
        {
            BundleAssembler a = Fresh();
            byte[][] chunks = BundleTestKit.Full(4, BundleTestKit.Body(BundleTestKit.ThreeChunks, 2));
            Assert.AreEqual((int)BundleStatus.Accepted, (int)a.Accept(chunks[0]));
            Assert.AreEqual((int)BundleStatus.Duplicate, (int)a.Accept(chunks[0]));
            Assert.AreEqual((int)BundleStatus.Accepted, (int)a.Accept(chunks[1]));
            Assert.AreEqual((int)BundleStatus.Duplicate, (int)a.Accept(chunks[1]));
            Assert.AreEqual((int)BundleStatus.Installed, (int)a.Accept(chunks[2]));
            Assert.AreEqual((int)BundleStatus.Duplicate, (int)a.Accept(chunks[2]), "redelivered last chunk after install");
            Assert.AreEqual(BundleTestKit.Body(BundleTestKit.ThreeChunks, 2).Length + CacheFile.BodyOffset, _files.ReadAll(CacheFile.Name).Length);
        }

        [TestMethod]
        public void Oversize_Chunk_And_Oversize_Body_Are_Refused()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            byte[] huge = new byte[BundleChunk.MaxChunkBytes + 1];
            byte[][] real = BundleTestKit.Full(4, BundleTestKit.Body(100, 1));
            System.Array.Copy(real[0], huge, real[0].Length);
            Assert.AreEqual((int)BundleStatus.Oversize, (int)a.Accept(huge));
            a.MaxBodyBytes = BundleTestKit.ThreeChunks - 1;
            byte[][] big = BundleTestKit.Full(5, BundleTestKit.Body(BundleTestKit.ThreeChunks, 1));
            Assert.AreEqual((int)BundleStatus.Oversize, (int)a.Accept(big[0]));
            Assert.AreEqual((int)BundleStatus.OutOfOrder, (int)a.Accept(big[1]));
            AssertCacheUnchanged(a, 3, file);
        }

        [TestMethod]
        public void Delta_Is_Merged_By_The_Access_Layer_And_Installed_Atomically()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            byte[] delta = BundleTestKit.Body(500, 9);
            Assert.AreEqual((int)BundleStatus.Installed, (int)Feed(a, BundleTestKit.Delta(4, 3, delta, 1)));
            Assert.AreEqual((long)4, a.InstalledVersion);
            Assert.AreEqual(BundleTestKit.ThreeChunks + 500, a.Installed.BodyLength);
            Assert.AreEqual((long)4, _cache.LastVersion);
        }

        [TestMethod]
        public void Delta_On_The_Wrong_Base_Or_Refused_By_The_Access_Layer_Keeps_The_Cache()
        {
            byte[] file;
            BundleAssembler a = WithInstalled(3, out file);
            Assert.AreEqual((int)BundleStatus.WrongBase, (int)Feed(a, BundleTestKit.Delta(5, 2, BundleTestKit.Body(10, 1), 1)));
            Assert.AreEqual((int)BundleStatus.MergeRefused, (int)Feed(a, BundleTestKit.Delta(4, 3, BundleTestKit.Body(10, 1), 9)));
            AssertCacheUnchanged(a, 3, file);
            Assert.IsFalse(_files.Exists(BundleAssembler.MergeName));
        }

        [TestMethod]
        public void Corrupt_Installed_File_Counts_As_No_Cache()
        {
            byte[] file;
            WithInstalled(3, out file);
            file[CacheFile.BodyOffset + 5] ^= 0xFF;
            _files.WriteAll(CacheFile.Name, file);
            BundleAssembler rebooted = new BundleAssembler(_files, BundleTestKit.Key, _cache);
            rebooted.Load();
            Assert.IsNull(rebooted.Installed);
        }

        [TestMethod]
        public void Chunk_Header_Layout_Is_Stable()
        {
            BundleInfo info = BundleTestKit.Info(BundleKind.Delta, 0x01020304, 0x01020303, 7);
            byte[][] chunks = BundleChunk.Split(BundleTestKit.Key, info, new byte[] { 0xAA, 0xBB });
            Assert.AreEqual(1, chunks.Length);
            Assert.AreEqual("44434231" + "02" + "07" + "0000" + "0100" + "0200" + "04030201" + "03030201" + "02000000" + "20ed1f6900000000" + "803a0900",
                DoorController.Core.Hex.Encode(chunks[0], 0, BundleChunk.MacOffset));
            Assert.AreEqual("aabb", DoorController.Core.Hex.Encode(chunks[0], BundleChunk.HeaderLength, 2));
        }
    }
}
