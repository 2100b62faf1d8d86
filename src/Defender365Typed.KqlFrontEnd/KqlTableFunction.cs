using System;
using System.Collections.Generic;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// A tabular function a schema file declares (a tenant's saved function, or a built-in one the file describes): raw KQL
/// calls it by name, <c>MyFunction("x") | where ...</c>, and its rows have <see cref="Output"/>'s columns.
/// </summary>
public sealed class KqlTableFunction
{
    public KqlTableFunction(string name, IReadOnlyList<KqlFunctionParameter> parameters, IReadOnlyList<KqlColumn> outputColumns)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        Output = new RowShape(outputColumns ?? throw new ArgumentNullException(nameof(outputColumns)), isOpen: false, origin: name);
        var required = 0;
        foreach (var p in parameters)
        {
            if (!p.IsOptional)
            {
                required++;
            }
        }

        MinArgs = required;
    }

    public string Name { get; }

    public IReadOnlyList<KqlFunctionParameter> Parameters { get; }

    /// <summary>The rows the function returns (closed: the file lists every output column).</summary>
    public RowShape Output { get; }

    /// <summary>How many arguments a call must pass (parameters without a default).</summary>
    public int MinArgs { get; }

    public int MaxArgs => Parameters.Count;
}

/// <summary>A parameter of a <see cref="KqlTableFunction"/>: scalar (typed) or tabular, required or with a default.</summary>
public sealed class KqlFunctionParameter
{
    public KqlFunctionParameter(string name, KqlScalarType type, bool isTabular, bool isOptional)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type;
        IsTabular = isTabular;
        IsOptional = isOptional;
    }

    public string Name { get; }

    /// <summary>The scalar type; <see cref="KqlScalarType.Unknown"/> for a tabular parameter.</summary>
    public KqlScalarType Type { get; }

    public bool IsTabular { get; }

    public bool IsOptional { get; }
}
