using System;
using System.Collections;
using System.Reflection;
using System.Text;
using System.Threading;

namespace DoorController.Bench.Heap
{
    /// <summary>
    /// What one managed object costs on the ESP32's nanoCLR (32-bit build), from nf-interpreter's sources (main @
    /// a3e8139a; facts only). The managed heap is carved into 12-byte CLR_RT_HeapBlocks and every allocation is a whole
    /// number of them (CONVERTFROMSIZETOHEAPBLOCKS, src/HAL/Include/nanoHAL_Types.h):
    /// <list type="bullet">
    /// <item>class instance: one block of header plus one block per instance field, whatever the field's type
    /// (ExtractHeapBlocksForClassOrValueTypes with m_totalFields + HB_Object_Fields_Offset, src/CLR/Core/Execution.cpp);
    /// a field of a struct type other than the optimised ones (primitives, enums, DateTime, TimeSpan) holds a reference
    /// to a separate object of that struct (InitializeReference);</item>
    /// <item>array: sizeof(CLR_RT_HeapBlock_Array) = 20 bytes, then the elements at the size c_CLR_RT_DataTypeLookup gives
    /// (bool/byte 1, char/short 2, int/uint/float 4, long/ulong/double 8, DateTime/TimeSpan and every reference 12), the
    /// total rounded up to blocks (ExtractHeapBlocksForArray); an array of structs also allocates one object per element
    /// (CLR_RT_HeapBlock_Array::ClearElements); at most 65,535 blocks (HB_MaxSize);</item>
    /// <item>string built at run time: a 12-byte header, the UTF-8 bytes and a terminating zero
    /// (CLR_RT_HeapBlock_String::CreateInstance); a literal is a 12-byte header pointing into the assembly;</item>
    /// <item>boxed primitive or enum: two blocks (PerformBoxing);</item>
    /// <item>delegate: CLR_RT_HeapBlock_Delegate, 32 bytes in a release build = 3 blocks.</item>
    /// </list>
    /// Library types whose nanoFramework implementation differs from .NET's are priced from their nanoFramework
    /// source: Hashtable (System.Collections 1.5.75: 5 fields, a Bucket[] and one 3-field Bucket object per entry),
    /// Queue (System.Collections 1.5.75: 4 fields and an object[] of 4 slots that doubles when full, where .NET's
    /// starts at 32; an array a burst grew stays that size, which a graph measured after the burst does not show),
    /// Random (one field and a native blob), Thread (5 fields; the native thread and its stack frames are not counted),
    /// HMACSHA256 and HMACSHA512 (System.Security.Cryptography 1.0.43: _disposed, _keyValue, _hashValue; the key a
    /// copy once set through Key, the last hash kept after ComputeHash; HashCore is native and keeps no managed state),
    /// wait handles and timers (a header and their fields). Everything else is priced by the rules above from the .NET
    /// object, which for ArrayList and StringBuilder has the same fields as the nanoFramework class.
    /// </summary>
    public static class NanoHeapModel
    {
        public const int BlockBytes = 12;
        public const int ArrayHeaderBytes = 20;
        public const int MaxArrayBlocks = 0xFFFF;
        public const int DelegateBytes = 3 * BlockBytes;
        public const int BoxBytes = 2 * BlockBytes;
        /// <summary>System.Random: an object with one field and a CLR_RT_Random binary blob (about 3 blocks).</summary>
        public const int RandomBytes = 2 * BlockBytes + 3 * BlockBytes;
        /// <summary>The managed System.Threading.Thread (5 fields); its CLR_RT_Thread and stack frames are extra.</summary>
        public const int ThreadBytes = 6 * BlockBytes;
        /// <summary>Hashtable's own object: _buckets, _loadsize, _loadFactor, _count, _version.</summary>
        public const int HashtableBytes = 6 * BlockBytes;
        /// <summary>Hashtable.Bucket: _key, _value, _hash.</summary>
        public const int HashtableBucketBytes = 4 * BlockBytes;

        /// <summary>Queue's own object: _array, _head, _tail, _size.</summary>
        public const int QueueBytes = 5 * BlockBytes;
        public const int QueueDefaultCapacity = 4;

        /// <summary>HMACSHA256 / HMACSHA512's own object: _disposed, _keyValue, _hashValue.</summary>
        public const int HmacBytes = 4 * BlockBytes;

