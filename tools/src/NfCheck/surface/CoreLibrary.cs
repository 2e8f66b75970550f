// nanoFramework.CoreLibrary 1.17.11 (assembly mscorlib) - section 1 of nanoframework-api.md.
// Declarations only. Interface members the data file implies through a base list but does not list on the class
// are declared as explicit interface implementations: reachable through the interface, not on the class.
// Types the data file names in a signature without detailing (Version, IAsyncResult, MarshalByRefObject...) are
// declared empty.

namespace System
{
    public class Object
    {
        public extern Object();
        public virtual extern string ToString();
        public virtual extern bool Equals(object obj);
        public static extern bool Equals(object objA, object objB);
        public static extern bool ReferenceEquals(object objA, object objB);
        public virtual extern int GetHashCode();
        public extern Type GetType();
        protected extern object MemberwiseClone();
    }

    public sealed class String : IComparable, System.Collections.IEnumerable
    {
        public static readonly string Empty;
        public static extern bool Equals(string a, string b);
        [System.Runtime.CompilerServices.IndexerName("Chars")]
        public extern char this[int index] { get; }
        public extern char[] ToCharArray();
        public extern char[] ToCharArray(int startIndex, int length);
        public extern int Length { get; }
        public extern string[] Split(params char[] separator);
        public extern string[] Split(char[] separator, int count);
        public extern string Substring(int startIndex);
        public extern string Substring(int startIndex, int length);
        public extern string Trim(params char[] trimChars);
        public extern string Trim();
        public extern string TrimStart(params char[] trimChars);
        public extern string TrimEnd(params char[] trimChars);
        public extern String(char[] value, int startIndex, int length);
        public extern String(char[] value);
        public extern String(char c, int count);
        public static extern int Compare(string strA, string strB);
        public extern int CompareTo(string strB);
        public extern int IndexOf(char value);
        public extern int IndexOf(char value, int startIndex);
        public extern int IndexOf(char value, int startIndex, int count);
        public extern int IndexOf(string value);
        public extern int IndexOf(string value, int startIndex);
        public extern int IndexOf(string value, int startIndex, int count);
        public extern int IndexOfAny(char[] anyOf);
        public extern int IndexOfAny(char[] anyOf, int startIndex);
        public extern int IndexOfAny(char[] anyOf, int startIndex, int count);
        public extern int LastIndexOf(char value);
        public extern int LastIndexOf(char value, int startIndex);
        public extern int LastIndexOf(char value, int startIndex, int count);
        public extern int LastIndexOf(string value);
        public extern int LastIndexOf(string value, int startIndex);
        public extern int LastIndexOf(string value, int startIndex, int count);
        public extern int LastIndexOfAny(char[] anyOf);
        public extern int LastIndexOfAny(char[] anyOf, int startIndex);
        public extern int LastIndexOfAny(char[] anyOf, int startIndex, int count);
        public extern string ToLower();
        public extern string ToUpper();
        public static extern string Concat(object arg0);
        public static extern string Concat(object arg0, object arg1);
        public static extern string Concat(object arg0, object arg1, object arg2);
        public static extern string Concat(params object[] args);
        public static extern string Concat(string str0, string str1);
        public static extern string Concat(string str0, string str1, string str2);
        public static extern string Concat(string str0, string str1, string str2, string str3);
        public static extern string Concat(params string[] values);
        public static extern string Format(string format, params object[] args);
        public extern string PadLeft(int totalWidth, char paddingChar = ' ');
        public extern string PadRight(int totalWidth, char paddingChar = ' ');
        public static extern bool IsNullOrEmpty(string value);
        public extern bool Contains(string value);
        public extern bool StartsWith(string value);
        public extern bool EndsWith(string value);
        public static extern bool operator ==(string a, string b);
        public static extern bool operator !=(string a, string b);
        extern int IComparable.CompareTo(object obj);
        extern System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator();
    }

    public struct Char
    {
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0x00;
        public extern char ToLower();
        public extern char ToUpper();
    }

    public struct Boolean
    {
        public static readonly string FalseString;
        public static readonly string TrueString;
    }

