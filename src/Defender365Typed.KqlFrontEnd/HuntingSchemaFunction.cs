using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>Where a function of a hunting-schema file comes from, as getHuntingSchema groups them.</summary>
public enum HuntingSchemaFunctionKind
{
    /// <summary>A function Defender XDR provides to every tenant (<c>FileProfile</c>, <c>DeviceFromIP</c>...).</summary>
    BuiltIn,

    /// <summary>A function saved in the tenant (shared or personal), visible to the caller.</summary>
    Saved,
}

/// <summary>
/// One callable function of a hunting-schema file: its parameters and the columns of the table it returns. Plain data, like
/// <see cref="HuntingSchemaDocument"/>.
/// </summary>
public sealed class HuntingSchemaFunction
{
    /// <summary>Creates the function.</summary>
    public HuntingSchemaFunction(
        string name,
        HuntingSchemaFunctionKind kind,
        IReadOnlyList<HuntingSchemaParameter> parameters,
        IReadOnlyList<HuntingSchemaColumn> outputColumns,
        string? description = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        OutputColumns = outputColumns ?? throw new ArgumentNullException(nameof(outputColumns));
        Description = description;
    }

    /// <summary>The function name in KQL (case-sensitive).</summary>
    public string Name { get; }

    /// <summary>Built-in or saved in the tenant.</summary>
    public HuntingSchemaFunctionKind Kind { get; }

    /// <summary>The input parameters, in call order.</summary>
    public IReadOnlyList<HuntingSchemaParameter> Parameters { get; }

    /// <summary>The columns of the table the function returns, in order.</summary>
    public IReadOnlyList<HuntingSchemaColumn> OutputColumns { get; }

    /// <summary>What the function does, when the file says.</summary>
    public string? Description { get; }

    /// <summary>The function as the binder sees it: a tabular function with typed parameters and output columns.</summary>
    public KqlTableFunction ToKqlFunction()
    {
        var parameters = new KqlFunctionParameter[Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = Parameters[i];
            parameters[i] = new KqlFunctionParameter(p.Name, p.ScalarType, p.IsTabular, p.IsOptional);
        }

        var columns = new KqlColumn[OutputColumns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new KqlColumn(OutputColumns[i].Name, OutputColumns[i].ScalarType);
        }

        return new KqlTableFunction(Name, parameters, columns);
    }
}

/// <summary>One input parameter of a <see cref="HuntingSchemaFunction"/>.</summary>
public sealed class HuntingSchemaParameter
{
    /// <summary>
    /// Creates the parameter; <paramref name="type"/> is a KQL scalar type name, or a tabular schema such as <c>(*)</c> or
    /// <c>(DeviceId:string)</c> for a table-valued parameter.
    /// </summary>
    public HuntingSchemaParameter(string name, string type, string? defaultValue = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type ?? throw new ArgumentNullException(nameof(type));
        IsTabular = type.StartsWith("(", StringComparison.Ordinal);
        ScalarType = IsTabular ? KqlScalarType.Unknown : KqlScalarTypes.Parse(type);
        DefaultValue = defaultValue;
    }

    /// <summary>The parameter name.</summary>
    public string Name { get; }

    /// <summary>The type as written in the file.</summary>
    public string Type { get; }

    /// <summary>Whether the parameter takes a table (its <see cref="Type"/> is a tabular schema).</summary>
    public bool IsTabular { get; }

    /// <summary><see cref="Type"/> as the binder tracks it (<see cref="KqlScalarType.Unknown"/> for a tabular parameter).</summary>
    public KqlScalarType ScalarType { get; }

    /// <summary>The default value as a KQL literal, when the parameter is optional.</summary>
    public string? DefaultValue { get; }

    /// <summary>Whether a call may leave the parameter out.</summary>
    public bool IsOptional => DefaultValue != null;
}
