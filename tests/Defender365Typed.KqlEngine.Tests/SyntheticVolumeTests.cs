using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>
/// The large-tenant generator (SyntheticVolume): deterministic by seed, the size asked for, spread over the 30 days, typed
/// as documented, queryable. Sizes stay small enough to run in a second or two; the 1,000,000-row run and its memory are
/// in benchmarks/ (SyntheticVolumeBenchmarks).
/// </summary>
public sealed class SyntheticVolumeTests
{
    private static readonly DateTime End = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("DeviceNetworkEvents")]
    [InlineData("DeviceProcessEvents")]
    public void The_same_seed_gives_the_same_rows_cell_for_cell_and_another_seed_other_rows(string table)
    {
        KqlResultTable a = SyntheticVolume.Create(table, 3_000, End, seed: 7);
        KqlResultTable b = SyntheticVolume.Create(table, 3_000, End, seed: 7);
        KqlResultTable other = SyntheticVolume.Create(table, 3_000, End, seed: 8);

        Assert.Equal(a.Columns, b.Columns);
        for (int i = 0; i < a.Rows.Count; i++)
        {
            Assert.Equal(a.Rows[i], b.Rows[i]);
        }

        int device = a.IndexOf("DeviceId");
        int differing = Enumerable.Range(0, a.Rows.Count).Count(i => !Equals(a.Rows[i][device], other.Rows[i][device]));
        Assert.True(differing > 2_900, $"only {differing} of 3,000 rows differ in DeviceId between seeds 7 and 8");
    }

    [Theory]
    [InlineData("DeviceNetworkEvents")]
    [InlineData("DeviceProcessEvents")]
    public void Every_documented_column_is_there_with_the_CLR_type_of_its_KQL_type(string table)
    {
        KqlResultTable generated = SyntheticVolume.Create(table, 500, End);

        Assert.Equal(table, generated.Name);
        Assert.Equal(HuntingSchema.Columns(table), generated.Columns);
        Assert.Equal(500, generated.Rows.Count);
        int enumerated = 0;
        foreach (object?[] row in generated.Rows)
        {
            enumerated++;
            Assert.Equal(generated.Columns.Count, row.Length);
            for (int c = 0; c < row.Length; c++)
            {
                // Coercing a value of the right CLR type to its column type leaves it unchanged.
                Assert.Equal(row[c], Values.Coerce(row[c], generated.Columns[c].Type));
                Assert.True(row[c] is null || row[c]!.GetType() == ClrType(generated.Columns[c].Type), $"{generated.Columns[c].Name}: {row[c]?.GetType()}");
            }

            Assert.Equal(DateTimeKind.Utc, ((DateTime)row[0]!).Kind);
            Assert.NotEqual("", (string)row[generated.IndexOf("DeviceName")]!);
        }

        Assert.Equal(500, enumerated);
    }

    [Fact]
    public void Rows_rise_in_time_over_the_30_days_before_the_end_with_every_day_about_equally_full()
    {
        const int Rows = 60_000;
        KqlResultTable network = SyntheticVolume.Create("DeviceNetworkEvents", Rows, End);

        DateTime[] times = network.Rows.Select(r => (DateTime)r[0]!).ToArray();

        Assert.True(times[0] >= End - TimeSpan.FromDays(30));
        Assert.True(times[^1] < End);
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second));
        int[] perDay = times.GroupBy(t => (int)((t - (End - TimeSpan.FromDays(30))).TotalDays)).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal(30, perDay.Length);
        Assert.All(perDay, n => Assert.InRange(n, (Rows / 30) - 2, (Rows / 30) + 2));
    }

    [Fact]
    public void The_engine_finds_the_attack_rows_the_same_as_a_scan_of_the_rows()
    {
        KqlResultTable network = SyntheticVolume.Create("DeviceNetworkEvents", 100_000, End);
        int ip = network.IndexOf("RemoteIP"), file = network.IndexOf("InitiatingProcessFileName");
        int expected = network.Rows.Count(r => (string)r[ip]! == "185.220.101.45" && (string)r[file]! == "powershell.exe");

        KqlResultTable result = KqlEvaluator.Execute(
            "DeviceNetworkEvents | where RemoteIP == '185.220.101.45' and InitiatingProcessFileName =~ 'powershell.exe' | summarize Hits = count(), Devices = dcount(DeviceName)",
            new TableSource([network]), new EngineOptions { Now = End });

        Assert.InRange(expected, 1, 15); // about one row in 20,000
        Assert.Equal((long)expected, result.Rows[0][0]);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter_and_the_tables_that_can_be_generated()
    {
        ArgumentException table = Assert.Throws<ArgumentException>(() => SyntheticVolume.Create("EmailEvents", 10, End));
        Assert.Equal("table", table.ParamName);
        Assert.StartsWith("SyntheticVolume generates DeviceNetworkEvents and DeviceProcessEvents, not 'EmailEvents'.", table.Message, StringComparison.Ordinal);

        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVolume.Create("DeviceNetworkEvents", -1, End)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVolume.Create("DeviceNetworkEvents", 10, End).Rows[10]);
        Assert.Empty(SyntheticVolume.Create("DeviceNetworkEvents", 0, End).Rows);
    }

    private static Type ClrType(KqlScalarType type) => type switch
    {
        KqlScalarType.Bool => typeof(bool),
        KqlScalarType.Int => typeof(int),
        KqlScalarType.Long => typeof(long),
        KqlScalarType.Real => typeof(double),
        KqlScalarType.DateTime => typeof(DateTime),
        KqlScalarType.String => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no generated column of this type"),
    };
}
