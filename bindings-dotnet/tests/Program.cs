// Tests of the SoftOne.Go C# wrapper, through the native library, against the simulator:
// every conformance fixture, each exception kind, dispose twice, many threads, async and
// cancellation. Usage: mono SoftOne.Go.Tests.exe FIXTURE_LINES_FILE
// (made by tests/c/fixtures_to_lines.py). Prints "N passed, M failed" last; exits 1 on failure.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SoftOne.Go;

internal static class Program
{
    private static int _passed, _failed;
    private static readonly object Lock = new object();
    private static Simulator _sim;
    private static SoftOneClientOptions _simOptions;

    private static void Check(bool ok, string what)
    {
        lock (Lock)
        {
            if (ok) _passed++;
            else { _failed++; Console.Error.WriteLine("FAIL: " + what); }
        }
    }

    /// <summary>Run <paramref name="action"/> and check it throws exactly <typeparamref name="T"/> (or a subclass).</summary>
    private static T Throws<T>(Action action, string what) where T : Exception
    {
        try
        {
            action();
        }
        catch (T e)
        {
            Check(true, what);
            Check(!ShowsSecret(e.Message) && !ShowsSecret(e.ToString()), what + ": no secret in the exception");
            return e;
        }
        catch (Exception e)
        {
            Check(false, what + ": expected " + typeof(T).Name + ", got " + e.GetType().Name + ": " + e.Message);
            return null;
        }
        Check(false, what + ": expected " + typeof(T).Name + ", nothing was thrown");
        return null;
    }

    private static bool ShowsSecret(string s)
    {
        if (s == null) return false;
        return s.Contains(_simOptions.CompanyApiKey) || s.Contains(_simOptions.ConnectApiKey) || s.Contains(_simOptions.Password);
    }

    private static SoftOneClient Client(int chunkDays = 0, int maxRetries = 0, TimeSpan? timeout = null)
    {
        return _sim.CreateClient(o =>
        {
            o.ChunkDays = chunkDays;
            o.MaxRetries = maxRetries;
            o.BackoffBase = TimeSpan.FromMilliseconds(10);
            o.BackoffCap = TimeSpan.FromMilliseconds(50);
            if (timeout.HasValue) o.Timeout = timeout;
        });
    }

    private static readonly DateTime May7 = new DateTime(2026, 5, 7);