    // Integer structs: each has exactly MaxValue, MinValue, ToString(), ToString(format), Parse(s), TryParse(s, out).
    public struct Byte
    {
        public const byte MaxValue = 0xFF;
        public const byte MinValue = 0;
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern byte Parse(string s);
        public static extern bool TryParse(string s, out byte result);
    }

    public struct SByte
    {
        public const sbyte MaxValue = 0x7F;
        public const sbyte MinValue = -0x80;
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern sbyte Parse(string s);
        public static extern bool TryParse(string s, out sbyte result);
    }

    public struct Int16
    {
        public const short MaxValue = 0x7FFF;
        public const short MinValue = -0x8000;
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern short Parse(string s);
        public static extern bool TryParse(string s, out short result);
    }

    public struct UInt16
    {
        public const ushort MaxValue = 0xFFFF;
        public const ushort MinValue = 0;
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern ushort Parse(string s);
        public static extern bool TryParse(string s, out ushort result);
    }

    public struct Int32
    {
        public const int MaxValue = 0x7FFFFFFF;
        public const int MinValue = unchecked((int)0x80000000);
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern int Parse(string s);
        public static extern bool TryParse(string s, out int result);
    }

    public struct UInt32
    {
        public const uint MaxValue = 0xFFFFFFFF;
        public const uint MinValue = 0;
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern uint Parse(string s);
        public static extern bool TryParse(string s, out uint result);
    }

    public struct Int64
    {
        public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
        public const long MinValue = unchecked((long)0x8000000000000000);
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern long Parse(string s);
        public static extern bool TryParse(string s, out long result);
    }

    public struct UInt64
    {
        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
        public const ulong MinValue = 0;
        public override extern string ToString();
        public extern string ToString(string format);
        public static extern ulong Parse(string s);
        public static extern bool TryParse(string s, out ulong result);
    }

    public struct Double
    {
        public const double MinValue = -1.7976931348623157E+308;
        public const double MaxValue = 1.7976931348623157E+308;
        public const double Epsilon = 4.9406564584124654E-324;
        public const double NaN = 0.0 / 0.0;
        public const double PositiveInfinity = 1.0 / 0.0;
        public const double NegativeInfinity = -1.0 / 0.0;
        public extern int CompareTo(double value);
        public static extern bool IsInfinity(double d);
        public static extern bool IsNaN(double d);
        public static extern bool IsNegativeInfinity(double d);
        public static extern bool IsPositiveInfinity(double d);
        public static extern double Parse(string s);
        public static extern bool TryParse(string s, out double result);
        public override extern string ToString();
        public extern string ToString(string format);
    }

    public struct Single
    {
        public const float MinValue = -3.40282347E+38f;
        public const float MaxValue = 3.40282347E+38f;
        public const float Epsilon = 1.401298E-45f;
        public const float NaN = 0.0f / 0.0f;
        public const float PositiveInfinity = 1.0f / 0.0f;
        public const float NegativeInfinity = -1.0f / 0.0f;
        public extern int CompareTo(float value);
        public static extern bool IsInfinity(float f);
        public static extern bool IsNaN(float f);
        public static extern bool IsNegativeInfinity(float f);
        public static extern bool IsPositiveInfinity(float f);
        public static extern float Parse(string s);
        public static extern bool TryParse(string s, out float result);
        public override extern string ToString();
        public extern string ToString(string format);
    }

