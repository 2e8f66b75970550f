// nanoFramework.System.Math 1.5.116 - section 2 of nanoframework-api.md (Math is not in mscorlib on nanoFramework).

namespace System
{
    public static class Math
    {
        public const double PI = 3.14159265358979323846;
        public const double E = 2.7182818284590452354;
        public static extern int Abs(int value);
        public static extern double Abs(double value);
        public static extern float Abs(float value);
        public static extern double Acos(double d);
        public static extern double Asin(double d);
        public static extern double Atan(double d);
        public static extern double Atan2(double y, double x);
        public static extern double Cbrt(double d);
        public static extern double Ceiling(double d);
        public static extern double Clamp(double value, double min, double max);
        public static extern long Clamp(long value, long min, long max);
        public static extern float Clamp(float value, float min, float max);
        public static extern ulong Clamp(ulong value, ulong min, ulong max);
        public static extern double Cos(double a);
        public static extern double Cosh(double value);
        public static extern double Exp(double d);
        public static extern double Floor(double d);
        public static extern double IEEERemainder(double x, double y);
        public static extern double Log(double d);
        public static extern double Log10(double d);
        public static extern int Max(int val1, int val2);
        public static extern double Max(double val1, double val2);
        public static extern float Max(float val1, float val2);
        public static extern int Min(int val1, int val2);
        public static extern double Min(double val1, double val2);
        public static extern float Min(float val1, float val2);
        public static extern double Pow(double x, double y);
        public static extern double Round(double a);
        public static extern int Sign(double value);
        public static extern int Sign(float value);
        public static extern double Sin(double a);
        public static extern double Sinh(double value);
        public static extern double Sqrt(double d);
        public static extern double Tan(double a);
        public static extern double Tanh(double value);
        public static extern double Truncate(double d);
    }
}
