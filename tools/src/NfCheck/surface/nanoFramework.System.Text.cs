// nanoFramework.System.Text 1.3.42 - section 3 of nanoframework-api.md (namespace System.Text).

namespace System.Text
{
    public abstract class Encoding
    {
        public virtual extern byte[] GetBytes(string s);
        public virtual extern int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex);
        public virtual extern char[] GetChars(byte[] bytes);
        public virtual extern char[] GetChars(byte[] bytes, int byteIndex, int byteCount);
        // The only GetString on the device: there is no GetString(byte[]).
        public virtual extern string GetString(byte[] bytes, int index, int count);
        public abstract Decoder GetDecoder();
        public static extern Encoding UTF8 { get; }
    }

    public class UTF8Encoding : Encoding
    {
        public extern UTF8Encoding();
        public override extern byte[] GetBytes(string s);
        public override extern int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex);
        public override extern char[] GetChars(byte[] bytes);
        public override extern char[] GetChars(byte[] bytes, int byteIndex, int byteCount);
        public override extern Decoder GetDecoder();
    }

    // Named by Encoding.GetDecoder; members not listed in the data file.
    public abstract class Decoder
    {
    }

    public sealed class StringBuilder
    {
        public extern int MaxCapacity { get; }
        public extern char this[int index] { get; set; }
        public extern int Capacity { get; set; }
        public extern int Length { get; set; }
        public extern StringBuilder(string value, int startIndex, int length, int capacity);
        public extern StringBuilder(string value, int capacity);
        public extern StringBuilder(int capacity, int maxCapacity);
        public extern StringBuilder(int capacity);
        public extern StringBuilder(string value);
        public extern StringBuilder();
        public extern StringBuilder Append(bool value);
        public extern StringBuilder Append(byte value);
        public extern StringBuilder Append(char value);
        public extern StringBuilder Append(double value);
        public extern StringBuilder Append(short value);
        public extern StringBuilder Append(char[] value);
        public extern StringBuilder Append(int value);
        public extern StringBuilder Append(long value);
        public extern StringBuilder Append(object value);
        public extern StringBuilder Append(string value);
        public extern StringBuilder Append(sbyte value);
        public extern StringBuilder Append(float value);
        public extern StringBuilder Append(ushort value);
        public extern StringBuilder Append(uint value);
        public extern StringBuilder Append(ulong value);
        public extern StringBuilder Append(string value, int startIndex, int count);
        public extern StringBuilder Append(char[] value, int startIndex, int charCount);
        public extern StringBuilder Append(char value, int repeatCount);
        public extern StringBuilder Remove(int startIndex, int length);
        public extern StringBuilder Insert(int index, string value, int count);
        public extern StringBuilder Insert(int index, char[] value, int startIndex, int charCount);
        public extern StringBuilder Replace(char oldChar, char newChar, int startIndex, int count);
        public extern StringBuilder Replace(char oldChar, char newChar);
        public extern StringBuilder Replace(string oldValue, string newValue, int startIndex, int count);
        public extern StringBuilder Replace(string oldValue, string newValue);
        public extern StringBuilder Clear();
        public override extern string ToString();
        public extern string ToString(int startIndex, int length);
        public extern StringBuilder AppendLine(string str);
        public extern StringBuilder AppendLine();
    }
}
