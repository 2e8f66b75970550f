using System;
using System.Collections;
using DoorController.Core;
using nanoFramework.TestFramework;

namespace DoorController.Tests.Core
{
    /// <summary>
    /// ObjectMap replaces the native Hashtable in device code: these are the two cases the native table gets wrong
    /// (hash-0 keys looked up after removals, a key stored twice after a Remove) plus a model check against a list.
    /// </summary>
    [TestClass]
    public class ObjectMapTests
    {
        [TestMethod]
        public void Keys_Whose_Hash_Code_Is_Zero_Are_Found_After_Removals()
        {
            ObjectMap map = new ObjectMap();
            object[] zeroHash = { 0, "", false, '\0', 0L };
            for (int i = 0; i < zeroHash.Length; i++)
            {
                map[zeroHash[i]] = "v" + i;
            }
            for (int i = 1; i <= 20; i++)
            {
                map[i] = i;
            }
            for (int i = 1; i <= 20; i += 2)
            {
                map.Remove(i);
            }
            map.Remove("");
            Assert.IsNull(map[""]);
            Assert.IsFalse(map.Contains(""));
            Assert.AreEqual("v0", (string)map[0]);
            Assert.AreEqual("v2", (string)map[false]);
            Assert.AreEqual("v3", (string)map['\0']);
            Assert.AreEqual("v4", (string)map[0L]);
            Assert.AreEqual(4 + 10, map.Count);
        }

        [TestMethod]
        public void A_Key_Updated_After_A_Remove_Is_Stored_Once()
        {
            ObjectMap map = new ObjectMap();
            // Same hash code: one probe run, so removing the first leaves a hole before the others.
            SameHash a = new SameHash(1), b = new SameHash(2), c = new SameHash(3);
            map[a] = "a";
            map[b] = "b";
            map[c] = "c";
            map.Remove(a);
            map[c] = "c2";
            map[new SameHash(3)] = "c3";
            Assert.AreEqual(2, map.Count);
            Assert.AreEqual(2, map.Keys().Length);
            Assert.AreEqual("c3", (string)map[c]);
            Assert.AreEqual("b", (string)map[b]);
            map.Remove(c);
            Assert.IsFalse(map.Contains(c));
            Assert.AreEqual(1, map.Count);
        }

        [TestMethod]
        public void Random_Puts_And_Removes_Match_A_Plain_List()
        {
            ObjectMap map = new ObjectMap(2);
            ArrayList keys = new ArrayList();
            ArrayList values = new ArrayList();
            Random random = new Random(1234);
            for (int step = 0; step < 3000; step++)
            {
                int key = random.Next(64) - 8; // includes 0 and negatives
                int at = keys.IndexOf(key);
                if (random.Next(3) == 0)
                {
                    map.Remove(key);
                    if (at >= 0)
                    {
                        keys.RemoveAt(at);
                        values.RemoveAt(at);
                    }
                }
                else
                {
                    map[key] = step;
                    if (at >= 0)
                    {
                        values[at] = step;
                    }
                    else
                    {
                        keys.Add(key);
                        values.Add(step);
                    }
                }
                Assert.AreEqual(keys.Count, map.Count);
            }
            for (int key = -8; key < 56; key++)
            {
                int at = keys.IndexOf(key);
                Assert.AreEqual(at >= 0, map.Contains(key));
                if (at >= 0)
                {
                    Assert.AreEqual((int)values[at], (int)map[key]);
                }
            }
            Assert.AreEqual(keys.Count, map.Keys().Length);
        }

        [TestMethod]
        public void A_Null_Key_Is_Refused()
        {
            ObjectMap map = new ObjectMap();
            Assert.ThrowsException(typeof(ArgumentNullException), () => { map[null] = 1; });
            Assert.ThrowsException(typeof(ArgumentNullException), () => map.Contains(null));
        }

        private sealed class SameHash
        {
            private readonly int _id;

            public SameHash(int id)
            {
                _id = id;
            }

            public override int GetHashCode()
            {
                return 0;
            }

            public override bool Equals(object obj)
            {
                SameHash other = obj as SameHash;
                return other != null && other._id == _id;
            }
        }
    }
}
