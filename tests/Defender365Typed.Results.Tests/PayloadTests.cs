using System.IO;
using System.Linq;
using Defender365Typed.Benchmarks.Results;
using Xunit.Abstractions;

namespace Defender365Typed.Results.Tests;

/// <summary>The benchmark payload is deterministic, the same from memory and as a stream, and has the cardinalities.</summary>
public class PayloadTests(ITestOutputHelper output)
{
    [Fact]
    public void Payload_is_deterministic_streams_identically_and_has_the_stated_cardinality()
    {
        byte[] once = ProcessEventsPayload.Build(1000);
        Assert.Equal(once, ProcessEventsPayload.Build(1000));
        using var copy = new MemoryStream();
        ProcessEventsPayload.OpenStream(1000).CopyTo(copy);
        Assert.Equal(once, copy.ToArray());

        var rows = HuntingResultReader.ReadAll<ProcessEventRow>(ProcessEventsPayload.Build(20_000));
        Assert.InRange(rows.Select(r => r.DeviceName).Distinct().Count(), 190, ProcessEventsPayload.Devices);
        Assert.InRange(rows.Select(r => r.FolderPath).Distinct().Count(), 450, ProcessEventsPayload.Binaries);
        Assert.InRange(rows.Select(r => r.AccountName).Distinct().Count(), 250, ProcessEventsPayload.Accounts);
        Assert.True(rows.Select(r => r.ProcessCommandLine).Distinct().Count() > 19_000);
        output.WriteLine($"payload 1000 rows: {once.Length} bytes; 100000 rows: {ProcessEventsPayload.Build(100_000).Length} bytes");
    }
}
