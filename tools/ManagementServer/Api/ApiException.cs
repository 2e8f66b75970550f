using System;

namespace DoorController.Server.Api
{
    /// <summary>A request the server refuses, with the HTTP status and a message meant for the caller. Thrown
    /// before anything is written; the error middleware turns it into <c>{"error": "..."}</c>.</summary>
    public sealed class ApiException : Exception
    {
        public ApiException(int status, string message) : base(message)
        {
            Status = status;
        }

        public int Status { get; }

        /// <summary>For 429: seconds until the caller may try again (sent as Retry-After).</summary>
        public long? RetryAfterSeconds { get; init; }

        public static ApiException BadRequest(string message) => new ApiException(400, message);
        public static ApiException NotFound(string what, string id) => new ApiException(404, what + " '" + id + "' does not exist");
        public static ApiException Conflict(string message) => new ApiException(409, message);

        public static ApiException TooMany(string message, long retryAfterSeconds) => new ApiException(429, message) { RetryAfterSeconds = retryAfterSeconds };
    }
}
