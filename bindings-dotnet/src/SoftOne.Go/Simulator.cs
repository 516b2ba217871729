using System;
using System.Globalization;

namespace SoftOne.Go
{
    /// <summary>How the simulator writes TimeStampEntryType.</summary>
    public enum SimulatorEntryTypeStyle
    {
        /// <summary>Always 0, as the real GET endpoint answers.</summary>
        Zero = 0,
        /// <summary>1 for In, 2 for Out.</summary>
        Integer = 1,
        /// <summary>"In" / "Out" / "Unknown", as the vendor document shows.</summary>
        String = 2,
    }

    /// <summary>Settings of a <see cref="Simulator"/>; null means the default.</summary>
    public sealed class SimulatorOptions
    {
        /// <summary>Address to listen on (default 127.0.0.1).</summary>
        public string Host { get; set; }
        /// <summary>Port to listen on (default 0: a free port).</summary>
        public int? Port { get; set; }
        /// <summary>Number of synthetic employees (default 50).</summary>
        public int? Employees { get; set; }
        /// <summary>Number of synthetic days (default 31).</summary>
        public int? Days { get; set; }
        /// <summary>Seed of the synthetic data (default 7).</summary>
        public long? Seed { get; set; }
        /// <summary>First synthetic work date (default 2026-05-01).</summary>
        public DateTime? StartDate { get; set; }
        /// <summary>Delay before answering a failed login (default 2 s, as the real server).</summary>
        public TimeSpan? LoginFailureDelay { get; set; }
        /// <summary>Latency added to every data request (default 0).</summary>
        public TimeSpan? Latency { get; set; }
        /// <summary>How TimeStampEntryType is written (default Zero).</summary>
        public SimulatorEntryTypeStyle? EntryTypeStyle { get; set; }
        /// <summary>Whether JSON keys are camelCase instead of PascalCase (default false).</summary>
        public bool CamelCaseKeys { get; set; }
    }

    /// <summary>
    /// A local SoftOne GO server with seeded data, fault injection and a request log, for
    /// testing offline. Dispose stops it.
    /// </summary>
    public sealed class Simulator : IDisposable
    {
        private readonly SimulatorHandle _handle;

        /// <summary>Start a simulator on a background thread; returns once it listens.</summary>
        public Simulator(SimulatorOptions options = null)
        {
            options = options ?? new SimulatorOptions();
            var o = new Native.SimulatorOptions();
            IntPtr err;
            Native.Check(Native.softone_simulator_options_init(ref o, out err), err);
            using (var strings = new Utf8Strings())
            {
                o.Host = strings.Add(options.Host, "Host");
                if (options.Port.HasValue) o.Port = checked((ushort)options.Port.Value);
                if (options.Employees.HasValue) o.Employees = checked((uint)options.Employees.Value);
                if (options.Days.HasValue) o.Days = checked((uint)options.Days.Value);
                if (options.Seed.HasValue) o.Seed = unchecked((ulong)options.Seed.Value);
                if (options.StartDate.HasValue)
                    o.StartDate = strings.Add(options.StartDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "StartDate");
                if (options.LoginFailureDelay.HasValue) o.LoginFailureDelayMs = checked((ulong)options.LoginFailureDelay.Value.TotalMilliseconds);
                if (options.Latency.HasValue) o.LatencyMs = checked((ulong)options.Latency.Value.TotalMilliseconds);
                if (options.EntryTypeStyle.HasValue) o.EntryTypeStyle = (uint)options.EntryTypeStyle.Value;
                o.KeyCase = options.CamelCaseKeys ? 1u : 0u;
                SimulatorHandle h;
                int st = Native.softone_simulator_start(ref o, out h, out err);
                Native.Check(st, err);
                _handle = h;
            }
        }

        private SimulatorHandle Handle
        {
            get
            {
                if (_handle.IsClosed) throw new ObjectDisposedException("Simulator");
                return _handle;
            }
        }

        /// <summary>The base URL, e.g. http://127.0.0.1:41234.</summary>
        public string Url { get { return Native.FromUtf8(Native.softone_simulator_url(Handle)); } }

        /// <summary>Client options pointing at this simulator with its (fake, fixed) credentials.</summary>
        public SoftOneClientOptions ClientOptions()
        {
            var o = new Native.ClientOptions();
            IntPtr err;
            Native.Check(Native.softone_client_options_init(ref o, out err), err);
            Native.Check(Native.softone_simulator_client_options(Handle, ref o, out err), err);
            return new SoftOneClientOptions
            {
                BaseUrl = Native.FromUtf8(o.BaseUrl),
                CompanyApiKey = Native.FromUtf8(o.CompanyApiKey),
                ConnectApiKey = Native.FromUtf8(o.ConnectApiKey),
                License = Native.FromUtf8(o.License),
                Username = Native.FromUtf8(o.Username),
                Password = Native.FromUtf8(o.Password),
            };
        }

        /// <summary>A client of this simulator; <paramref name="configure"/> may change its options.</summary>
        public SoftOneClient CreateClient(Action<SoftOneClientOptions> configure = null)
        {
            var o = ClientOptions();
            if (configure != null) configure(o);
            return new SoftOneClient(o);
        }

        /// <summary>
        /// Queue a fault written as JSON, e.g. {"fault":"status","status":503,"retry_after":"1","times":2}
        /// (kinds status, delay, drop_mid_body, truncated, malformed, wrong_shape, login_failure, extra_employee).
        /// </summary>
        public void InjectFault(string json)
        {
            if (json == null) throw new ArgumentNullException("json");
            using (var strings = new Utf8Strings())
            {
                IntPtr err;
                int st = Native.softone_simulator_inject_json(Handle, strings.Add(json, "json"), out err);
                Native.Check(st, err);
            }
        }

        /// <summary>Remove every queued fault.</summary>
        public void ClearFaults() { IntPtr err; Native.Check(Native.softone_simulator_clear_faults(Handle, out err), err); }

        /// <summary>Set the latency added to every data request.</summary>
        public void SetLatency(TimeSpan latency)
        {
            IntPtr err;
            Native.Check(Native.softone_simulator_set_latency_ms(Handle, checked((ulong)latency.TotalMilliseconds), out err), err);
        }

        /// <summary>Invalidate every issued token (the next data request answers 401).</summary>
        public void RevokeTokens() { IntPtr err; Native.Check(Native.softone_simulator_revoke_tokens(Handle, out err), err); }

        /// <summary>Number of login requests served since the start or the last ClearRequests.</summary>
        public int LoginCount
        {
            get { UIntPtr n; IntPtr err; Native.Check(Native.softone_simulator_login_count(Handle, out n, out err), err); return (int)n.ToUInt64(); }
        }

        /// <summary>Number of data requests served since the start or the last ClearRequests.</summary>
        public int DataRequestCount
        {
            get { UIntPtr n; IntPtr err; Native.Check(Native.softone_simulator_data_request_count(Handle, out n, out err), err); return (int)n.ToUInt64(); }
        }

        /// <summary>The request log as a JSON array (secrets redacted), oldest first.</summary>
        public string RequestsJson()
        {
            IntPtr json, err;
            Native.Check(Native.softone_simulator_requests_json(Handle, out json, out err), err);
            try { return Native.FromUtf8(json); }
            finally { Native.softone_string_free(json); }
        }

        /// <summary>Empty the request log.</summary>
        public void ClearRequests() { IntPtr err; Native.Check(Native.softone_simulator_clear_requests(Handle, out err), err); }

        /// <summary>Stop the simulator (idempotent).</summary>
        public void Dispose() { _handle.Dispose(); }
    }
}