    private static void TestBasics()
    {
        Check(!string.IsNullOrEmpty(SoftOneClient.Version) && SoftOneClient.Version.Contains("."), "version " + SoftOneClient.Version);
        Check(_sim.Url.StartsWith("http://127.0.0.1:"), "simulator url " + _sim.Url);
        Check(!_simOptions.ToString().Contains(_simOptions.Password) && !_simOptions.ToString().Contains(_simOptions.CompanyApiKey),
            "options ToString hides secrets");
        using (var c = Client(7))
        {
            var entries = c.GetTimeStampEntries(May7, May7, new[] { "107" });
            Check(entries.Count == 6, "employee 107 has six punches, got " + entries.Count);
            foreach (var e in entries)
            {
                Check(e.EmployeeNr == "107", "employee 107");
                Check(e.TimeStamp.Date == May7 && e.TimeStamp.Kind == DateTimeKind.Unspecified, "naive time of kind Unspecified: " + e.TimeStamp.Kind);
                Check(e.UtcOffset == null && e.TimeStampWithOffset == null, "no offset");
                Check(e.TimeStampIso == e.TimeStamp.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), "iso " + e.TimeStampIso);
            }
            for (int i = 1; i < entries.Count; i++) Check(entries[i - 1].TimeStamp <= entries[i].TimeStamp, "sorted");
            Check(entries[0].ToString().StartsWith("107 2026-05-07T"), "ToString " + entries[0]);
            Check(c.GetTimeStampEntries(new DateTime(2026, 5, 6), new DateTime(2026, 5, 6), new[] { "101" }).Count == 0, "101 has none");
            Check(c.GetTimeStampEntries(May7, May7, new string[0]).Count == 0, "an empty employee list asks for nobody");
            var all = c.GetTimeStampEntries(May7, May7);
            Check(all.Count > 6 && all.Any(e => e.EmployeeNr == "107"), "null employees means all: " + all.Count);
        }
    }

    // ------------------------------------------------------------------ fixtures

    private static string Decode(string v)
    {
        if (v == "-") return null;
        if (!v.StartsWith("=")) return v;
        var bytes = new List<byte>();
        var raw = Encoding.UTF8.GetBytes(v.Substring(1));
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'%' && i + 2 < raw.Length)
            {
                bytes.Add(Convert.ToByte(Encoding.ASCII.GetString(raw, i + 1, 2), 16));
                i += 2;
            }
            else bytes.Add(raw[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static long? OptLong(string v) { return v == "-" ? (long?)null : long.Parse(v, CultureInfo.InvariantCulture); }

    private static void TestFixtures(string path)
    {
        int cases = 0;
        using (var c = Client(0))
        {
            string name = null, from = null, to = null;
            List<string> emps = null;
            IReadOnlyList<TimeStampEntry> result = null;
            Exception error = null;
            TimeStampEntry e = null;
            bool inAccounts = false;
            int acc = 0, code = 0;
            foreach (string line in File.ReadAllLines(path, Encoding.UTF8))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                int sp = line.IndexOf(' ');
                string tag = sp < 0 ? line : line.Substring(0, sp);
                string v = sp < 0 ? "" : line.Substring(sp + 1);
                string where = "[" + name + "] ";
                switch (tag)
                {
                    case "case": name = Decode(v); cases++; emps = null; result = null; error = null; e = null; break;
                    case "from": from = Decode(v); break;
                    case "to": to = Decode(v); break;
                    case "employees": emps = v == "-" ? null : new List<string>(); break;
                    case "employee": emps.Add(Decode(v)); break;
                    case "inject": _sim.InjectFault(Decode(v)); break;
                    case "fetch":
                        try
                        {
                            result = c.GetTimeStampEntries(DateTime.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                                DateTime.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture), emps);
                        }
                        catch (Exception ex) { error = ex; }
                        break;
                    case "expect_error":
                        var se = error as SoftOneException;
                        Check(se != null && se.Code == v, where + "error " + v + ", got " + (error == null ? "none" : error.GetType().Name));
                        Check(v != "DECODE" || error is SoftOneDecodeException, where + "a SoftOneDecodeException");
                        break;
                    case "error_index":
                        var de = error as SoftOneDecodeException;
                        Check(de != null && de.EntryIndex == (v == "-" ? (int?)null : int.Parse(v)), where + "entry index " + v);
                        break;
                    case "error_field":
                        var df = error as SoftOneDecodeException;
                        Check(df != null && df.Field == Decode(v), where + "field " + v);
                        break;
                    case "entries":
                        Check(error == null, where + "succeeds: " + (error == null ? "" : error.Message));
                        Check(result != null && result.Count == int.Parse(v), where + "entries " + v + ", got " + (result == null ? -1 : result.Count));
                        break;
                    case "entry":
                        int idx = int.Parse(v);
                        e = result != null && idx < result.Count ? result[idx] : null;
                        inAccounts = false; acc = 0; code = 0;
                        break;
                    case "end": break;
                    default:
                        if (e == null) break;
                        switch (tag)
                        {
                            case "employee_nr": Check(e.EmployeeNr == Decode(v), where + "employee_nr " + e.EmployeeNr); break;
                            case "employee_external_code": Check(e.EmployeeExternalCode == Decode(v), where + "external code " + e.EmployeeExternalCode); break;
                            case "time_stamp": Check(e.TimeStampIso == Decode(v), where + "time_stamp " + e.TimeStampIso + " vs " + Decode(v)); break;
                            case "ts":
                                var f = v.Split(' ').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                                var want = new DateTime((int)f[0], (int)f[1], (int)f[2], (int)f[3], (int)f[4], (int)f[5], DateTimeKind.Unspecified).AddTicks(f[6] / 100);
                                Check(e.TimeStamp == want && e.TimeStamp.Kind == DateTimeKind.Unspecified, where + "TimeStamp " + e.TimeStamp.ToString("o") + " vs " + want.ToString("o"));
                                TimeSpan? off = f[7] != 0 ? (TimeSpan?)TimeSpan.FromSeconds(f[8]) : null;
                                Check(e.UtcOffset == off, where + "UtcOffset " + e.UtcOffset);
                                Check(off == null ? e.TimeStampWithOffset == null
                                    : e.TimeStampWithOffset == new DateTimeOffset(want, off.Value), where + "TimeStampWithOffset");
                                break;
                            case "entry_type": Check(e.EntryType.ToString() == v, where + "entry type " + e.EntryType); break;
                            case "is_break": Check(e.IsBreak == (v == "1"), where + "is_break"); break;
                            case "account_nr":
                                if (!inAccounts) Check(e.AccountNr == Decode(v), where + "account_nr " + e.AccountNr);
                                else Check(acc < e.Accounts.Count && e.Accounts[acc].AccountNr == Decode(v), where + "accounts[" + acc + "].AccountNr");
                                break;
                            case "account_dim":
                                Check(acc < e.Accounts.Count && e.Accounts[acc].SieAccountDim == OptLong(v), where + "accounts[" + acc + "].SieAccountDim");
                                acc++;
                                break;
                            case "sie_account_dim": Check(e.SieAccountDim == OptLong(v), where + "sie_account_dim"); break;
                            case "time_terminal_id": Check(e.TimeTerminalId == OptLong(v), where + "time_terminal_id"); break;
                            case "accounts": Check(e.Accounts.Count == int.Parse(v), where + "accounts " + v); inAccounts = true; break;
                            case "codes": Check(e.TimeScheduleTypeCodes.Count == int.Parse(v), where + "codes " + v); inAccounts = false; break;
                            case "code":
                                Check(code < e.TimeScheduleTypeCodes.Count && e.TimeScheduleTypeCodes[code] == Decode(v), where + "code " + Decode(v));
                                code++;
                                break;
                        }
                        break;
                }
            }
        }
        Check(cases >= 16, "ran every fixture: " + cases);
    }

    // ------------------------------------------------------------------ exceptions

    private static void TestExceptions()
    {
        using (var c = Client(0))
        {
            Throws<ArgumentException>(() => c.GetTimeStampEntries(May7.AddHours(8), May7), "a date with a time of day");
            Throws<ArgumentException>(() => c.GetTimeStampEntries(May7.AddDays(1), May7), "a reversed range");
            Throws<ArgumentException>(() => c.GetTimeStampEntries(May7, May7, new[] { "1,2" }), "an employee with a comma");
            Throws<ArgumentException>(() => c.GetTimeStampEntries(May7, May7, new[] { "a\0b" }), "an employee with NUL");
            Throws<ArgumentException>(() => c.GetTimeStampEntries(May7, May7, new string[] { null }), "a null employee");
            Throws<ArgumentException>(() => new SoftOneClient(new SoftOneClientOptions()), "options without keys");
            Throws<ArgumentException>(() => _sim.CreateClient(o => o.BaseUrl = "http://example.com"), "plain http to a remote host");
            Throws<ArgumentException>(() => _sim.CreateClient(o => o.Timeout = TimeSpan.FromSeconds(-1)), "negative timeout");
            Throws<ArgumentNullException>(() => new SoftOneClient(null), "null options");

            using (var fresh = Client(0))
            {
                _sim.InjectFault("{\"fault\":\"login_failure\",\"message\":\"The license is not valid\",\"endpoint\":\"login\"}");
                var e = Throws<SoftOneAuthenticationException>(() => fresh.GetTimeStampEntries(May7, May7, new[] { "107" }), "login refused");
                Check(e != null && e.ServerMessage == "The license is not valid" && e.Code == "AUTHENTICATION", "login message kept");
            }
            using (var wrong = _sim.CreateClient(o => o.Password = "not-the-password"))
            {
                var e = Throws<SoftOneAuthenticationException>(() => wrong.Login(), "wrong password");
                Check(e != null && !e.Message.Contains("not-the-password"), "password not shown");
            }

            _sim.InjectFault("{\"fault\":\"status\",\"status\":429,\"retry_after\":\"7\"}");
            var rl = Throws<SoftOneRateLimitException>(() => c.GetTimeStampEntries(May7, May7), "429");
            Check(rl != null && rl.HttpStatus == 429 && rl.RetryAfter == TimeSpan.FromSeconds(7) && rl is SoftOneApiException, "429 details");

            _sim.InjectFault("{\"fault\":\"status\",\"status\":500,\"body\":\"{\\\"message\\\":\\\"Object reference not set\\\"}\"}");
            var api = Throws<SoftOneApiException>(() => c.GetTimeStampEntries(May7, May7), "500");
            Check(api != null && api.HttpStatus == 500 && api.ServerMessage == "Object reference not set", "500 details");
            Check(api != null && api.Url != null && api.Url.Contains("***"), "redacted url");
            Check(api != null && !(api is SoftOneRateLimitException), "500 is not a rate limit");

            using (var impatient = Client(0, 0, TimeSpan.FromMilliseconds(300)))
            {
                _sim.InjectFault("{\"fault\":\"delay\",\"ms\":3000}");
                var t = Throws<SoftOneTimeoutException>(() => impatient.GetTimeStampEntries(May7, May7), "slow server");
                Check(t is SoftOneTransportException && t.Code == "TIMEOUT", "a timeout is a transport error");
            }

            _sim.InjectFault("{\"fault\":\"drop_mid_body\"}");
            Throws<SoftOneTransportException>(() => c.GetTimeStampEntries(May7, May7), "dropped mid-body");
            using (var nowhere = _sim.CreateClient(o => { o.BaseUrl = "http://127.0.0.1:1"; o.MaxRetries = 0; }))
            {
                var t = Throws<SoftOneTransportException>(() => nowhere.GetTimeStampEntries(May7, May7), "closed port");
                Check(t != null && t.Code == "TRANSPORT", "transport code");
            }

            _sim.InjectFault("{\"fault\":\"malformed\"}");
            Throws<SoftOneDecodeException>(() => c.GetTimeStampEntries(May7, May7), "malformed body");
            Throws<ArgumentException>(() => _sim.InjectFault("{\"fault\":\"no-such-fault\"}"), "unknown fault");
        }

        // FromEnvironment: run-tests.sh clears SOFTONE_*, so the keys are missing.
        var env = Throws<ArgumentException>(() => SoftOneClient.FromEnvironment(), "FromEnvironment without variables");
        Check(env != null && env.Message.Contains("SOFTONE_COMPANY_API_KEY"), "names the variable");
    }

    private static void TestDispose()
    {
        var c = Client(0);
        c.Dispose();
        c.Dispose();
        Throws<ObjectDisposedException>(() => c.GetTimeStampEntries(May7, May7), "use after dispose");
        Throws<ObjectDisposedException>(() => c.GetTimeStampEntriesAsync(May7, May7), "async use after dispose");
        var s = new Simulator(new SimulatorOptions { Employees = 2, Days = 1 });
        Check(s.Url.StartsWith("http://"), "second simulator");
        s.Dispose();
        s.Dispose();
        Throws<ObjectDisposedException>(() => { var u = s.Url; }, "simulator use after dispose");
    }

    // ------------------------------------------------------------------ threads and async

    private static void TestThreads()
    {
        const int n = 8;
        var from = new DateTime(2026, 5, 1);
        var to = new DateTime(2026, 5, 14);
        var expected = new List<IReadOnlyList<TimeStampEntry>>();
        using (var one = Client(7))
            for (int i = 0; i < n; i++) expected.Add(one.GetTimeStampEntries(from, to, new[] { (1001 + i).ToString() }));
        using (var shared = Client(7))
        {
            _sim.ClearRequests();
            var threads = new List<Thread>();
            for (int i = 0; i < n; i++)
            {
                int k = i;
                var t = new Thread(() =>
                {
                    for (int r = 0; r < 3; r++)
                    {
                        var got = shared.GetTimeStampEntries(from, to, new[] { (1001 + k).ToString() });
                        Check(got.Count == expected[k].Count && got.Count > 0 &&
                              got.Select(e => e.TimeStampIso).SequenceEqual(expected[k].Select(e => e.TimeStampIso)),
                            "thread " + k + " sees the same entries");
                    }
                });
                threads.Add(t);
                t.Start();
            }
            foreach (var t in threads) t.Join();
            Check(_sim.LoginCount == 1, "8 threads share one login, got " + _sim.LoginCount);
        }
    }

    private sealed class SyncProgress : IProgress<FetchProgress>
    {
        public readonly List<FetchProgress> Reports = new List<FetchProgress>();
        public void Report(FetchProgress value) { lock (Reports) Reports.Add(value); }
    }

    private static void TestAsync()
    {
        using (var c = Client(1))
        {
            var sync = c.GetTimeStampEntries(May7, May7, new[] { "107" });
            var task = c.GetTimeStampEntriesAsync(May7, May7, new[] { "107" });
            Check(task.Wait(TimeSpan.FromSeconds(60)) && task.Result.Count == sync.Count, "async gives the same entries");

            var progress = new SyncProgress();
            var week = c.GetTimeStampEntriesAsync(new DateTime(2026, 5, 1), May7, new[] { "1001" }, progress, CancellationToken.None).Result;
            Check(week.All(e => e.EmployeeNr == "1001"), "only the employee asked for");
            Check(progress.Reports.Count == 7 && progress.Reports.Last().Done == 7 && progress.Reports.Last().Total == 7,
                "one progress report per day window: " + progress.Reports.Count);

            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                var pre = c.GetTimeStampEntriesAsync(May7, May7, null, cts.Token);
                try { pre.Wait(); Check(false, "a cancelled token cancels at once"); }
                catch (AggregateException ae) { Check(ae.InnerException is OperationCanceledException && pre.IsCanceled, "cancelled before the start"); }
            }

            _sim.SetLatency(TimeSpan.FromSeconds(5));
            using (var cts = new CancellationTokenSource())
            {
                var sw = Stopwatch.StartNew();
                var slow = c.GetTimeStampEntriesAsync(May7, May7, null, cts.Token);
                Thread.Sleep(300);
                cts.Cancel();
                try { slow.Wait(); Check(false, "the cancellation stops the fetch"); }
                catch (AggregateException ae)
                {
                    Check(ae.InnerException is OperationCanceledException, "OperationCanceledException: " + ae.InnerException.GetType().Name);
                    Check(slow.IsCanceled, "the task is cancelled");
                }
                Check(sw.Elapsed < TimeSpan.FromSeconds(5), "stopped before the server answered: " + sw.Elapsed);
            }
            _sim.SetLatency(TimeSpan.Zero);

            Throws<ArgumentException>(() => c.GetTimeStampEntriesAsync(May7.AddHours(1), May7), "async argument error at once");
            _sim.InjectFault("{\"fault\":\"wrong_shape\"}");
            var bad = c.GetTimeStampEntriesAsync(May7, May7);
            try { bad.Wait(); Check(false, "async decode error"); }
            catch (AggregateException ae) { Check(ae.InnerException is SoftOneDecodeException, "async decode error: " + ae.InnerException.GetType().Name); }
        }
        string log = _sim.RequestsJson();
        Check(log.StartsWith("[") && log.Contains("TimeStampEntry") && !ShowsSecret(log), "request log, redacted");
        Check(_sim.DataRequestCount > 0, "data requests counted");
    }

    private static int Main(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: SoftOne.Go.Tests.exe FIXTURE_LINES_FILE");
            return 2;
        }
        using (_sim = new Simulator(new SimulatorOptions { LoginFailureDelay = TimeSpan.Zero }))
        {
            _simOptions = _sim.ClientOptions();
            Action[] tests = { TestBasics, () => TestFixtures(args[0]), TestExceptions, TestDispose, TestThreads, TestAsync };
            foreach (var t in tests)
            {
                try { t(); }
                catch (Exception e) { Check(false, "unexpected " + e); }
                _sim.ClearFaults();
            }
        }
        Console.WriteLine(_passed + " passed, " + _failed + " failed");
        return _failed == 0 ? 0 : 1;
    }
}