    public struct DateTime
    {
        public static readonly DateTime MinValue;
        public static readonly DateTime MaxValue;
        public static readonly DateTime UnixEpoch;
        public extern DateTime(long ticks);
        public extern DateTime(long ticks, DateTimeKind kind);
        public extern DateTime(int year, int month, int day);
        public extern DateTime(int year, int month, int day, int hour, int minute, int second);
        public extern DateTime(int year, int month, int day, int hour, int minute, int second, int millisecond);
        public extern DateTime Add(TimeSpan val);
        public extern DateTime AddDays(double val);
        public extern DateTime AddHours(double val);
        public extern DateTime AddMilliseconds(double val);
        public extern DateTime AddMinutes(double val);
        public extern DateTime AddSeconds(double val);
        public extern DateTime AddTicks(long val);
        public static extern int DaysInMonth(int year, int month);
        public extern DateTime Date { get; }
        public extern int Day { get; }
        public extern DayOfWeek DayOfWeek { get; }
        public extern int DayOfYear { get; }
        public extern int Hour { get; }
        public extern DateTimeKind Kind { get; }
        public extern int Millisecond { get; }
        public extern int Minute { get; }
        public extern int Month { get; }
        public static extern DateTime UtcNow { get; }
        public extern int Second { get; }
        public extern long Ticks { get; }
        public extern TimeSpan TimeOfDay { get; }
        public static extern DateTime Today { get; }
        public extern int Year { get; }
        public extern TimeSpan Subtract(DateTime val);
        public extern DateTime Subtract(TimeSpan val);
        public extern string ToString(string format);
        public static extern DateTime FromUnixTimeSeconds(long seconds);
        public extern long ToUnixTimeSeconds();
        public static extern DateTime Parse(string s);
        public static extern bool TryParse(string s, out DateTime result);
        public static extern DateTime operator +(DateTime d, TimeSpan t);
        public static extern DateTime operator -(DateTime d, TimeSpan t);
        public static extern TimeSpan operator -(DateTime d1, DateTime d2);
        public static extern bool operator ==(DateTime d1, DateTime d2);
        public static extern bool operator !=(DateTime d1, DateTime d2);
        public static extern bool operator <(DateTime t1, DateTime t2);
        public static extern bool operator <=(DateTime t1, DateTime t2);
        public static extern bool operator >(DateTime t1, DateTime t2);
        public static extern bool operator >=(DateTime t1, DateTime t2);
    }

    public enum DateTimeKind
    {
        Utc = 1,
        [Obsolete("nanoFramework keeps UTC only; local time is not supported", true)]
        Local = 2,
    }

    public enum DayOfWeek
    {
        Sunday = 0,
        Monday = 1,
        Tuesday = 2,
        Wednesday = 3,
        Thursday = 4,
        Friday = 5,
        Saturday = 6,
    }

    public struct TimeSpan
    {
        public const long TicksPerMillisecond = 10000;
        public const long TicksPerSecond = TicksPerMillisecond * 1000;
        public const long TicksPerMinute = TicksPerSecond * 60;
        public const long TicksPerHour = TicksPerMinute * 60;
        public const long TicksPerDay = TicksPerHour * 24;
        public static readonly TimeSpan Zero;
        public static readonly TimeSpan MaxValue;
        public static readonly TimeSpan MinValue;
        public extern TimeSpan(long ticks);
        public extern TimeSpan(int hours, int minutes, int seconds);
        public extern TimeSpan(int days, int hours, int minutes, int seconds);
        public extern TimeSpan(int days, int hours, int minutes, int seconds, int milliseconds);
        public extern long Ticks { get; }
        public extern int Days { get; }
        public extern int Hours { get; }
        public extern int Milliseconds { get; }
        public extern int Minutes { get; }
        public extern int Seconds { get; }
        public extern double TotalDays { get; }
        public extern double TotalHours { get; }
        public extern double TotalMilliseconds { get; }
        public extern double TotalMinutes { get; }
        public extern double TotalSeconds { get; }
        public extern TimeSpan Add(TimeSpan ts);
        public extern TimeSpan Duration();
        public extern TimeSpan Negate();
        public extern TimeSpan Subtract(TimeSpan ts);
        public static extern TimeSpan FromTicks(long value);
        public static extern TimeSpan FromMilliseconds(long value);
        public static extern TimeSpan FromSeconds(long value);
        public static extern TimeSpan FromMinutes(long value);
        public static extern TimeSpan FromHours(long value);
        public static extern TimeSpan FromDays(long value);
        public static extern TimeSpan operator -(TimeSpan t);
        public static extern TimeSpan operator -(TimeSpan t1, TimeSpan t2);
        public static extern TimeSpan operator +(TimeSpan t);
        public static extern TimeSpan operator +(TimeSpan t1, TimeSpan t2);
        public static extern bool operator ==(TimeSpan t1, TimeSpan t2);
        public static extern bool operator !=(TimeSpan t1, TimeSpan t2);
        public static extern bool operator <(TimeSpan t1, TimeSpan t2);
        public static extern bool operator <=(TimeSpan t1, TimeSpan t2);
        public static extern bool operator >(TimeSpan t1, TimeSpan t2);
        public static extern bool operator >=(TimeSpan t1, TimeSpan t2);
    }

