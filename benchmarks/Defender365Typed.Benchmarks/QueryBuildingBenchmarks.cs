using System;
using BenchmarkDotNet.Attributes;

namespace Defender365Typed.Benchmarks;

/// <summary>
/// Cost of building and rendering a six-operator typed query, against a hand-written interpolated
/// string that escapes its two values with the same literal routine (the floor for "safe" KQL text).
/// </summary>
[MemoryDiagnoser]
public class QueryBuildingBenchmarks
{
    private readonly string _fileName = "powershell.exe";

    [Benchmark(Baseline = true, Description = "interpolated string + KqlLiteral")]
    public string InterpolatedString() =>
        $"""
        DeviceProcessEvents
        | where Timestamp > ago(7d)
        | where FileName =~ {KqlLiteral.String(_fileName)} and ProcessCommandLine has_any ("-enc", "-EncodedCommand")
        | extend CommandLength = strlen(ProcessCommandLine)
        | project Timestamp, DeviceName, AccountName, ProcessCommandLine, CommandLength
        | order by Timestamp desc
        | take 100
        """;

    [Benchmark(Description = "typed builder: six operators + ToKql")]
    public string TypedBuilder()
    {
        string fileName = _fileName;
        return Hunting.DeviceProcessEvents
            .Where(e => e.Timestamp > Kql.Ago(TimeSpan.FromDays(7)))
            .Where(e => e.FileName.EqualsIgnoreCase(fileName) && e.ProcessCommandLine.HasAny("-enc", "-EncodedCommand"))
            .Extend("CommandLength", e => e.ProcessCommandLine.Length(), out KqlLong commandLength)
            .Project(e => [e.Timestamp, e.DeviceName, e.AccountName, e.ProcessCommandLine, commandLength])
            .OrderByDescending(e => e.Timestamp)
            .Take(100)
            .ToKql();
    }
}
