using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace SoftOne.Go
{
    /// <summary>P/Invoke declarations of the C ABI (include/softone_go.h), UTF-8 marshalled by hand.</summary>
    internal static class Native
    {
        /// <summary>The native library: libsoftone_go.so / softone_go.dll / libsoftone_go.dylib.</summary>
        internal const string Lib = "softone_go";

        /// <summary>Mirror of <c>softone_client_options</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ClientOptions
        {
            public IntPtr CompanyApiKey, ConnectApiKey, License, Username, Password, Token, BaseUrl,
                UserAgentSuffix, ProxyUrl, ExtraCaPemPath;
            public ulong TimeoutMs, ConnectTimeoutMs;
            public uint MaxRetries, ChunkDays, MaxConcurrency;
            public ulong BackoffBaseMs, BackoffCapMs, MaxRetryAfterMs, TokenRenewAfterMs;
            public byte AllowInsecureHttp, NoProxy;
        }

        /// <summary>Mirror of <c>softone_simulator_options</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct SimulatorOptions
        {
            public IntPtr Host;
            public ushort Port;
            public uint Employees, Days;
            public ulong Seed;
            public IntPtr StartDate;
            public ulong LoginFailureDelayMs, LatencyMs;
            public uint EntryTypeStyle, KeyCase;
            public UIntPtr MaxQueryLen;
            public ulong TokenActivationWindowMs, TokenMaxAgeMs, TokenIdleTimeoutMs;
        }

        /// <summary>Mirror of <c>softone_timestamp</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Timestamp
        {
            public int Year;
            public uint Month, Day, Hour, Minute, Second, Nanosecond;
            public byte HasUtcOffset;
            public int UtcOffsetSeconds;
        }

        /// <summary>Mirror of <c>softone_entry</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Entry
        {
            public IntPtr EmployeeNr, EmployeeExternalCode;
            public Timestamp TimeStamp;
            public IntPtr TimeStampIso;
            public int EntryType;
            public byte IsBreak;
            public IntPtr AccountNr;
            public byte HasSieAccountDim;
            public long SieAccountDim;
            public byte HasTimeTerminalId;
            public long TimeTerminalId;
            public IntPtr Accounts;
            public UIntPtr AccountCount;
            public IntPtr Codes;
            public UIntPtr CodeCount;
        }

        /// <summary>Mirror of <c>softone_account</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct AccountNative
        {
            public IntPtr AccountNr;
            public byte HasSieAccountDim;
            public long SieAccountDim;
        }

        /// <summary>Mirror of <c>softone_progress_fn</c>.</summary>
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void ProgressFn(UIntPtr done, UIntPtr total, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr softone_version();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr softone_error_message(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_error_status(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern ushort softone_error_http_status(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr softone_error_server_message(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr softone_error_url(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern long softone_error_entry_index(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr softone_error_field(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern long softone_error_retry_after_ms(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void softone_error_free(IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void softone_string_free(IntPtr s);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_client_options_init(ref ClientOptions options, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_client_new(ref ClientOptions options, out ClientHandle client, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_client_from_env(out ClientHandle client, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_client_login(ClientHandle client, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void softone_client_free(IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern UIntPtr softone_entry_list_len(IntPtr list);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr softone_entry_list_get(IntPtr list, UIntPtr index);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void softone_entry_list_free(IntPtr list);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern CancelHandle softone_cancel_token_new();
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_cancel_token_cancel(CancelHandle token, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void softone_cancel_token_free(IntPtr token);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int softone_time_stamp_entries_with(
            ClientHandle client, IntPtr dateFrom, IntPtr dateTo, IntPtr[] employees, UIntPtr employeeCount,
            ProgressFn onProgress, IntPtr userData, CancelHandle cancel, out IntPtr list, out IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_options_init(ref SimulatorOptions options, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_start(ref SimulatorOptions options, out SimulatorHandle simulator, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern IntPtr softone_simulator_url(SimulatorHandle simulator);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_client_options(SimulatorHandle simulator, ref ClientOptions options, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_inject_json(SimulatorHandle simulator, IntPtr json, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_clear_faults(SimulatorHandle simulator, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_set_latency_ms(SimulatorHandle simulator, ulong latencyMs, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_revoke_tokens(SimulatorHandle simulator, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_login_count(SimulatorHandle simulator, out UIntPtr count, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_data_request_count(SimulatorHandle simulator, out UIntPtr count, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_requests_json(SimulatorHandle simulator, out IntPtr json, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern int softone_simulator_clear_requests(SimulatorHandle simulator, out IntPtr error);
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)] internal static extern void softone_simulator_free(IntPtr simulator);

        /// <summary>A .NET string from a UTF-8, NUL-terminated native string (null for NULL).</summary>
        internal static string FromUtf8(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            int len = 0;
            while (Marshal.ReadByte(p, len) != 0) len++;
            var bytes = new byte[len];
            Marshal.Copy(p, bytes, 0, len);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>Throw the exception for a failed status, freeing the native error.</summary>
        internal static void Check(int status, IntPtr error)
        {
            if (status == 0)
            {
                if (error != IntPtr.Zero) softone_error_free(error);
                return;
            }
            try
            {
                throw SoftOneException.FromNative(status, error);
            }
            finally
            {
                if (error != IntPtr.Zero) softone_error_free(error);
            }
        }
    }

    /// <summary>Native UTF-8 copies of .NET strings, freed together on Dispose.</summary>
    internal sealed class Utf8Strings : IDisposable
    {
        private readonly List<IntPtr> _allocated = new List<IntPtr>();

        /// <summary>A NUL-terminated UTF-8 copy of <paramref name="s"/> (NULL for null).</summary>
        public IntPtr Add(string s, string name)
        {
            if (s == null) return IntPtr.Zero;
            if (s.IndexOf('\0') >= 0) throw new ArgumentException(name + " contains a NUL character", name);
            byte[] bytes = Encoding.UTF8.GetBytes(s);
            IntPtr p = Marshal.AllocHGlobal(bytes.Length + 1);
            _allocated.Add(p);
            Marshal.Copy(bytes, 0, p, bytes.Length);
            Marshal.WriteByte(p, bytes.Length, 0);
            return p;
        }

        /// <summary>Free every copy.</summary>
        public void Dispose()
        {
            foreach (IntPtr p in _allocated) Marshal.FreeHGlobal(p);
            _allocated.Clear();
        }
    }

    /// <summary>Owns a native <c>softone_client</c>.</summary>
    internal sealed class ClientHandle : SafeHandle
    {
        /// <summary>An empty handle (filled by P/Invoke).</summary>
        public ClientHandle() : base(IntPtr.Zero, true) { }
        /// <summary>Whether no native client is held.</summary>
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
        /// <summary>Free the native client.</summary>
        protected override bool ReleaseHandle() { Native.softone_client_free(handle); return true; }
    }

    /// <summary>Owns a native <c>softone_simulator</c>.</summary>
    internal sealed class SimulatorHandle : SafeHandle
    {
        /// <summary>An empty handle (filled by P/Invoke).</summary>
        public SimulatorHandle() : base(IntPtr.Zero, true) { }
        /// <summary>Whether no native simulator is held.</summary>
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
        /// <summary>Stop and free the native simulator.</summary>
        protected override bool ReleaseHandle() { Native.softone_simulator_free(handle); return true; }
    }

    /// <summary>Owns a native <c>softone_cancel_token</c>.</summary>
    internal sealed class CancelHandle : SafeHandle
    {
        /// <summary>An empty handle (filled by P/Invoke).</summary>
        public CancelHandle() : base(IntPtr.Zero, true) { }
        /// <summary>Whether no native token is held.</summary>
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
        /// <summary>Free the native token.</summary>
        protected override bool ReleaseHandle() { Native.softone_cancel_token_free(handle); return true; }
    }
}
