// softone-go from C#: fetch employee 107's punches on 2026-05-07 and print them.
// With SOFTONE_COMPANY_API_KEY set it uses the real service (SoftOneClient.FromEnvironment);
// otherwise it starts the bundled simulator.
//   mcs -r:SoftOne.Go.dll -out:Fetch.exe examples/dotnet/Program.cs
//   LD_LIBRARY_PATH=target/release mono Fetch.exe
using System;
using SoftOne.Go;

internal static class Fetch
{
    private static int Main()
    {
        Simulator sim = null;
        try
        {
            SoftOneClient client;
            if (Environment.GetEnvironmentVariable("SOFTONE_COMPANY_API_KEY") != null)
            {
                client = SoftOneClient.FromEnvironment();
            }
            else
            {
                sim = new Simulator();
                Console.WriteLine("simulator at " + sim.Url);
                client = sim.CreateClient();
            }
            using (client)
            {
                var day = new DateTime(2026, 5, 7);
                var entries = client.GetTimeStampEntries(day, day, new[] { "107" });
                Console.WriteLine("{0,-8}  {1,-27}  {2,-7}  {3,-5}  {4}", "employee", "time stamp", "type", "break", "terminal");
                foreach (var e in entries)
                {
                    Console.WriteLine("{0,-8}  {1,-27}  {2,-7}  {3,-5}  {4}", e.EmployeeNr, e.TimeStampIso, e.EntryType,
                        e.IsBreak ? "yes" : "no", e.TimeTerminalId.HasValue ? e.TimeTerminalId.Value.ToString() : "-");
                }
                Console.WriteLine(entries.Count + " entries");
            }
            return 0;
        }
        catch (SoftOneException e)
        {
            Console.Error.WriteLine("fetch failed (" + e.Code + (e.HttpStatus.HasValue ? ", HTTP " + e.HttpStatus : "") + "): " + e.Message);
            return 1;
        }
        finally
        {
            if (sim != null) sim.Dispose();
        }
    }
}
