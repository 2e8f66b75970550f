using System;
using System.Collections;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Host version of nanoFramework.TestFramework's Assert: the overload set the device library has
    /// (one per primitive type plus object), failing with AssertFailedException.
    /// </summary>
    public sealed class Assert
    {
        private static void Fail(string what, string message)
        {
            throw new AssertFailedException(string.IsNullOrEmpty(message) ? what : what + " — " + message);
        }

        private static void Equal(object expected, object actual, string message)
        {
            if (!Equals(expected, actual))
            {
                Fail("AreEqual failed. Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">.", message);
            }
        }

        private static void NotEqual(object notExpected, object actual, string message)
        {
            if (Equals(notExpected, actual))
            {
                Fail("AreNotEqual failed. Both were:<" + Show(actual) + ">.", message);
            }
        }

        private static string Show(object value) => value == null ? "(null)" : value.ToString();

        public static void AreEqual(bool expected, bool actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(byte expected, byte actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(char expected, char actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(sbyte expected, sbyte actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(short expected, short actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(ushort expected, ushort actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(int expected, int actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(uint expected, uint actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(long expected, long actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(ulong expected, ulong actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(float expected, float actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(double expected, double actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(string expected, string actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(DateTime expected, DateTime actual, string message = "") => Equal(expected, actual, message);
        public static void AreEqual(object expected, object actual, string message = "") => Equal(expected, actual, message);

        public static void AreNotEqual(bool notExpected, bool actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(byte notExpected, byte actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(char notExpected, char actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(sbyte notExpected, sbyte actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(short notExpected, short actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(ushort notExpected, ushort actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(int notExpected, int actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(uint notExpected, uint actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(long notExpected, long actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(ulong notExpected, ulong actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(float notExpected, float actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(double notExpected, double actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(string notExpected, string actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(DateTime notExpected, DateTime actual, string message = "") => NotEqual(notExpected, actual, message);
        public static void AreNotEqual(object notExpected, object actual, string message = "") => NotEqual(notExpected, actual, message);

        public static void AreSame(object expected, object actual, string message = "")
        {
            if (!ReferenceEquals(expected, actual)) Fail("AreSame failed.", message);
        }

        public static void AreNotSame(object notExpected, object actual, string message = "")
        {
            if (ReferenceEquals(notExpected, actual)) Fail("AreNotSame failed.", message);
        }

        public static void Contains(string expected, string value, string message = "")
        {
            if (value == null || expected == null || !value.Contains(expected))
                Fail("Contains failed. <" + Show(expected) + "> not found in <" + Show(value) + ">.", message);
        }

        public static void DoesNotContains(string notExpected, string value, string message = "")
        {
            if (value != null && notExpected != null && value.Contains(notExpected))
                Fail("DoesNotContains failed. <" + notExpected + "> found in <" + value + ">.", message);
        }

        public static void StartsWith(string expected, string value, string message = "")
        {
            if (value == null || expected == null || !value.StartsWith(expected, StringComparison.Ordinal))
                Fail("StartsWith failed. <" + Show(value) + "> does not start with <" + Show(expected) + ">.", message);
        }

        public static void EndsWith(string expected, string value, string message = "")
        {
            if (value == null || expected == null || !value.EndsWith(expected, StringComparison.Ordinal))
                Fail("EndsWith failed. <" + Show(value) + "> does not end with <" + Show(expected) + ">.", message);
        }

        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition) Fail("IsTrue failed.", message);
        }

        public static void IsFalse(bool condition, string message = "")
        {
            if (condition) Fail("IsFalse failed.", message);
        }

        public static void IsNull(object value, string message = "")
        {
            if (value != null) Fail("IsNull failed. Actual:<" + value + ">.", message);
        }

        public static void IsNotNull(object value, string message = "")
        {
            if (value == null) Fail("IsNotNull failed.", message);
        }

        public static void IsInstanceOfType(object value, Type expected, string message = "")
        {
            if (value == null || !expected.IsInstanceOfType(value))
                Fail("IsInstanceOfType failed. Expected " + expected.Name + ", got " + (value == null ? "(null)" : value.GetType().Name) + ".", message);
        }

        public static void IsNotInstanceOfType(object value, Type notExpected, string message = "")
        {
            if (value != null && notExpected.IsInstanceOfType(value))
                Fail("IsNotInstanceOfType failed. Got " + value.GetType().Name + ".", message);
        }

        public static void SkipTest(string message = null)
        {
            throw new SkipTestException(message);
        }

        public static void ThrowsException(Type exception, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (!exception.IsInstanceOfType(e))
                {
                    Fail("ThrowsException failed. Expected " + exception.Name + ", got " + e.GetType().Name + ": " + e.Message, message);
                }
                return;
            }
            Fail("ThrowsException failed. Expected " + exception.Name + ", nothing was thrown.", message);
        }
    }

    public sealed class CollectionAssert
    {
        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0) Assert.IsTrue(false, "CollectionAssert.Empty failed. " + message);
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0) Assert.IsTrue(false, "CollectionAssert.NotEmpty failed. " + message);
        }

        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            Assert.IsTrue(SameItems(expected, actual), "CollectionAssert.AreEqual failed. " + message);
        }

        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            Assert.IsFalse(SameItems(notExpected, actual), "CollectionAssert.AreNotEqual failed. " + message);
        }

        private static bool SameItems(ICollection a, ICollection b)
        {
            if (a == null || b == null) return a == b;
            if (a.Count != b.Count) return false;
            IEnumerator ea = a.GetEnumerator();
            IEnumerator eb = b.GetEnumerator();
            while (ea.MoveNext() && eb.MoveNext())
            {
                if (!Equals(ea.Current, eb.Current)) return false;
            }
            return true;
        }
    }

    public static class TestExtensions
    {
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a == null || b == null) return a == b;
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (!Equals(a.GetValue(i), b.GetValue(i))) return false;
            }
            return true;
        }
    }
}
