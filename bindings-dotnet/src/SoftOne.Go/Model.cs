using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace SoftOne.Go
{
    /// <summary>Whether a punch is an in or an out punch (the GET endpoint usually says Unknown).</summary>
    public enum EntryType
    {
        /// <summary>Wire value 0: the server did not say.</summary>
        Unknown = 0,
        /// <summary>Wire value 1 or "In".</summary>
        In = 1,
        /// <summary>Wire value 2 or "Out".</summary>
        Out = 2,
    }

    /// <summary>One connected account of a punch.</summary>
    public sealed class Account
    {
        /// <summary>The account number (cost carrier), or null.</summary>
        public string AccountNr { get; private set; }
        /// <summary>The SIE accounting dimension of the number, or null.</summary>
        public long? SieAccountDim { get; private set; }

        internal Account(string accountNr, long? sieAccountDim)
        {
            AccountNr = accountNr;
            SieAccountDim = sieAccountDim;
        }

        /// <summary>E.g. "1000 (dim 30)".</summary>
        public override string ToString()
        {
            return (AccountNr ?? "null") + " (dim " + (SieAccountDim.HasValue ? SieAccountDim.Value.ToString() : "null") + ")";
        }
    }

    /// <summary>Progress of a fetch: request pieces done out of the total.</summary>
    public struct FetchProgress
    {
        /// <summary>Pieces finished.</summary>
        public int Done { get; private set; }
        /// <summary>Pieces in all.</summary>
        public int Total { get; private set; }

        internal FetchProgress(int done, int total) : this() { Done = done; Total = total; }
    }

    /// <summary>One punch-clock entry of one employee.</summary>
    public sealed class TimeStampEntry
    {
        /// <summary>The employee number (wire EmployeeNr).</summary>
        public string EmployeeNr { get; private set; }
        /// <summary>The employee's external code, or null.</summary>
        public string EmployeeExternalCode { get; private set; }
        /// <summary>The wall-clock time as sent (Kind Unspecified: never shifted into any zone), to the 100 ns tick.</summary>
        public DateTime TimeStamp { get; private set; }
        /// <summary>The UTC offset the wire time carried, or null for a naive time (the usual case).</summary>
        public TimeSpan? UtcOffset { get; private set; }
        /// <summary>The time with its offset, when the wire carried one; otherwise null.</summary>
        public DateTimeOffset? TimeStampWithOffset
        {
            get { return UtcOffset.HasValue ? (DateTimeOffset?)new DateTimeOffset(TimeStamp, UtcOffset.Value) : null; }
        }
        /// <summary>The canonical ISO-8601 form, e.g. "2026-05-07T08:00:00" (same in every language).</summary>
        public string TimeStampIso { get; private set; }
        /// <summary>In, Out or Unknown (wire TimeStampEntryType).</summary>
        public EntryType EntryType { get; private set; }
        /// <summary>Whether the punch starts or ends a break.</summary>
        public bool IsBreak { get; private set; }
        /// <summary>The account number reported with the punch, or null.</summary>
        public string AccountNr { get; private set; }
        /// <summary>The SIE dimension of AccountNr, or null.</summary>
        public long? SieAccountDim { get; private set; }
        /// <summary>The terminal the punch was made on, or null.</summary>
        public long? TimeTerminalId { get; private set; }
        /// <summary>Connected accounts.</summary>
        public IReadOnlyList<Account> Accounts { get; private set; }
        /// <summary>Codes of the connected extents and deductions.</summary>
        public IReadOnlyList<string> TimeScheduleTypeCodes { get; private set; }

        /// <summary>E.g. "107 2026-05-07T08:00:00 Unknown".</summary>
        public override string ToString()
        {
            return EmployeeNr + " " + TimeStampIso + " " + EntryType + (IsBreak ? " break" : "");
        }

        /// <summary>Copy one native entry into a .NET object.</summary>
        internal static TimeStampEntry FromNative(IntPtr p)
        {
            var n = (Native.Entry)Marshal.PtrToStructure(p, typeof(Native.Entry));
            var t = n.TimeStamp;
            var ts = new DateTime(t.Year, (int)t.Month, (int)t.Day, (int)t.Hour, (int)t.Minute, (int)t.Second,
                DateTimeKind.Unspecified).AddTicks(t.Nanosecond / 100);
            var accounts = new List<Account>();
            int accountSize = Marshal.SizeOf(typeof(Native.AccountNative));
            for (long i = 0; i < (long)n.AccountCount.ToUInt64(); i++)
            {
                var a = (Native.AccountNative)Marshal.PtrToStructure(
                    new IntPtr(n.Accounts.ToInt64() + i * accountSize), typeof(Native.AccountNative));
                accounts.Add(new Account(Native.FromUtf8(a.AccountNr),
                    a.HasSieAccountDim != 0 ? (long?)a.SieAccountDim : null));
            }
            var codes = new List<string>();
            for (int i = 0; i < (int)n.CodeCount.ToUInt64(); i++)
                codes.Add(Native.FromUtf8(Marshal.ReadIntPtr(n.Codes, i * IntPtr.Size)));
            return new TimeStampEntry
            {
                EmployeeNr = Native.FromUtf8(n.EmployeeNr),
                EmployeeExternalCode = Native.FromUtf8(n.EmployeeExternalCode),
                TimeStamp = ts,
                UtcOffset = t.HasUtcOffset != 0 ? (TimeSpan?)TimeSpan.FromSeconds(t.UtcOffsetSeconds) : null,
                TimeStampIso = Native.FromUtf8(n.TimeStampIso),
                EntryType = (EntryType)n.EntryType,
                IsBreak = n.IsBreak != 0,
                AccountNr = Native.FromUtf8(n.AccountNr),
                SieAccountDim = n.HasSieAccountDim != 0 ? (long?)n.SieAccountDim : null,
                TimeTerminalId = n.HasTimeTerminalId != 0 ? (long?)n.TimeTerminalId : null,
                Accounts = new ReadOnlyCollection<Account>(accounts),
                TimeScheduleTypeCodes = new ReadOnlyCollection<string>(codes),
            };
        }
    }
}
