using System;


namespace Defender365Typed.Tests.Query;

public sealed class SmokeTests
{
    [Fact]
    public void Renders_a_typical_query()
    {
        var query = Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.FileName.EqualsIgnoreCase("powershell.exe") && e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand"))
            .Project(e => [e.Timestamp, e.DeviceName, e.ProcessCommandLine])
            .OrderByDescending(e => e.Timestamp)
            .Take(100);
        Assert.Equal("""
            DeviceProcessEvents
            | where Timestamp > ago(7d)
            | where FileName =~ "powershell.exe" and ProcessCommandLine has_any ("-enc", "-EncodedCommand")
            | project Timestamp, DeviceName, ProcessCommandLine
            | order by Timestamp desc
            | take 100
            """.Replace("\r\n", "\n", StringComparison.Ordinal), query.ToKql());
    }
}