    public struct Guid
    {
        public static readonly Guid Empty;
        public extern Guid(uint a, ushort b, ushort c, byte d, byte e, byte f, byte g, byte h, byte i, byte j, byte k);
        public extern Guid(int a, short b, short c, byte d, byte e, byte f, byte g, byte h, byte i, byte j, byte k);
        public extern Guid(byte[] b);
        public extern Guid(string g);
        public extern byte[] ToByteArray();
        public static extern Guid NewGuid();
        public static extern bool TryParseGuidWithDashes(string input, out Guid result);
    }

    public static class Convert
    {
        public static extern bool ToBoolean(byte value);
        public static extern char ToChar(ushort value);
        public static extern sbyte ToSByte(string value, int fromBase = 10);
        public static extern byte ToByte(string value, int fromBase = 10);
        public static extern byte ToByte(bool value);
        public static extern DateTime ToDateTime(string value);
        public static extern short ToInt16(string value, int fromBase = 10);
        public static extern ushort ToUInt16(string value, int fromBase = 10);
        public static extern int ToInt32(string value, int fromBase = 10);
        public static extern uint ToUInt32(string value, int fromBase = 10);
        public static extern long ToInt64(string value, int fromBase = 10);
        public static extern ulong ToUInt64(string value, int fromBase = 10);
        public static extern double ToDouble(string value);
        public static extern float ToSingle(string value);
        public static extern string ToBase64String(byte[] inArray);
        public static extern string ToBase64String(byte[] inArray, Base64FormattingOptions options);
        public static extern string ToBase64String(byte[] inArray, int offset, int length);
        public static extern string ToBase64String(byte[] inArray, int offset, int length, Base64FormattingOptions options);
        public static extern byte[] FromBase64String(string inString);
        public static extern byte[] FromBase64CharArray(char[] inArray, int offset, int length);
    }

    public enum Base64FormattingOptions
    {
        None,
        InsertLineBreaks,
    }

    public static class BitConverter
    {
        public static extern bool IsLittleEndian { get; }
        public static extern long DoubleToInt64Bits(double value);
        public static extern byte[] GetBytes(bool value);
        public static extern byte[] GetBytes(char value);
        public static extern byte[] GetBytes(double value);
        public static extern byte[] GetBytes(float value);
        public static extern byte[] GetBytes(int value);
        public static extern byte[] GetBytes(long value);
        public static extern byte[] GetBytes(short value);
        public static extern byte[] GetBytes(uint value);
        public static extern byte[] GetBytes(ulong value);
        public static extern byte[] GetBytes(ushort value);
        public static extern double Int64BitsToDouble(long value);
        public static extern bool ToBoolean(byte[] value, int startIndex);
        public static extern char ToChar(byte[] value, int startIndex);
        public static extern double ToDouble(byte[] value, int startIndex);
        public static extern short ToInt16(byte[] value, int startIndex);
        public static extern int ToInt32(byte[] value, int startIndex);
        public static extern long ToInt64(byte[] value, int startIndex);
        public static extern float ToSingle(byte[] value, int startIndex);
        public static extern string ToString(byte[] value);
        public static extern string ToString(byte[] value, int startIndex);
        public static extern string ToString(byte[] value, int startIndex, int length);
        public static extern ushort ToUInt16(byte[] value, int startIndex);
        public static extern uint ToUInt32(byte[] value, int startIndex);
        public static extern ulong ToUInt64(byte[] value, int startIndex);
    }

