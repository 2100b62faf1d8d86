using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Defender365Typed.Generators.Helpers;
using Defender365Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Defender365Typed.Generators.Parsing;

/// <summary>
/// Builds the reader model of a valid shape type: how each column's value is decoded and how the row is constructed
/// (the constructor with the most parameters that all match columns by name and type, then settable or init
/// properties for the rest). Returns null when some column could not be filled; the type then gets no reader.
/// </summary>
internal static class ReaderParser
{
    public static ReaderSpec? Parse(GeneratorAttributeSyntaxContext context, bool isTable, CancellationToken cancellationToken)
    {
        ShapeSpec? shape = ShapeParser.Parse(context, isTable, cancellationToken);
        if (shape is null || context.TargetSymbol is not INamedTypeSymbol type)
        {
            return null;
        }

        List<IPropertySymbol> properties = ShapeMembers.ColumnProperties(type).ToList();
        if (properties.Count != shape.Columns.Count)
        {
            return null;
        }

        int[] parameterOf = Enumerable.Repeat(-1, properties.Count).ToArray();
        int arity = ChooseConstructor(type, properties, parameterOf);
        if (arity < 0)
        {
            return null;
        }

        var columns = new List<ReaderColumnSpec>(properties.Count);
        for (int i = 0; i < properties.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IPropertySymbol property = properties[i];
            ColumnSpec column = shape.Columns[i];
            if (parameterOf[i] < 0 && (property.SetMethod is null || property.IsReadOnly))
            {
                return null;
            }

            if (!TryClassify(property.Type, column.Type, out ReaderValueKind kind, out bool nullable))
            {
                return null;
            }

            columns.Add(new ReaderColumnSpec(property.Name, column.ColumnName, column.Type, kind, nullable, ReadIntern(property), parameterOf[i]));
        }

        return new ReaderSpec(shape.Namespace, shape.TypeName, shape.TypeKeyword, shape.ContainingTypes, columns.ToEquatableArray(), arity);
    }

    /// <summary>
    /// Picks the constructor with the most parameters that all name a column (case-insensitively) of the same type;
    /// fills <paramref name="parameterOf"/> and returns its arity, or -1 when there is none (not even a parameterless one).
    /// </summary>
    private static int ChooseConstructor(INamedTypeSymbol type, List<IPropertySymbol> properties, int[] parameterOf)
    {
        int bestArity = -1;
        int[]? best = null;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type))
            {
                continue; // a record's copy constructor
            }

            if (constructor.Parameters.Length <= bestArity)
            {
                continue;
            }

            int[] map = Enumerable.Repeat(-1, properties.Count).ToArray();
            bool matches = true;
            for (int p = 0; p < constructor.Parameters.Length && matches; p++)
            {
                IParameterSymbol parameter = constructor.Parameters[p];
                int found = properties.FindIndex(property =>
                    string.Equals(property.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(property.Type, parameter.Type));
                if (found < 0 || map[found] >= 0 || parameter.RefKind != RefKind.None)
                {
                    matches = false;
                }
                else
                {
                    map[found] = p;
                }
            }

            if (matches)
            {
                bestArity = constructor.Parameters.Length;
                best = map;
            }
        }

        if (best is null && type.IsValueType)
        {
            return 0; // structs always have the parameterless constructor
        }

        if (best is not null)
        {
            Array.Copy(best, parameterOf, best.Length);
        }

        return bestArity;
    }

    private static bool TryClassify(ITypeSymbol type, KqlTypeName columnType, out ReaderValueKind kind, out bool nullable)
    {
        nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            nullable = true;
            type = wrapper.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                nullable = type.NullableAnnotation != NullableAnnotation.NotAnnotated;
                kind = columnType == KqlTypeName.Dynamic ? ReaderValueKind.JsonText : ReaderValueKind.String;
                return true;
            case SpecialType.System_Int64: kind = ReaderValueKind.Int64; return true;
            case SpecialType.System_Int32: kind = ReaderValueKind.Int32; return true;
            case SpecialType.System_Double: kind = ReaderValueKind.Double; return true;
            case SpecialType.System_Decimal: kind = ReaderValueKind.Decimal; return true;
            case SpecialType.System_Boolean: kind = ReaderValueKind.Boolean; return true;
            case SpecialType.System_DateTime: kind = ReaderValueKind.DateTime; return true;
        }

        switch (type.ToDisplayString())
        {
            case KnownNames.DateTimeOffset: kind = ReaderValueKind.DateTimeOffset; return true;
            case KnownNames.Guid: kind = ReaderValueKind.Guid; return true;
            case KnownNames.TimeSpan: kind = ReaderValueKind.TimeSpan; return true;
            case KnownNames.JsonElement: kind = ReaderValueKind.JsonElement; return true;
            case KnownNames.KqlDynamicValue: kind = ReaderValueKind.Dynamic; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>Whether <c>[HuntingColumn(Intern = true)]</c> is on the property.</summary>
    private static bool ReadIntern(IPropertySymbol property)
    {
        foreach (AttributeData attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != KnownNames.HuntingColumnAttribute)
            {
                continue;
            }

            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                if (named.Key == "Intern" && named.Value.Value is bool intern)
                {
                    return intern;
                }
            }
        }

        return false;
    }
}
