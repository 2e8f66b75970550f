// Compiler-support types. Not part of nanoFramework-api.md (which lists the API a door controller touches), but present
// in every mscorlib, nanoFramework.CoreLibrary 1.17.11 included, and required by the C# compiler itself: without them
// nothing compiles (void methods, structs, enums, delegates, attributes, typeof, params, extension methods, indexers).
// Declaration only; device code should not call these directly beyond what the language does for it.

namespace System
{
    // The return type of every void method.
    public struct Void
    {
    }

    // Base of every struct (and, through Enum, every enum).
    public abstract class ValueType
    {
        protected extern ValueType();
    }

    // Base of delegate types. Combine/Remove are what `+=`/`-=` on delegates and field-like events compile to.
    public abstract class Delegate
    {
        public static extern Delegate Combine(Delegate a, Delegate b);
        public static extern Delegate Remove(Delegate source, Delegate value);
        public static extern bool operator ==(Delegate d1, Delegate d2);
        public static extern bool operator !=(Delegate d1, Delegate d2);
    }

    // Base of every C# delegate type.
    public abstract class MulticastDelegate : Delegate
    {
        public static extern bool operator ==(MulticastDelegate d1, MulticastDelegate d2);
        public static extern bool operator !=(MulticastDelegate d1, MulticastDelegate d2);
    }

    // Base of attribute classes (TestFramework attributes, [Flags], [Obsolete]).
    [AttributeUsage(AttributeTargets.All, Inherited = true, AllowMultiple = false)]
    public abstract class Attribute
    {
        protected extern Attribute();
    }

    // Lets the compiler know where an attribute may appear and whether it may repeat ([DataRow] does).
    [AttributeUsage(AttributeTargets.Class, Inherited = true)]
    public sealed class AttributeUsageAttribute : Attribute
    {
        public extern AttributeUsageAttribute(AttributeTargets validOn);
        public extern AttributeTargets ValidOn { get; }
        public extern bool AllowMultiple { get; set; }
        public extern bool Inherited { get; set; }
    }

    // Argument of AttributeUsage.
    [Flags]
    public enum AttributeTargets
    {
        Assembly = 0x0001,
        Module = 0x0002,
        Class = 0x0004,
        Struct = 0x0008,
        Enum = 0x0010,
        Constructor = 0x0020,
        Method = 0x0040,
        Property = 0x0080,
        Field = 0x0100,
        Event = 0x0200,
        Interface = 0x0400,
        Parameter = 0x0800,
        Delegate = 0x1000,
        ReturnValue = 0x2000,
        GenericParameter = 0x4000,
        All = Assembly | Module | Class | Struct | Enum | Constructor | Method | Property | Field | Event | Interface | Parameter | Delegate | ReturnValue | GenericParameter,
    }

    // Emitted by the compiler on `params` parameters.
    [AttributeUsage(AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
    public sealed class ParamArrayAttribute : Attribute
    {
        public extern ParamArrayAttribute();
    }

    // [Flags] enums.
    [AttributeUsage(AttributeTargets.Enum, Inherited = false)]
    public class FlagsAttribute : Attribute
    {
        public extern FlagsAttribute();
    }

    // [Obsolete(..., true)] makes the compiler reject a member (DateTimeKind.Local); ref structs also carry it.
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Constructor | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Event | AttributeTargets.Interface | AttributeTargets.Delegate, Inherited = false)]
    public sealed class ObsoleteAttribute : Attribute
    {
        public extern ObsoleteAttribute();
        public extern ObsoleteAttribute(string message);
        public extern ObsoleteAttribute(string message, bool error);
        public extern string Message { get; }
        public extern bool IsError { get; }
    }

    // Result of typeof(...) and GetType(); nanoFramework's reflection members are not detailed in the data file,
    // so only the few it names with an obvious shape are declared.
    public abstract class Type
    {
        public static extern Type GetTypeFromHandle(RuntimeTypeHandle handle);
        public abstract string FullName { get; }
        public abstract Type BaseType { get; }
        public extern bool IsClass { get; }
        public extern bool IsEnum { get; }
        public extern bool IsArray { get; }
        public extern bool IsValueType { get; }
    }

    // Handles the compiler uses for typeof and constant array initialisers.
    public struct RuntimeTypeHandle
    {
    }

    public struct RuntimeFieldHandle
    {
    }

    public struct RuntimeMethodHandle
    {
    }

    // Delegate constructors take the target method as a native int.
    public struct IntPtr
    {
    }

    public struct UIntPtr
    {
    }
}

namespace System.Reflection
{
    // Emitted on types that declare an indexer (ArrayList, Hashtable, StringBuilder, user types).
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
    public sealed class DefaultMemberAttribute : Attribute
    {
        public extern DefaultMemberAttribute(string memberName);
        public extern string MemberName { get; }
    }
}

namespace System.Runtime.CompilerServices
{
    // Emitted on extension methods (TestExtensions.SequenceEqual(this Array, Array)).
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Assembly)]
    public sealed class ExtensionAttribute : Attribute
    {
        public extern ExtensionAttribute();
    }

    // String's indexer is named Chars in metadata: `foreach` over a string compiles to String.get_Chars.
    [AttributeUsage(AttributeTargets.Property, Inherited = true)]
    public sealed class IndexerNameAttribute : Attribute
    {
        public extern IndexerNameAttribute(string indexerName);
    }

    // Modifier on `volatile` fields.
    public static class IsVolatile
    {
    }

    // Array initialisers of constants (`new byte[] { 1, 2, 3 }`) compile to this call.
    public static class RuntimeHelpers
    {
        public static extern void InitializeArray(Array array, RuntimeFieldHandle fldHandle);
    }

    // Carried by the TestFramework's trailing `string message = ""` parameters (data file section 19).
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class CallerArgumentExpressionAttribute : Attribute
    {
        public extern CallerArgumentExpressionAttribute(string parameterName);
        public extern string ParameterName { get; }
    }

    // Emitted on `ref struct` declarations (SpanByte).
    [AttributeUsage(AttributeTargets.Struct)]
    public sealed class IsByRefLikeAttribute : Attribute
    {
        public extern IsByRefLikeAttribute();
    }

    // Emitted on `readonly struct` declarations (SpanByte, PinValue, PinValuePair).
    [AttributeUsage(AttributeTargets.All, Inherited = false)]
    public sealed class IsReadOnlyAttribute : Attribute
    {
        public extern IsReadOnlyAttribute();
    }
}
