using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Client;

/// <summary>
/// Turns the service's getHuntingSchema shape into the schema file's model, normalised for diffs: tables and functions
/// sorted by name (ordinal; a built-in function before a saved one of the same name), columns and parameters in service
/// order, every type the canonical KQL name (<c>DateTime</c> → <c>datetime</c>, <c>Int64</c> → <c>long</c>,
/// <c>Object</c> → <c>dynamic</c>...).
/// </summary>
/// <remarks>
/// A type the client cannot map is an error naming the table or function, the column or parameter and the value, not a
/// column quietly read as dynamic: a schema file exists to pin types, and a guessed one would show up in every drift
/// report as a retype that never happened.
/// </remarks>
internal static class HuntingSchemaConverter
{
    /// <summary>The <c>source</c> of a pulled file: the same on every machine and every day, so two pulls diff cleanly.</summary>
    public const string Source = "Microsoft Graph (beta) GET /security/getHuntingSchema";

    /// <exception cref="DefenderResponseException">An entry has no name or a type that is not a KQL type; the message names it.</exception>
    public static HuntingSchemaDocument Convert(GraphHuntingSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Tables is null && schema.Functions is null && schema.Value is not null)
        {
            schema = schema.Value;
        }

        if (schema.Tables is null)
        {
            throw new DefenderResponseException("The hunting schema response has no \"tables\" array.");
        }

        var tables = new List<HuntingSchemaTable>(schema.Tables.Count);
        for (int i = 0; i < schema.Tables.Count; i++)
        {
            GraphHuntingTable table = schema.Tables[i] ?? throw Bad($"table #{i + 1} is null");
            string name = Required(table.Name, $"table #{i + 1}");
            tables.Add(new HuntingSchemaTable(name, Columns(table.Columns, $"table '{name}'"), table.Description));
        }

        var functions = new List<HuntingSchemaFunction>();
        AddFunctions(functions, schema.Functions?.BuiltInFunctions, HuntingSchemaFunctionKind.BuiltIn);
        AddFunctions(functions, schema.Functions?.SavedFunctions, HuntingSchemaFunctionKind.Saved);
        return new HuntingSchemaDocument(
            tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray(),
            functions.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Kind).ToArray(),
            Source);
    }

    /// <summary>
    /// The canonical KQL type of a service type name: .NET names (<c>String</c>, <c>Int64</c>, <c>Boolean</c>,
    /// <c>Double</c>, <c>Object</c>, <c>SByte</c> for bool; with or without <c>System.</c>) and KQL names and aliases
    /// (<c>string</c>, <c>long</c>, <c>dynamic</c>...), in any case; <see cref="KqlScalarType.Unknown"/> when none.
    /// </summary>
    public static KqlScalarType ParseType(string? serviceType)
    {
        string? name = serviceType?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return KqlScalarType.Unknown;
        }

        if (name.StartsWith("System.", StringComparison.OrdinalIgnoreCase))
        {
            name = name["System.".Length..];
        }

        name = name.ToLowerInvariant();
        return name == "sbyte" ? KqlScalarType.Bool : KqlScalarTypes.Parse(name);
    }

    private static void AddFunctions(List<HuntingSchemaFunction> into, List<GraphHuntingFunction>? functions, HuntingSchemaFunctionKind kind)
    {
        string group = kind == HuntingSchemaFunctionKind.BuiltIn ? "built-in function" : "saved function";
        for (int i = 0; i < (functions?.Count ?? 0); i++)
        {
            GraphHuntingFunction function = functions![i] ?? throw Bad($"{group} #{i + 1} is null");
            string name = Required(function.Name, $"{group} #{i + 1}");
            string place = $"{group} '{name}'";
            var parameters = new List<HuntingSchemaParameter>();
            foreach (GraphHuntingParameter? parameter in function.InputParameters ?? [])
            {
                string parameterName = Required(parameter?.Name, $"{place}, parameter #{parameters.Count + 1}");
                parameters.Add(new HuntingSchemaParameter(parameterName, ParameterType(parameter!, $"{place}, parameter '{parameterName}'"), DefaultValue(parameter!.DefaultValue)));
            }

            into.Add(new HuntingSchemaFunction(name, kind, parameters, Columns(function.OutputColumns, place + ", output"), function.Description ?? function.Documentation));
        }
    }

    private static HuntingSchemaColumn[] Columns(List<GraphHuntingColumn>? columns, string place)
    {
        var result = new HuntingSchemaColumn[columns?.Count ?? 0];
        for (int i = 0; i < result.Length; i++)
        {
            GraphHuntingColumn column = columns![i] ?? throw Bad($"{place}, column #{i + 1} is null");
            string name = Required(column.Name, $"{place}, column #{i + 1}");
            string serviceType = column.DataType ?? column.Type ?? throw Bad($"{place}, column '{name}' has no dataType");
            result[i] = new HuntingSchemaColumn(name, Canonical(serviceType, $"{place}, column '{name}'"), column.Description);
        }

        return result;
    }

    /// <summary>A scalar type's canonical name; a tabular parameter's schema (<c>(*)</c>, <c>(DeviceId:string)</c>) as sent.</summary>
    private static string ParameterType(GraphHuntingParameter parameter, string place)
    {
        string type = parameter.CslType ?? parameter.Type ?? throw Bad($"{place} has no cslType");
        return type.TrimStart().StartsWith('(') ? type.Trim() : Canonical(type, place);
    }

    private static string Canonical(string serviceType, string place)
    {
        KqlScalarType type = ParseType(serviceType);
        return type == KqlScalarType.Unknown
            ? throw Bad($"{place} has type '{serviceType}', which is not a KQL type this client knows (string, long, int, real, bool, datetime, timespan, guid, decimal, dynamic, or their .NET names)")
            : KqlScalarTypes.Name(type);
    }

    /// <summary>The default as text: a JSON string as its value, any other JSON value as written; null when absent or null.</summary>
    private static string? DefaultValue(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    private static string Required(string? name, string place) =>
        string.IsNullOrWhiteSpace(name) ? throw Bad($"{place} has no name") : name;

    private static DefenderResponseException Bad(string problem) => new($"The hunting schema response is not usable: {problem}.");
}