    public abstract class Array : ICloneable, System.Collections.IList
    {
        public static extern Array CreateInstance(Type elementType, int length);
        public static extern void Copy(Array sourceArray, Array destinationArray, int length);
        public static extern void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length);
        public static extern void Clear(Array array, int index, int length);
        public extern object GetValue(int index);
        public extern int Length { get; }
        public extern void CopyTo(Array array, int index);
        public static extern int IndexOf(Array array, object value);
        public static extern int IndexOf(Array array, object value, int startIndex);
        public static extern int IndexOf(Array array, object value, int startIndex, int count);
        extern object ICloneable.Clone();
        extern System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator();
        extern int System.Collections.ICollection.Count { get; }
        extern object System.Collections.ICollection.SyncRoot { get; }
        extern bool System.Collections.ICollection.IsSynchronized { get; }
        extern object System.Collections.IList.this[int index] { get; set; }
        extern int System.Collections.IList.Add(object value);
        extern bool System.Collections.IList.Contains(object value);
        extern void System.Collections.IList.Clear();
        extern int System.Collections.IList.IndexOf(object value);
        extern void System.Collections.IList.Insert(int index, object value);
        extern void System.Collections.IList.Remove(object value);
        extern void System.Collections.IList.RemoveAt(int index);
        extern bool System.Collections.IList.IsReadOnly { get; }
        extern bool System.Collections.IList.IsFixedSize { get; }
    }

    public class Random
    {
        public extern Random();
        public extern Random(int seed);
        public virtual extern int Next();
        public virtual extern int Next(int maxValue);
        public virtual extern double NextDouble();
        public virtual extern void NextBytes(byte[] buffer);
    }

    public abstract class Enum : ValueType
    {
        public extern bool HasFlag(Enum flag);
    }

    public readonly ref struct SpanByte
    {
        public extern SpanByte(byte[] array);
        public extern SpanByte(byte[] array, int start, int length);
        public extern byte this[int index] { get; set; }
        public static extern SpanByte Empty { get; }
        public extern int Length { get; }
        public extern bool IsEmpty { get; }
        public extern void CopyTo(SpanByte destination);
        public extern SpanByte Slice(int start);
        public extern SpanByte Slice(int start, int length);
        public extern byte[] ToArray();
        public static extern implicit operator SpanByte(byte[] array);
    }

    public static class Console
    {
        public static extern void Write(string value);
        public static extern void WriteLine();
        public static extern void WriteLine(string value);
    }

    public class EventArgs
    {
        public static readonly EventArgs Empty;
        public extern EventArgs();
    }

    public delegate void EventHandler(object sender, EventArgs e);

    public delegate void EventHandler<TEventArgs>(object sender, TEventArgs e);

    public delegate void Action();

    public delegate void Action<in T>(T obj);

    public delegate void Action<in T1, in T2>(T1 arg1, T2 arg2);

    public delegate TResult Func<out TResult>();

    public delegate TResult Func<in T, out TResult>(T arg);

    public delegate TResult Func<in T1, in T2, out TResult>(T1 arg1, T2 arg2);

    public delegate void AsyncCallback(IAsyncResult ar);

    // Named by AsyncCallback; members not listed in the data file.
    public interface IAsyncResult
    {
    }

    public interface IDisposable
    {
        void Dispose();
    }

    public interface ICloneable
    {
        object Clone();
    }

    public interface IComparable
    {
        int CompareTo(object obj);
    }

    public interface IFormattable
    {
    }

    public interface IFormatProvider
    {
    }

    public interface ICustomFormatter
    {
    }

    // Base of Timer, WaitHandle and Stream (named in their base lists); no members listed.
    public abstract class MarshalByRefObject
    {
        protected extern MarshalByRefObject();
    }

    // Named by SystemInfo.Version and MfRc522.Version; members not listed in the data file.
    public sealed class Version
    {
        private extern Version();
    }

    public class Exception
    {
        public extern Exception();
        public extern Exception(string message);
        public extern Exception(string message, Exception innerException);
        public virtual extern string Message { get; }
        public extern Exception InnerException { get; }
        public virtual extern string StackTrace { get; }
        public override extern string ToString();
        protected extern int HResult { get; }
    }

    public class SystemException : Exception
    {
        public extern SystemException();
        public extern SystemException(string message);
        public extern SystemException(string message, Exception innerException);
    }

    public class ApplicationException : Exception
    {
        public extern ApplicationException();
        public extern ApplicationException(string message);
        public extern ApplicationException(string message, Exception innerException);
    }

    public class ArgumentException : SystemException
    {
        public extern ArgumentException();
        public extern ArgumentException(string message);
        public extern ArgumentException(string message, Exception innerException);
        public extern ArgumentException(string message, string paramName);
        public extern ArgumentException(string message, string paramName, Exception innerException);
        public virtual extern string ParamName { get; }
        public static extern void ThrowIfNullOrEmpty(string argument, string paramName = null);
    }

    public class ArgumentNullException : ArgumentException
    {
        public extern ArgumentNullException(string paramName);
        public extern ArgumentNullException(string paramName, string message);
        public static extern void ThrowIfNull(object argument, string paramName = null);
    }

    public class ArgumentOutOfRangeException : ArgumentException
    {
        public extern ArgumentOutOfRangeException(string paramName);
        public extern ArgumentOutOfRangeException(string paramName, string message);
    }

    public class FormatException : SystemException
    {
        public extern FormatException();
        public extern FormatException(string message);
        public extern FormatException(string message, Exception innerException);
    }

    public class IndexOutOfRangeException : SystemException
    {
        public extern IndexOutOfRangeException();
        public extern IndexOutOfRangeException(string message);
        public extern IndexOutOfRangeException(string message, Exception innerException);
    }

    public class InvalidCastException : SystemException
    {
        public extern InvalidCastException();
        public extern InvalidCastException(string message);
        public extern InvalidCastException(string message, Exception innerException);
    }

    public class InvalidOperationException : SystemException
    {
        public extern InvalidOperationException();
        public extern InvalidOperationException(string message);
        public extern InvalidOperationException(string message, Exception innerException);
    }

    public class NotImplementedException : SystemException
    {
        public extern NotImplementedException();
        public extern NotImplementedException(string message);
        public extern NotImplementedException(string message, Exception innerException);
    }

    public class NotSupportedException : SystemException
    {
        public extern NotSupportedException();
        public extern NotSupportedException(string message);
        public extern NotSupportedException(string message, Exception innerException);
    }

    public class NullReferenceException : SystemException
    {
        public extern NullReferenceException();
        public extern NullReferenceException(string message);
        public extern NullReferenceException(string message, Exception innerException);
    }

    public class ObjectDisposedException : InvalidOperationException
    {
        public extern ObjectDisposedException();
        public extern ObjectDisposedException(string message);
        public extern ObjectDisposedException(string message, Exception innerException);
    }

    public class OutOfMemoryException : SystemException
    {
        public extern OutOfMemoryException();
        public extern OutOfMemoryException(string message);
        public extern OutOfMemoryException(string message, Exception innerException);
    }

    public class PlatformNotSupportedException : NotSupportedException
    {
        public extern PlatformNotSupportedException();
        public extern PlatformNotSupportedException(string message);
        public extern PlatformNotSupportedException(string message, Exception innerException);
    }

    public class TimeoutException : SystemException
    {
        public extern TimeoutException();
        public extern TimeoutException(string message);
        public extern TimeoutException(string message, Exception innerException);
    }

    public class AppDomainUnloadedException : SystemException
    {
        public extern AppDomainUnloadedException();
        public extern AppDomainUnloadedException(string message);
        public extern AppDomainUnloadedException(string message, Exception innerException);
    }
}