        public static int RoundToBlocks(long bytes)
        {
            return (int)((bytes + BlockBytes - 1) / BlockBytes) * BlockBytes;
        }

        /// <summary>Bytes of one array element slot of <paramref name="elementType"/> (reference and struct slots are a block).</summary>
        public static int ElementBytes(Type elementType)
        {
            if (elementType == typeof(bool) || elementType == typeof(byte) || elementType == typeof(sbyte)) return 1;
            if (elementType == typeof(char) || elementType == typeof(short) || elementType == typeof(ushort)) return 2;
            if (elementType == typeof(int) || elementType == typeof(uint) || elementType == typeof(float)) return 4;
            if (elementType == typeof(long) || elementType == typeof(ulong) || elementType == typeof(double)) return 8;
            if (elementType.IsEnum) return ElementBytes(Enum.GetUnderlyingType(elementType));
            return BlockBytes;
        }

        public static int ArrayBytes(Type elementType, int length)
        {
            return RoundToBlocks(ArrayHeaderBytes + (long)length * ElementBytes(elementType));
        }

        /// <summary>Blocks one array of this type and length takes; above <see cref="MaxArrayBlocks"/> nanoCLR refuses it.</summary>
        public static int ArrayBlocks(Type elementType, int length)
        {
            return ArrayBytes(elementType, length) / BlockBytes;
        }

        public static int StringBytes(string s, bool literal)
        {
            return literal ? BlockBytes : RoundToBlocks(BlockBytes + Encoding.UTF8.GetByteCount(s) + 1);
        }

        /// <summary>True for value types nanoCLR keeps inside the field or element slot (no separate object).</summary>
        public static bool IsInlineValue(Type t)
        {
            return t.IsPrimitive || t.IsEnum || t == typeof(DateTime) || t == typeof(TimeSpan) || t == typeof(IntPtr);
        }

        /// <summary>Header plus one block per instance field (the class and all its bases).</summary>
        public static int InstanceBytes(Type t)
        {
            return (1 + InstanceFields(t).Length) * BlockBytes;
        }

        public static FieldInfo[] InstanceFields(Type t)
        {
            var list = new System.Collections.Generic.List<FieldInfo>();
            for (Type c = t; c != null && c != typeof(object) && c != typeof(ValueType); c = c.BaseType)
            {
                foreach (FieldInfo f in c.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    list.Add(f);
                }
            }
            return list.ToArray();
        }

        /// <summary>Library types priced from their nanoFramework implementation rather than .NET's fields; 0 when not
        /// one. The entries of a Hashtable or Queue are priced by the walker.</summary>
        public static int LibraryObjectBytes(object o)
        {
            switch (o)
            {
                case Random:
                    return RandomBytes;
                case Thread:
                    return ThreadBytes;
                case Queue queue:
                    return QueueBytes + ArrayBytes(typeof(object), QueueCapacity(queue.Count));
                case Hashtable table:
                    return HashtableBytes + ArrayBytes(typeof(object), HashtableBucketCount(table.Count)) + table.Count * HashtableBucketBytes;
                case System.Security.Cryptography.HMAC hmac:
                    // The key array counted as the object's own (a Key set copies it; the byte[] constructor shares
                    // the caller's, then it is counted twice), and the last hash once a MAC was computed.
                    return HmacBytes + ArrayBytes(typeof(byte), hmac.Key.Length) + (hmac.Hash == null ? 0 : ArrayBytes(typeof(byte), hmac.HashSize / 8));
                case WaitHandle:
                case Timer:
                    return 3 * BlockBytes;
                default:
                    return 0;
            }
        }

        /// <summary>Slots of a nanoFramework Queue holding <paramref name="count"/> items: 4, doubled while full.</summary>
        public static int QueueCapacity(int count)
        {
            int capacity = QueueDefaultCapacity;
            while (capacity < count)
            {
                capacity *= 2;
            }
            return capacity;
        }

        /// <summary>
        /// Buckets of a nanoFramework Hashtable holding <paramref name="count"/> entries: it starts at 3 and its native
        /// Expand grows it once count reaches 0.72 of the buckets; approximated as count / 0.72, at least 3.
        /// </summary>
        public static int HashtableBucketCount(int count)
        {
            int buckets = (int)Math.Ceiling(count / 0.72);
            return buckets < 3 ? 3 : buckets;
        }
    }
}
