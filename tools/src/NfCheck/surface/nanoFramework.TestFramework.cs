// nanoFramework.TestFramework 3.0.77 - section 19 of nanoframework-api.md (namespace nanoFramework.TestFramework).
// The device runner loads assembly NFUnitTest and invokes static test methods (no instance is constructed).
// The [Obsolete] xUnit-style aliases (Equal, True, Null...) are not declared: the data file gives no signatures
// and new code must not use them; Throws(Type, Action, string) is, as listed.

namespace nanoFramework.TestFramework
{
    using System;
    using System.Collections;
    using System.Runtime.CompilerServices;

    public class TestClassAttribute : Attribute
    {
        public extern TestClassAttribute();
        public virtual extern TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute);
    }

    public class TestMethodAttribute : Attribute
    {
        public extern TestMethodAttribute();
    }

    // Runs once before the class's tests.
    public class SetupAttribute : Attribute
    {
        public extern SetupAttribute();
    }

    // Runs once after the class's tests.
    public class CleanupAttribute : Attribute
    {
        public extern CleanupAttribute();
    }

    // AllowMultiple as in the package: a test method carries one [DataRow] per case.
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public extern DataRowAttribute(params object[] methodParameters);
        public extern object[] MethodParameters { get; }
    }

    public sealed partial class Assert
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern Assert();
        public static extern void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void EndsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "");
        public static extern void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "");
        public static extern void SkipTest(string message = null);
        public static extern void StartsWith(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "");
        public static extern void ThrowsException(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "");

        [Obsolete]
        public static extern void Throws(Type exception, Action action, [CallerArgumentExpression(nameof(action))] string message = "");
    }

    public sealed class CollectionAssert
    {
        // No constructor is listed in the data file: this keeps C# from inventing a public one.
        private extern CollectionAssert();
        public static extern void Empty(ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "");
        public static extern void NotEmpty(ICollection collection, [CallerArgumentExpression(nameof(collection))] string message = "");
        public static extern void AreEqual(ICollection expected, ICollection actual, [CallerArgumentExpression(nameof(actual))] string message = "");
        public static extern void AreNotEqual(ICollection notExpected, ICollection actual, [CallerArgumentExpression(nameof(actual))] string message = "");
    }

    public static class OutputHelper
    {
        public static extern void Write(string message);
        public static extern void WriteLine(string message);
    }

    public static class TestExtensions
    {
        public static extern bool SequenceEqual(this Array a, Array b);
    }

    public class SkipTestException : Exception
    {
        public extern SkipTestException(string message = null, Exception innerException = null);
    }
}

namespace TestFrameworkShared
{
    using System;

    // What a failed assertion throws.
    public class AssertFailedException : Exception
    {
        public extern AssertFailedException();
        public extern AssertFailedException(string msg);
        public extern AssertFailedException(string msg, Exception ex);
    }
}
