using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Defender365Typed.Client;

// The service's shape of GET /beta/security/getHuntingSchema (huntingSchemaResult), as read; HuntingSchemaConverter
// turns it into the schema file's model. Property names match case-insensitively: the documented examples spell schema
// entries both name/type and Name/Type.

/// <summary>The response body: tables and functions (some Graph functions wrap a complex result in <c>value</c>).</summary>
internal sealed class GraphHuntingSchema
{
    public List<GraphHuntingTable>? Tables { get; set; }

    public GraphHuntingFunctions? Functions { get; set; }

    public GraphHuntingSchema? Value { get; set; }
}

internal sealed class GraphHuntingTable
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<GraphHuntingColumn>? Columns { get; set; }
}

/// <summary>A table column or a function's output column: <c>dataType</c> is a .NET type name (<c>DateTime</c>, <c>Int64</c>...).</summary>
internal sealed class GraphHuntingColumn
{
    public string? Name { get; set; }

    public string? DataType { get; set; }

    /// <summary>Read when <see cref="DataType"/> is absent.</summary>
    public string? Type { get; set; }

    public string? Description { get; set; }
}

internal sealed class GraphHuntingFunctions
{
    public List<GraphHuntingFunction>? BuiltInFunctions { get; set; }

    public List<GraphHuntingFunction>? SavedFunctions { get; set; }
}

internal sealed class GraphHuntingFunction
{
    public string? Name { get; set; }

    /// <summary>A saved function's description.</summary>
    public string? Description { get; set; }

    /// <summary>A built-in function's description.</summary>
    public string? Documentation { get; set; }

    public List<GraphHuntingParameter>? InputParameters { get; set; }

    public List<GraphHuntingColumn>? OutputColumns { get; set; }
}

/// <summary>A function parameter: <c>cslType</c> is a KQL type name (<c>string</c>, <c>long</c>...).</summary>
internal sealed class GraphHuntingParameter
{
    public string? Name { get; set; }

    public string? CslType { get; set; }

    /// <summary>Read when <see cref="CslType"/> is absent.</summary>
    public string? Type { get; set; }

    /// <summary>Any JSON value (usually null or a string); kept as text.</summary>
    public JsonElement? DefaultValue { get; set; }
}

/// <summary>Source-generated (reflection-free, trim and AOT safe) JSON metadata for the hunting schema response.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(GraphHuntingSchema))]
internal sealed partial class HuntingSchemaJsonContext : JsonSerializerContext
{
}
