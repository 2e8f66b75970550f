// nanoFramework.System.Collections 1.5.75 - section 4 of nanoframework-api.md (namespace System.Collections).
// Hashtable has no ContainsKey/TryGetValue: use Contains; the indexer getter returns null for a missing key.

namespace System.Collections
{
    public class Hashtable : ICloneable, IDictionary
    {
        public extern Hashtable();
        public extern Hashtable(int capacity);
        public extern Hashtable(int capacity, float loadFactor);
        public extern IEnumerator GetEnumerator();
        public extern int Count { get; }
        public extern void CopyTo(Array array, int arrayIndex);
        public extern bool IsReadOnly { get; }
        public extern ICollection Keys { get; }
        public extern ICollection Values { get; }
        public extern object this[object key] { get; set; }
        public extern void Add(object key, object value);
        public extern void Clear();
        public extern bool Contains(object key);
        public extern void Remove(object key);
        extern object ICloneable.Clone();
        extern object ICollection.SyncRoot { get; }
        extern bool ICollection.IsSynchronized { get; }
    }

    public class DictionaryEntry
    {
        public object Key;
        public object Value;
        public extern DictionaryEntry(object key, object value);
    }

    public class Queue : ICollection, ICloneable
    {
        public extern Queue();
        public virtual extern int Count { get; }
        public virtual extern void Clear();
        public virtual extern void CopyTo(Array array, int index);
        public virtual extern void Enqueue(object obj);
        public virtual extern IEnumerator GetEnumerator();
        public virtual extern object Dequeue();
        public virtual extern object Peek();
        public virtual extern bool Contains(object obj);
        public virtual extern object[] ToArray();
        extern object ICloneable.Clone();
        extern object ICollection.SyncRoot { get; }
        extern bool ICollection.IsSynchronized { get; }
    }

    public class Stack : ICollection, ICloneable
    {
        public extern Stack();
        public virtual extern int Count { get; }
        public virtual extern void Clear();
        public virtual extern bool Contains(object obj);
        public virtual extern void CopyTo(Array array, int index);
        public virtual extern IEnumerator GetEnumerator();
        public virtual extern object Peek();
        public virtual extern object Pop();
        public virtual extern void Push(object obj);
        public virtual extern object[] ToArray();
        extern object ICloneable.Clone();
        extern object ICollection.SyncRoot { get; }
        extern bool ICollection.IsSynchronized { get; }
    }

    // "Same members as Hashtable's dictionary part".
    public interface IDictionary : ICollection
    {
        object this[object key] { get; set; }
        ICollection Keys { get; }
        ICollection Values { get; }
        bool IsReadOnly { get; }
        void Add(object key, object value);
        void Clear();
        bool Contains(object key);
        void Remove(object key);
    }

    public interface IDictionaryEnumerator : IEnumerator
    {
        object Key { get; }
        object Value { get; }
        DictionaryEntry Entry { get; }
    }
}