namespace System.IO
{
    public class IOException : SystemException
    {
        public extern IOException();
        public extern IOException(string message);
        public extern IOException(string message, Exception innerException);
        public extern IOException(string message, int hresult);
        public extern IOExceptionErrorCode ErrorCode { get; }
    }

    // Named by IOException.ErrorCode; values not listed in the data file.
    public enum IOExceptionErrorCode
    {
    }
}

namespace System.Collections
{
    public class ArrayList : IList, ICloneable
    {
        public extern ArrayList();
        public virtual extern int Capacity { get; set; }
        public virtual extern int Count { get; }
        public virtual extern object this[int index] { get; set; }
        public virtual extern int Add(object value);
        public virtual extern void Clear();
        public virtual extern bool Contains(object value);
        public virtual extern void CopyTo(Array array);
        public virtual extern void CopyTo(Array array, int index);
        public virtual extern IEnumerator GetEnumerator();
        public virtual extern int IndexOf(object value);
        public virtual extern int IndexOf(object value, int startIndex);
        public virtual extern int IndexOf(object value, int startIndex, int count);
        public virtual extern void Insert(int index, object value);
        public virtual extern void Remove(object value);
        public virtual extern void RemoveAt(int index);
        public virtual extern object[] ToArray();
        public virtual extern Array ToArray(Type type);
        extern object ICloneable.Clone();
        extern object ICollection.SyncRoot { get; }
        extern bool ICollection.IsSynchronized { get; }
        extern bool IList.IsReadOnly { get; }
        extern bool IList.IsFixedSize { get; }
    }

