using System;
using System.Text.Json;
using Defender365Typed;
using Defender365Typed.Results;

namespace Defender365Typed.Results.Tests;

/// <summary>One column of every KQL type, in every CLR form the reader supports.</summary>
[HuntingResult]
public sealed partial class AllTypesRow
{
    public string S { get; init; } = "";

    public string? NS { get; init; }

    public long? L { get; init; }

    public int? I { get; init; }

    public double? R { get; init; }

    public decimal? Dec { get; init; }

    public bool? B { get; init; }

    public DateTime? Dt { get; init; }

    public DateTimeOffset? Dto { get; init; }

    public Guid? G { get; init; }

    public TimeSpan? Ts { get; init; }

    public KqlDynamicValue Dyn { get; init; }

    [HuntingColumn(Type = KqlType.Dynamic)]
    public string DynText { get; init; } = "";

    public JsonElement? Je { get; init; }
}

/// <summary>A positional record: built through its primary constructor.</summary>
[HuntingResult]
public sealed partial record PositionalRow(DateTime Timestamp, string DeviceName, long? ProcessId, [property: HuntingColumn("Action Type")] string ActionType);

/// <summary>Non-nullable value types, for null handling.</summary>
[HuntingResult]
public sealed partial record StrictRow(long Count, DateTime When, bool Flag);

/// <summary>Mixed construction: constructor parameters plus a settable property.</summary>
[HuntingResult]
public sealed partial class MixedRow
{
    public MixedRow(string name, int? size)
    {
        Name = name;
        Size = size;
    }

    public string Name { get; }

    public int? Size { get; }

    public double? Score { get; set; }
}

/// <summary>A mutable struct with settable fields-as-properties.</summary>
[HuntingResult]
public partial struct MutableStructRow
{
    public long? Id { get; set; }

    public string? Tag { get; set; }
}
