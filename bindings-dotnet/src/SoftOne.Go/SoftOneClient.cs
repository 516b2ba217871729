using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace SoftOne.Go
{
    /// <summary>
    /// Settings of a <see cref="SoftOneClient"/>, mirroring the C <c>softone_client_options</c>.
    /// Null means the documented default.
    /// </summary>
    public sealed class SoftOneClientOptions
    {
        /// <summary>The company API key (companyApiKey). Required.</summary>
        public string CompanyApiKey { get; set; }
        /// <summary>The integration's API key (connectApiKey). Required.</summary>
        public string ConnectApiKey { get; set; }
        /// <summary>The company's license (login triple: set all three or none).</summary>
        public string License { get; set; }
        /// <summary>The API user's name (login triple).</summary>
        public string Username { get; set; }
        /// <summary>The API user's password (login triple).</summary>
        public string Password { get; set; }
        /// <summary>A ready token, used until the server refuses it.</summary>
        public string Token { get; set; }
        /// <summary>The base URL (default https://apiexternal.softone.se).</summary>
        public string BaseUrl { get; set; }
        /// <summary>Text appended to the user agent (default "dotnet/&lt;runtime version&gt;").</summary>
        public string UserAgentSuffix { get; set; }
        /// <summary>A proxy URL for every request (default: the standard proxy environment variables).</summary>
        public string ProxyUrl { get; set; }
        /// <summary>Use no proxy at all, whatever the environment says.</summary>
        public bool NoProxy { get; set; }
        /// <summary>A PEM file of extra CA certificates to trust beside the system's.</summary>
        public string ExtraCaPemPath { get; set; }
        /// <summary>The timeout of one request (default 60 s).</summary>
        public TimeSpan? Timeout { get; set; }
        /// <summary>The connect timeout (default 10 s).</summary>
        public TimeSpan? ConnectTimeout { get; set; }
        /// <summary>How many times a failed request is sent again (default 3).</summary>
        public int? MaxRetries { get; set; }
        /// <summary>Days per request window (default 7; 0 = one window for the whole range).</summary>
        public int? ChunkDays { get; set; }
        /// <summary>Requests in flight at most per fetch (default 4).</summary>
        public int? MaxConcurrency { get; set; }
        /// <summary>The first backoff delay before jitter (default 0.5 s).</summary>
        public TimeSpan? BackoffBase { get; set; }
        /// <summary>The longest backoff delay (default 30 s).</summary>
        public TimeSpan? BackoffCap { get; set; }
        /// <summary>The longest Retry-After wait honoured (default 120 s).</summary>
        public TimeSpan? MaxRetryAfter { get; set; }
        /// <summary>Log in again after this long (default 55 min).</summary>
        public TimeSpan? TokenRenewAfter { get; set; }
        /// <summary>Allow http:// to hosts other than loopback (default false).</summary>
        public bool AllowInsecureHttp { get; set; }

        /// <summary>Shows which settings are set, never their secret values.</summary>
        public override string ToString()
        {
            return "SoftOneClientOptions { BaseUrl = " + (BaseUrl ?? "(default)") +
                ", CompanyApiKey = " + (CompanyApiKey != null ? "***" : "null") +
                ", ConnectApiKey = " + (ConnectApiKey != null ? "***" : "null") +
                ", Login = " + (Password != null ? "***" : "null") +
                ", Token = " + (Token != null ? "***" : "null") + " }";
        }

        private static ulong Ms(TimeSpan? t, ulong fallback, string name)
        {
            if (!t.HasValue) return fallback;
            if (t.Value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, name + " must not be negative");
            return (ulong)t.Value.TotalMilliseconds;
        }

        private static uint Count(int? v, uint fallback, string name)
        {
            if (!v.HasValue) return fallback;
            if (v.Value < 0) throw new ArgumentOutOfRangeException(name, name + " must not be negative");
            return (uint)v.Value;
        }

        /// <summary>Fill a native options struct; strings are copied into <paramref name="strings"/>.</summary>
        internal void ToNative(ref Native.ClientOptions o, Utf8Strings strings)
        {
            o.CompanyApiKey = strings.Add(CompanyApiKey, "CompanyApiKey");
            o.ConnectApiKey = strings.Add(ConnectApiKey, "ConnectApiKey");
            o.License = strings.Add(License, "License");
            o.Username = strings.Add(Username, "Username");
            o.Password = strings.Add(Password, "Password");
            o.Token = strings.Add(Token, "Token");
            o.BaseUrl = strings.Add(BaseUrl, "BaseUrl");
            o.UserAgentSuffix = strings.Add(UserAgentSuffix ?? ("dotnet/" + Environment.Version), "UserAgentSuffix");
            o.ProxyUrl = strings.Add(ProxyUrl, "ProxyUrl");
            o.ExtraCaPemPath = strings.Add(ExtraCaPemPath, "ExtraCaPemPath");
            o.NoProxy = (byte)(NoProxy ? 1 : 0);
            o.AllowInsecureHttp = (byte)(AllowInsecureHttp ? 1 : 0);
            o.TimeoutMs = Ms(Timeout, o.TimeoutMs, "Timeout");
            o.ConnectTimeoutMs = Ms(ConnectTimeout, o.ConnectTimeoutMs, "ConnectTimeout");
            o.BackoffBaseMs = Ms(BackoffBase, o.BackoffBaseMs, "BackoffBase");
            o.BackoffCapMs = Ms(BackoffCap, o.BackoffCapMs, "BackoffCap");
            o.MaxRetryAfterMs = Ms(MaxRetryAfter, o.MaxRetryAfterMs, "MaxRetryAfter");
            o.TokenRenewAfterMs = Ms(TokenRenewAfter, o.TokenRenewAfterMs, "TokenRenewAfter");
            o.MaxRetries = Count(MaxRetries, o.MaxRetries, "MaxRetries");
            o.ChunkDays = Count(ChunkDays, o.ChunkDays, "ChunkDays");
            o.MaxConcurrency = Count(MaxConcurrency, o.MaxConcurrency, "MaxConcurrency");
        }
    }

    /// <summary>
    /// A client of the SoftOne GO time stamp entry API. Thread-safe: one client may be used
    /// from many threads at once (it shares one login and connection pool). Dispose it when done.
    /// </summary>
    public sealed class SoftOneClient : IDisposable
    {
        private readonly ClientHandle _handle;

        private SoftOneClient(ClientHandle handle) { _handle = handle; }

        /// <summary>A client with these options (no network I/O yet: the first fetch logs in).</summary>
        /// <exception cref="ArgumentException">The options are invalid (the message names the setting).</exception>
        public SoftOneClient(SoftOneClientOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            var o = new Native.ClientOptions();
            IntPtr err;
            Native.Check(Native.softone_client_options_init(ref o, out err), err);
            using (var strings = new Utf8Strings())
            {
                options.ToNative(ref o, strings);
                ClientHandle h;
                int st = Native.softone_client_new(ref o, out h, out err);
                Native.Check(st, err);
                _handle = h;
            }
        }

        /// <summary>A client from the SOFTONE_* environment variables (SOFTONE_COMPANY_API_KEY, ...).</summary>
        public static SoftOneClient FromEnvironment()
        {
            ClientHandle h;
            IntPtr err;
            int st = Native.softone_client_from_env(out h, out err);
            Native.Check(st, err);
            return new SoftOneClient(h);
        }

        /// <summary>The native library's version, e.g. "0.1.0".</summary>
        public static string Version { get { return Native.FromUtf8(Native.softone_version()); } }

        private ClientHandle Handle
        {
            get
            {
                if (_handle.IsClosed) throw new ObjectDisposedException("SoftOneClient");
                return _handle;
            }
        }

        /// <summary>Log in now (normally done by the first fetch), to check the credentials early.</summary>
        public void Login()
        {
            IntPtr err;
            Native.Check(Native.softone_client_login(Handle, out err), err);
        }

        /// <summary>
        /// Every entry of the work dates <paramref name="dateFrom"/> to <paramref name="dateTo"/>
        /// (both inclusive; dates only: a time of day is an <see cref="ArgumentException"/>, since
        /// the endpoint filters by work date), for <paramref name="employees"/> (null: all),
        /// sorted by employee number and time. Blocking.
        /// </summary>
        public IReadOnlyList<TimeStampEntry> GetTimeStampEntries(DateTime dateFrom, DateTime dateTo,
            IEnumerable<string> employees = null)
        {
            using (var token = NewCancelHandle())
                return Fetch(dateFrom, dateTo, employees, null, token);
        }

        /// <summary>Like <see cref="GetTimeStampEntries"/>, on the thread pool; cancelling stops the fetch.</summary>
        public Task<IReadOnlyList<TimeStampEntry>> GetTimeStampEntriesAsync(DateTime dateFrom, DateTime dateTo,
            IEnumerable<string> employees = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return GetTimeStampEntriesAsync(dateFrom, dateTo, employees, null, cancellationToken);
        }

        /// <summary>Like <see cref="GetTimeStampEntriesAsync(DateTime, DateTime, IEnumerable{string}, CancellationToken)"/>, reporting progress per request piece.</summary>
        public Task<IReadOnlyList<TimeStampEntry>> GetTimeStampEntriesAsync(DateTime dateFrom, DateTime dateTo,
            IEnumerable<string> employees, IProgress<FetchProgress> progress, CancellationToken cancellationToken)
        {
            // Argument errors surface at once, as the synchronous method would raise them.
            CheckDate(dateFrom, "dateFrom");
            CheckDate(dateTo, "dateTo");
            var list = employees == null ? null : new List<string>(employees);
            if (_handle.IsClosed) throw new ObjectDisposedException("SoftOneClient");
            if (cancellationToken.IsCancellationRequested)
                return Task.FromCanceled<IReadOnlyList<TimeStampEntry>>(cancellationToken);
            return Task.Run(() =>
            {
                using (var token = NewCancelHandle())
                using (cancellationToken.Register(() => { IntPtr e; Native.softone_cancel_token_cancel(token, out e); if (e != IntPtr.Zero) Native.softone_error_free(e); }))
                {
                    try
                    {
                        return Fetch(dateFrom, dateTo, list, progress, token);
                    }
                    catch (OperationCanceledException e)
                    {
                        throw new OperationCanceledException(e.Message, e, cancellationToken);
                    }
                }
            }, cancellationToken);
        }

        private static CancelHandle NewCancelHandle()
        {
            CancelHandle h = Native.softone_cancel_token_new();
            if (h.IsInvalid) throw new OutOfMemoryException("cannot allocate a cancellation token");
            return h;
        }

        private static string CheckDate(DateTime d, string name)
        {
            if (d.TimeOfDay != TimeSpan.Zero)
                throw new ArgumentException(name + " " + d.ToString("o", CultureInfo.InvariantCulture) +
                    " has a time of day: the endpoint filters by work date, so pass a date (e.g. " + name + ".Date)", name);
            return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        private IReadOnlyList<TimeStampEntry> Fetch(DateTime dateFrom, DateTime dateTo, IEnumerable<string> employees,
            IProgress<FetchProgress> progress, CancelHandle token)
        {
            string from = CheckDate(dateFrom, "dateFrom");
            string to = CheckDate(dateTo, "dateTo");
            var handle = Handle;
            using (var strings = new Utf8Strings())
            {
                IntPtr[] emps = null;
                int count = 0;
                if (employees != null)
                {
                    var ptrs = new List<IntPtr>();
                    foreach (string e in employees)
                    {
                        if (e == null) throw new ArgumentException("employees contains null", "employees");
                        ptrs.Add(strings.Add(e, "employees"));
                    }
                    count = ptrs.Count;
                    // An empty list asks for nobody: a non-NULL array with a count of 0.
                    emps = ptrs.Count > 0 ? ptrs.ToArray() : new IntPtr[] { IntPtr.Zero };
                }
                Exception callbackError = null;
                Native.ProgressFn cb = null;
                if (progress != null)
                {
                    cb = (done, total, user) =>
                    {
                        try { progress.Report(new FetchProgress((int)done.ToUInt64(), (int)total.ToUInt64())); }
                        catch (Exception ex) { if (callbackError == null) callbackError = ex; }
                    };
                }
                IntPtr list, err;
                int st = Native.softone_time_stamp_entries_with(handle, strings.Add(from, "dateFrom"),
                    strings.Add(to, "dateTo"), emps, new UIntPtr((uint)count), cb,
                    IntPtr.Zero, token, out list, out err);
                GC.KeepAlive(cb);
                Native.Check(st, err);
                try
                {
                    if (callbackError != null) throw callbackError;
                    int n = (int)Native.softone_entry_list_len(list).ToUInt64();
                    var result = new List<TimeStampEntry>(n);
                    for (int i = 0; i < n; i++)
                        result.Add(TimeStampEntry.FromNative(Native.softone_entry_list_get(list, new UIntPtr((uint)i))));
                    return new ReadOnlyCollection<TimeStampEntry>(result);
                }
                finally
                {
                    Native.softone_entry_list_free(list);
                }
            }
        }

        /// <summary>Free the native client (idempotent). Calls in progress on other threads finish first.</summary>
        public void Dispose()
        {
            _handle.Dispose();
        }
    }
}
