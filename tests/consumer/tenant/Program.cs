using System;
using System.Linq;
using Defender365Typed;
using Defender365Typed.Results;
using Defender365Typed.Tenant;

namespace Tenant;

/// <summary>Typed access to the schema file's custom table and saved function, compiled from the package alone.</summary>
internal static class Program
{
    // Raw KQL is checked against the file too: the saved function's output columns bind with their types.
    [HuntingQuery]
    public const string RawQuery = "SuspiciousLogons('alice') | where Failures > 3 | project AccountName";

    private static int Main()
    {
        var failures = 0;
        Check(
            TenantHunting.Contoso_CL.Where(e => e.Score > 0.5 && e.DeviceName.StartsWith("web")).Take(10).ToKql(),
            "Contoso_CL\n| where Score > 0.5 and DeviceName startswith \"web\"\n| take 10",
            ref failures);
        Check(
            TenantHunting.SuspiciousLogons("alice").Where(r => r.Failures > 3).Project(r => [r.AccountName]).ToKql(),
            "SuspiciousLogons(\"alice\")\n| where Failures > 3\n| project AccountName",
            ref failures);
        Check(TenantHunting.SuspiciousLogons("bob", 10).ToKql(), "SuspiciousLogons(\"bob\", 10)", ref failures);

        // The generated readers read rows of the tenant's own types.
        const string response = """{"schema":[{"name":"AccountName","type":"String"},{"name":"Failures","type":"Int64"}],"results":[{"AccountName":"alice","Failures":7}]}""";
        SuspiciousLogonsResult row = HuntingResultReader.ReadAll<SuspiciousLogonsResult>(System.Text.Encoding.UTF8.GetBytes(response)).Single();
        Check($"{row.AccountName}:{row.Failures}", "alice:7", ref failures);

        Console.WriteLine(failures == 0 ? "tenant: all checks passed" : $"tenant: {failures} check(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private static void Check(string actual, string expected, ref int failures)
    {
        if (actual != expected)
        {
            Console.WriteLine($"tenant: expected\n{expected}\nbut got\n{actual}");
            failures++;
        }
    }
}
