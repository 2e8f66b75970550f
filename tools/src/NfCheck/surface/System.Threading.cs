// nanoFramework.System.Threading 1.1.52 - section 5 of nanoframework-api.md. Only these four types are compiled into
// the package (no Task, no async).

namespace System.Threading
{
    public struct CancellationToken
    {
        public static extern CancellationToken None { get; }
        public extern bool IsCancellationRequested { get; }
        public extern bool CanBeCanceled { get; }
        public extern WaitHandle WaitHandle { get; }
        public extern CancellationToken(bool canceled);
        public extern CancellationTokenRegistration Register(Action callback);
        public extern bool Equals(CancellationToken other);
        public extern void ThrowIfCancellationRequested();
    }

    public class CancellationTokenSource : IDisposable
    {
        public extern bool IsCancellationRequested { get; }
        public extern CancellationToken Token { get; }
        public extern CancellationTokenSource(int millisecondsDelay);
        public extern CancellationTokenSource(TimeSpan delay);
        public extern CancellationTokenSource();
        public extern void Cancel();
        public extern void Cancel(bool throwOnFirstException);
        public extern void CancelAfter(TimeSpan delay);
        public extern void CancelAfter(int millisecondsDelay);
        public extern void Dispose();
    }

    public struct CancellationTokenRegistration : IDisposable
    {
        public extern bool Equals(CancellationTokenRegistration other);
        public static extern bool operator ==(CancellationTokenRegistration left, CancellationTokenRegistration right);
        public static extern bool operator !=(CancellationTokenRegistration left, CancellationTokenRegistration right);
        public extern void Dispose();
    }

    public class OperationCanceledException : SystemException
    {
        public extern OperationCanceledException();
        public extern OperationCanceledException(string message);
        public extern OperationCanceledException(string message, Exception innerException);
    }
}
