using System;

namespace SoftOne.Go
{
    /// <summary>A failure of softone-go (invalid arguments are <see cref="ArgumentException"/> instead).</summary>
    public class SoftOneException : Exception
    {
        /// <summary>The stable upper-case kind: AUTHENTICATION, RATE_LIMITED, API, TIMEOUT, TRANSPORT, DECODE, INTERNAL.</summary>
        public string Code { get; private set; }
        /// <summary>The HTTP status of the server's answer, where there was one.</summary>
        public int? HttpStatus { get; private set; }
        /// <summary>The server's own message (login message, 401 text, 500 message), where it gave one.</summary>
        public string ServerMessage { get; private set; }
        /// <summary>The request's URL with every secret replaced by ***, where a request was made.</summary>
        public string Url { get; private set; }
        /// <summary>The wait the server asked for in Retry-After, where it sent one.</summary>
        public TimeSpan? RetryAfter { get; private set; }

        /// <summary>A new error of <paramref name="code"/> with a message.</summary>
        public SoftOneException(string message, string code = "INTERNAL") : base(message) { Code = code; }

        internal const int StatusInvalidArgument = 1, StatusAuthentication = 2, StatusRateLimited = 3, StatusApi = 4,
            StatusTimeout = 5, StatusTransport = 6, StatusDecode = 7, StatusCancelled = 8;

        /// <summary>The exception for a native status and error (not freed here).</summary>
        internal static Exception FromNative(int status, IntPtr error)
        {
            string message = error != IntPtr.Zero ? Native.FromUtf8(Native.softone_error_message(error)) : null;
            if (message == null) message = "softone-go call failed with status " + status;
            SoftOneException e;
            switch (status)
            {
                case StatusInvalidArgument: return new ArgumentException(message);
                case StatusCancelled: return new OperationCanceledException(message);
                case StatusAuthentication: e = new SoftOneAuthenticationException(message); break;
                case StatusRateLimited: e = new SoftOneRateLimitException(message); break;
                case StatusApi: e = new SoftOneApiException(message); break;
                case StatusTimeout: e = new SoftOneTimeoutException(message); break;
                case StatusTransport: e = new SoftOneTransportException(message); break;
                case StatusDecode:
                    long idx = error != IntPtr.Zero ? Native.softone_error_entry_index(error) : -1;
                    e = new SoftOneDecodeException(message, idx >= 0 ? (int?)idx : null,
                        error != IntPtr.Zero ? Native.FromUtf8(Native.softone_error_field(error)) : null);
                    break;
                default: e = new SoftOneException(message, "INTERNAL"); break;
            }
            if (error != IntPtr.Zero)
            {
                ushort http = Native.softone_error_http_status(error);
                e.HttpStatus = http != 0 ? (int?)http : null;
                e.ServerMessage = Native.FromUtf8(Native.softone_error_server_message(error));
                e.Url = Native.FromUtf8(Native.softone_error_url(error));
                long ms = Native.softone_error_retry_after_ms(error);
                e.RetryAfter = ms >= 0 ? (TimeSpan?)TimeSpan.FromMilliseconds(ms) : null;
            }
            return e;
        }
    }

    /// <summary>The login was refused (see ServerMessage), or 401 right after a fresh login.</summary>
    public class SoftOneAuthenticationException : SoftOneException
    {
        /// <summary>A new authentication error.</summary>
        public SoftOneAuthenticationException(string message) : base(message, "AUTHENTICATION") { }
    }

    /// <summary>Any non-2xx answer other than 401/429 after retries (see HttpStatus and ServerMessage).</summary>
    public class SoftOneApiException : SoftOneException
    {
        /// <summary>A new API error.</summary>
        public SoftOneApiException(string message) : base(message, "API") { }
        /// <summary>A new API error of a more specific kind.</summary>
        protected SoftOneApiException(string message, string code) : base(message, code) { }
    }

    /// <summary>HTTP 429 after the retries were spent (see RetryAfter); an API error.</summary>
    public class SoftOneRateLimitException : SoftOneApiException
    {
        /// <summary>A new rate-limit error.</summary>
        public SoftOneRateLimitException(string message) : base(message, "RATE_LIMITED") { }
    }

    /// <summary>DNS, connect, TLS, reset, a body cut off.</summary>
    public class SoftOneTransportException : SoftOneException
    {
        /// <summary>A new transport error.</summary>
        public SoftOneTransportException(string message) : base(message, "TRANSPORT") { }
        /// <summary>A new transport error of a more specific kind.</summary>
        protected SoftOneTransportException(string message, string code) : base(message, code) { }
    }

    /// <summary>A connect or request timeout; a transport error.</summary>
    public class SoftOneTimeoutException : SoftOneTransportException
    {
        /// <summary>A new timeout error.</summary>
        public SoftOneTimeoutException(string message) : base(message, "TIMEOUT") { }
    }

    /// <summary>The body is not the documented shape; says which entry and field.</summary>
    public class SoftOneDecodeException : SoftOneException
    {
        /// <summary>The index of the entry in the response array that failed, if inside an entry.</summary>
        public int? EntryIndex { get; private set; }
        /// <summary>The wire name of the field that failed (e.g. "TimeStamp"), if known.</summary>
        public string Field { get; private set; }

        /// <summary>A new decode error.</summary>
        public SoftOneDecodeException(string message, int? entryIndex, string field) : base(message, "DECODE")
        {
            EntryIndex = entryIndex;
            Field = field;
        }
    }
}
