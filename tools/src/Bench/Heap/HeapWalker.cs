using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace DoorController.Bench.Heap
{
    /// <summary>
    /// Prices an object graph of the host build as nanoCLR would hold it (<see cref="NanoHeapModel"/>): follows every
    /// reference from the roots it is given, counts each object once, and stops at the platform boundary — objects of
    /// the host bindings (hal/host, the bench's own fakes) stand for the ESP32 bindings (GPIO, UART, MQTT client,
    /// FileStream), whose heap the device measures, not this model. Parts measured one after another share the visited
    /// set, so an object shared by two parts is charged to the first.
    /// </summary>
    public sealed class HeapWalker
    {
        private static readonly Type[] TraversedLibraryTypes =
        {
            typeof(ArrayList), typeof(Stack), typeof(System.Text.StringBuilder), typeof(System.IO.MemoryStream), typeof(DictionaryEntry),
        };

        private readonly HashSet<object> _visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, long> _byType = new Dictionary<string, long>();
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>();
        private readonly Stack<object> _pending = new Stack<object>();

        /// <summary>Types met at the boundary (not counted).</summary>
        public SortedSet<string> BoundaryTypes { get; } = new SortedSet<string>(StringComparer.Ordinal);

        /// <summary>Library types priced by their fields only, not followed further.</summary>
        public SortedSet<string> OpaqueLibraryTypes { get; } = new SortedSet<string>(StringComparer.Ordinal);

        /// <summary>Largest single array, in heap blocks (nanoCLR refuses one above 65,535).</summary>
        public int LargestArrayBlocks { get; private set; }
        public string LargestArray { get; private set; } = "";

        public long Total { get; private set; }

        /// <summary>Label the bytes counted from now on are attributed to (see <see cref="TopOfPart"/>).</summary>
        public string Part { get; set; } = "";

        /// <summary>Types compiled from firmware/ and hal/abstractions (the device assemblies) into the host build.</summary>
        public static IEnumerable<Type> DeviceTypes()
        {
            return new[] { typeof(DoorController.Access.AccessPipeline).Assembly, typeof(DoorController.Controller.ControllerApp).Assembly }
                .SelectMany(a => a.GetTypes())
                .Where(t => t.Namespace != null && t.Namespace.StartsWith("DoorController.", StringComparison.Ordinal)
                    && !t.Namespace.StartsWith("DoorController.Hal.Host", StringComparison.Ordinal));
        }

        /// <summary>Adds everything reachable from <paramref name="root"/> not counted yet; returns the bytes added.</summary>
        public long Measure(object root)
        {
            long before = Total;
            Push(root);
            Drain();
            return Total - before;
        }

        /// <summary>The static fields of <paramref name="types"/> (one block each) and what they reference; returns the bytes added.</summary>
        public long MeasureStatics(IEnumerable<Type> types)
        {
            long before = Total;
            foreach (Type t in types)
            {
                if (t.IsGenericTypeDefinition || t.Name.Contains('<') || IsBoundary(t))
                {
                    continue;
                }
                RuntimeHelpers.RunClassConstructor(t.TypeHandle); // nanoCLR runs every static constructor at start-up
                foreach (FieldInfo f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (f.IsLiteral)
                    {
                        continue;
                    }
                    Charge("(static field slots)", NanoHeapModel.BlockBytes);
                    VisitField(f.FieldType, f.GetValue(null));
                }
            }
            Drain();
            return Total - before;
        }

        /// <summary>The <paramref name="n"/> types holding the most bytes in one part, largest first.</summary>
        public IEnumerable<(string Type, int Count, long Bytes)> TopOfPart(string part, int n)
        {
            string prefix = part + "|";
            return _byType.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderByDescending(kv => kv.Value).Take(n)
                .Select(kv => (kv.Key.Substring(prefix.Length), _counts[kv.Key], kv.Value));
        }

        /// <summary>The <paramref name="n"/> types holding the most bytes, largest first.</summary>
        public IEnumerable<(string Type, int Count, long Bytes)> Top(int n)
        {
            var merged = new Dictionary<string, (int Count, long Bytes)>();
            foreach (var kv in _byType)
            {
                string type = kv.Key.Substring(kv.Key.IndexOf('|') + 1);
                merged.TryGetValue(type, out var t);
                merged[type] = (t.Count + _counts[kv.Key], t.Bytes + kv.Value);
            }
            return merged.OrderByDescending(kv => kv.Value.Bytes).Take(n).Select(kv => (kv.Key, kv.Value.Count, kv.Value.Bytes));
        }

        private void Push(object o)
        {
            if (o != null && _visited.Add(o))
            {
                _pending.Push(o);
            }
        }

        private void Drain()
        {
            while (_pending.Count > 0)
            {
                Price(_pending.Pop());
            }
        }

        private void Price(object o)
        {
            Type t = o.GetType();
            if (IsBoundary(t))
            {
                BoundaryTypes.Add(t.FullName);
                return;
            }
            switch (o)
            {
                case string s:
                    Charge("string", NanoHeapModel.StringBytes(s, ReferenceEquals(string.IsInterned(s), s)));
                    return;
                case Delegate d:
                    foreach (Delegate single in d.GetInvocationList())
                    {
                        Charge("delegate", NanoHeapModel.DelegateBytes);
                        Push(single.Target);
                    }
                    return;
                case Array a:
                    PriceArray(a);
                    return;
                case Type:
                case MemberInfo:
                    return; // metadata lives in the assembly, not on the heap
            }
            if (t.IsValueType)
            {
                // A boxed value (an object field or object[] element holding an int, an enum or a struct).
                if (NanoHeapModel.IsInlineValue(t))
                {
                    Charge("boxed " + t.Name, NanoHeapModel.BoxBytes);
                }
                else
                {
                    PriceStruct(t, o);
                }
                return;
            }
            int library = NanoHeapModel.LibraryObjectBytes(o);
            if (library > 0)
            {
                Charge(t.FullName, library);
                if (o is Hashtable table)
                {
                    foreach (DictionaryEntry e in table)
                    {
                        VisitField(typeof(object), e.Key);
                        VisitField(typeof(object), e.Value);
                    }
                }
                else if (o is Queue queue)
                {
                    foreach (object item in queue)
                    {
                        VisitField(typeof(object), item);
                    }
                }
                return;
            }
            Charge(t.FullName, NanoHeapModel.InstanceBytes(t));
            if (t.Namespace != null && t.Namespace.StartsWith("System", StringComparison.Ordinal) && !TraversedLibraryTypes.Contains(t))
            {
                OpaqueLibraryTypes.Add(t.FullName);
                return;
            }
            foreach (FieldInfo f in NanoHeapModel.InstanceFields(t))
            {
                VisitField(f.FieldType, f.GetValue(o));
            }
        }

        private void PriceArray(Array a)
        {
            Type element = a.GetType().GetElementType();
            int bytes = NanoHeapModel.ArrayBytes(element, a.Length);
            Charge(element.Name + "[]", bytes);
            if (bytes / NanoHeapModel.BlockBytes > LargestArrayBlocks)
            {
                LargestArrayBlocks = bytes / NanoHeapModel.BlockBytes;
                LargestArray = element.Name + "[" + a.Length + "]";
            }
            if (NanoHeapModel.IsInlineValue(element))
            {
                return;
            }
            foreach (object item in a)
            {
                VisitField(element, item);
            }
        }

        /// <summary>A struct held in a field or array slot: a separate object on nanoCLR, then its own fields.</summary>
        private void PriceStruct(Type t, object value)
        {
            Charge(t.FullName, NanoHeapModel.InstanceBytes(t));
            foreach (FieldInfo f in NanoHeapModel.InstanceFields(t))
            {
                VisitField(f.FieldType, f.GetValue(value));
            }
        }

        private void VisitField(Type declared, object value)
        {
            if (value == null)
            {
                return;
            }
            if (declared.IsValueType)
            {
                if (!NanoHeapModel.IsInlineValue(declared))
                {
                    PriceStruct(declared, value);
                }
                return;
            }
            Push(value);
        }

        private void Charge(string type, long bytes)
        {
            Total += bytes;
            type = Part + "|" + type;
            _byType[type] = _byType.TryGetValue(type, out long b) ? b + bytes : bytes;
            _counts[type] = _counts.TryGetValue(type, out int c) ? c + 1 : 1;
        }

        /// <summary>
        /// The platform: the host bindings (hal/host), and the bench's own stand-ins for the board, clock, files and
        /// console line (anything of the bench implementing a HAL interface, or a stream). The bench's other types
        /// (calibration objects) are priced like firmware.
        /// </summary>
        private static bool IsBoundary(Type t)
        {
            string ns = t.Namespace ?? "";
            if (ns.StartsWith("DoorController.Hal.Host", StringComparison.Ordinal) || typeof(System.IO.FileStream).IsAssignableFrom(t))
            {
                return true;
            }
            if (!ns.StartsWith("DoorController.Bench", StringComparison.Ordinal))
            {
                return false;
            }
            return typeof(System.IO.Stream).IsAssignableFrom(t)
                || t.GetInterfaces().Any(i => i.Namespace == "DoorController.Hal" || i.Namespace == "DoorController.Controller");
        }
    }
}
