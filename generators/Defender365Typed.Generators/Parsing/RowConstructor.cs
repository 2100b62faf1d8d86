using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// How the generated reader builds a row: the constructor with the most parameters that all match columns by name
/// (case-insensitively) and type, then settable or init properties for the rest. <see cref="Arity"/> is null when
/// some column can be filled neither way; the type then gets no reader.
/// </summary>
internal readonly struct RowConstructor
{
    private readonly int[] _parameterOf;

    private RowConstructor(int? arity, int[] parameterOf)
    {
        Arity = arity;
        _parameterOf = parameterOf;
    }

    /// <summary>The chosen constructor's parameter count (0: the parameterless one), or null when rows cannot be built.</summary>
    public int? Arity { get; }

    /// <summary>The constructor parameter that receives column <paramref name="column"/>, or -1 when it is set through an initializer.</summary>
    public int ParameterOf(int column) => Arity is null ? -1 : _parameterOf[column];

    public static RowConstructor Choose(INamedTypeSymbol type, IReadOnlyList<ColumnDeclaration> columns)
    {
        int bestArity = -1;
        int[]? best = null;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type))
            {
                continue; // a record's copy constructor
            }

            if (constructor.Parameters.Length > bestArity && Match(constructor, columns) is { } map)
            {
                bestArity = constructor.Parameters.Length;
                best = map;
            }
        }

        if (best is null && type.IsValueType)
        {
            bestArity = 0; // structs always have the parameterless constructor
        }

        int[] parameterOf = best ?? Enumerable.Repeat(-1, columns.Count).ToArray();
        bool fillable = bestArity >= 0 && Enumerable.Range(0, columns.Count).All(i => parameterOf[i] >= 0 || IsSettable(columns[i].Property));
        return new RowConstructor(fillable ? bestArity : null, parameterOf);
    }

    /// <summary>For each column, the parameter of <paramref name="constructor"/> that receives it (-1: none); null when some parameter names no column.</summary>
    private static int[]? Match(IMethodSymbol constructor, IReadOnlyList<ColumnDeclaration> columns)
    {
        int[] map = Enumerable.Repeat(-1, columns.Count).ToArray();
        for (int p = 0; p < constructor.Parameters.Length; p++)
        {
            IParameterSymbol parameter = constructor.Parameters[p];
            int found = -1;
            for (int c = 0; c < columns.Count && found < 0; c++)
            {
                IPropertySymbol property = columns[c].Property;
                if (string.Equals(property.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(property.Type, parameter.Type))
                {
                    found = c;
                }
            }

            if (found < 0 || map[found] >= 0 || parameter.RefKind != RefKind.None)
            {
                return null;
            }

            map[found] = p;
        }

        return map;
    }

    private static bool IsSettable(IPropertySymbol property) => property.SetMethod is not null && !property.IsReadOnly;
}