    public interface IEnumerable
    {
        IEnumerator GetEnumerator();
    }

    public interface IEnumerator
    {
        bool MoveNext();
        object Current { get; }
        void Reset();
    }

    public interface ICollection : IEnumerable
    {
        int Count { get; }
        object SyncRoot { get; }
        bool IsSynchronized { get; }
        void CopyTo(Array array, int index);
    }

    public interface IList : ICollection
    {
        object this[int index] { get; set; }
        int Add(object value);
        bool Contains(object value);
        void Clear();
        int IndexOf(object value);
        void Insert(int index, object value);
        void Remove(object value);
        void RemoveAt(int index);
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
    }

    public interface IComparer
    {
        int Compare(object x, object y);
    }

    public interface IEqualityComparer
    {
        bool Equals(object x, object y);
        int GetHashCode(object obj);
    }
}

namespace System.Threading
{
    public sealed class Thread
    {
        public extern Thread(ThreadStart start);
        public extern void Start();
        public extern void Abort();
        public extern void Suspend();
        public extern void Resume();
        public extern ThreadPriority Priority { get; set; }
        public extern int ManagedThreadId { get; }
        public extern bool IsAlive { get; }
        public extern void Join();
        public extern bool Join(int millisecondsTimeout);
        public extern bool Join(TimeSpan timeout);
        public static extern void Sleep(int millisecondsTimeout);
        public static extern void Sleep(TimeSpan timeout);
        public static extern void SpinWait(int iterations);
        public static extern Thread CurrentThread { get; }
        public extern ThreadState ThreadState { get; }
    }

    public delegate void ThreadStart();

    // Named by Thread.ThreadState; values not listed in the data file.
    public enum ThreadState
    {
    }

    public enum ThreadPriority
    {
        Lowest = 0,
        BelowNormal = 1,
        Normal = 2,
        AboveNormal = 3,
        Highest = 4,
    }

    public sealed class Timer : MarshalByRefObject, IDisposable
    {
        public extern Timer(TimerCallback callback, object state, int dueTime, int period);
        public extern Timer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period);
        public extern bool Change(int dueTime, int period);
        public extern bool Change(TimeSpan dueTime, TimeSpan period);
        public extern void Dispose();
    }

    public delegate void TimerCallback(object state);

    public static class Timeout
    {
        public const int Infinite = -1;
        public static readonly TimeSpan InfiniteTimeSpan;
    }

    public abstract class WaitHandle : MarshalByRefObject
    {
        public const int WaitTimeout = 0x102;
        public virtual extern bool WaitOne(int millisecondsTimeout, bool exitContext);
        public virtual extern bool WaitOne();
        public static extern bool WaitAll(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext);
        public static extern bool WaitAll(WaitHandle[] waitHandles);
        public static extern int WaitAny(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext);
        public static extern int WaitAny(WaitHandle[] waitHandles);
    }

    public sealed class AutoResetEvent : WaitHandle
    {
        public extern AutoResetEvent(bool initialState);
        public extern bool Reset();
        public extern bool Set();
    }

    public sealed class ManualResetEvent : WaitHandle
    {
        public extern ManualResetEvent(bool initialState);
        public extern bool Reset();
        public extern bool Set();
    }

    public static class Monitor
    {
        public static extern void Enter(object obj);
        public static extern void Exit(object obj);
    }

    public static class Interlocked
    {
        public static extern int Increment(ref int location);
        public static extern int Decrement(ref int location);
        public static extern int Exchange(ref int location1, int value);
        public static extern int CompareExchange(ref int location1, int value, int comparand);
    }

    public sealed class ThreadAbortException : SystemException
    {
        public extern ThreadAbortException();
        public extern ThreadAbortException(string message);
        public extern ThreadAbortException(string message, Exception innerException);
    }
}

namespace System.Diagnostics
{
    public static class Debug
    {
        public static extern void Assert(bool condition);
        public static extern void Assert(bool condition, string message);
        public static extern void Assert(bool condition, string message, string detailedMessage);
        public static extern void Write(string message);
        public static extern void WriteLine();
        public static extern void WriteLine(string message);
    }

    public static class Debugger
    {
        public static extern bool IsAttached { get; }
        public static extern void Break();
    }
}
