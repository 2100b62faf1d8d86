using System.Collections.Concurrent;
using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>
/// Computes the columns of a typed query expression by walking its fluent chain from the table down, one KQL
/// operator at a time. Null means "not known statically" (a query from a parameter, a field, a method, a list the
/// lambda does not spell out): callers then stay silent. One instance per compilation; results are cached per call.
/// </summary>
internal sealed class ChainEvaluator
{
    private readonly QueryTypes _types;
    private readonly ColumnSets _sets;
    private readonly ColumnItems _items;
    private readonly ChainRoots _roots;
    private readonly ConcurrentDictionary<SyntaxNode, Result> _cache = new ConcurrentDictionary<SyntaxNode, Result>();

    public ChainEvaluator(QueryTypes types, ColumnSets sets, ColumnItems items)
    {
        _types = types;
        _sets = sets;
        _items = items;
        _roots = new ChainRoots(types, sets);
    }

    /// <summary>The columns of the query <paramref name="operation"/> evaluates to, or null when they cannot be known.</summary>
    public ChainColumns? Evaluate(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        switch (operation)
        {
            case IInvocationOperation invocation when _types.IsOperator(invocation.TargetMethod):
                return _cache.GetOrAdd(invocation.Syntax, _ => new Result(Apply(invocation))).Columns;
            case IPropertyReferenceOperation property:
                return _roots.Table(property);
            case ILocalReferenceOperation local:
                return Evaluate(ChainRoots.Initializer(local));
            default:
                return null;
        }
    }

    private ChainColumns? Apply(IInvocationOperation invocation)
    {
        var input = Evaluate(invocation.Instance);
        if (input == null)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Where":
            case "OrderBy":
            case "OrderByDescending":
            case "ThenBy":
            case "ThenByDescending":
            case "Top":
            case "Take":
            case "Limit":
            case "LeftSemiJoin":
            case "LeftAntiJoin":
            case "AsLet":
                return input;
            case "Project" when method.Parameters.Length == 1 && !IsShape(method.Parameters[0].Type):
            case "Distinct":
                return List(input, ColumnItems.Lambda(Argument(invocation, 0)), method.Name);
            case "Project":
                return ShapeOutput(input, method, method.Parameters.Length == 1
                    ? "Project into {0} did not keep it"
                    : "Project into {0} does not produce it", keepInputTypes: method.Parameters.Length == 1);
            case "Summarize":
                return ShapeOutput(input, method, "Summarize into {0} does not produce it", keepInputTypes: false);
            case "Count":
                return ShapeOutput(input, method, "Count does not produce it", keepInputTypes: false);
            case "ProjectAway":
                return Away(input, ColumnItems.Lambda(Argument(invocation, 0)));
            case "ProjectRename":
                return Rename(input, invocation);
            case "Extend":
                return Set(input, invocation, "Extend");
            case "MvExpand":
                return method.IsGenericMethod ? Set(input, invocation, "MvExpand") : input;
            case "SummarizeArgMax":
            case "SummarizeArgMin":
                return ArgExtremum(input, invocation);
            case "Join":
                return Join(input, Evaluate(Argument(invocation, 1)));
            case "RightSemiJoin":
            case "RightAntiJoin":
                return Evaluate(Argument(invocation, 0));
            case "Union":
                return Union(input, Argument(invocation, 0));
            default:
                return null;
        }
    }

    private bool IsShape(ITypeSymbol type) => QueryTypes.Is(type.OriginalDefinition, _types.Shape);

    /// <summary>The value passed for the parameter at <paramref name="ordinal"/> (arguments can be named, in any order).</summary>
    public static IOperation? Argument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
            }
        }

        return null;
    }

    private static string? ConstantName(IInvocationOperation invocation) =>
        Argument(invocation, 0)?.ConstantValue is { HasValue: true, Value: string name } && name.Length > 0 ? name : null;

    /// <summary><c>project</c>/<c>distinct</c> with a column list: exactly the listed items, in order.</summary>
    private ChainColumns? List(ChainColumns input, IAnonymousFunctionOperation? lambda, string op)
    {
        var items = _items.Read(lambda);
        if (items == null)
        {
            return null;
        }

        var b = new RowShapeBuilder(false);
        foreach (var item in items)
        {
            if (item.Name == null)
            {
                b.IsOpen = true;
                continue;
            }

            var type = item.IsColumn && input.Find(item.Name) is { } existing ? existing.Type : item.Type;
            b.Set(item.Name, type);
        }

        return input.Narrowed(b.ToShape(), op + " did not keep it");
    }

    /// <summary>A result shape's columns: <c>project A, B</c> (types as the input has them), or what <c>summarize</c>/<c>count</c> fill.</summary>
    private ChainColumns? ShapeOutput(ChainColumns input, IMethodSymbol method, string dropped, bool keepInputTypes)
    {
        if (method.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 2 } result || _sets.RowColumns(result.TypeArguments[0]) is not { } columns)
        {
            return null;
        }

        var b = new RowShapeBuilder(false);
        foreach (var column in columns)
        {
            var type = keepInputTypes && input.Find(column.Name) is { } existing ? existing.Type : column.Type;
            b.Set(column.Name, type);
        }

        return input.Narrowed(b.ToShape(), string.Format(System.Globalization.CultureInfo.InvariantCulture, dropped, result.TypeArguments[0].Name));
    }

    private ChainColumns? Away(ChainColumns input, IAnonymousFunctionOperation? lambda)
    {
        var items = _items.Read(lambda);
        if (items == null)
        {
            return null;
        }

        var b = new RowShapeBuilder(input.Shape);
        var events = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            if (item.Name == null || !item.IsColumn)
            {
                return null;
            }

            b.Remove(item.Name);
            events.Add(new KeyValuePair<string, string>(item.Name, "ProjectAway removed it"));
        }

        return input.Next(b.ToShape(), events);
    }

    /// <summary><c>project-rename New = Old</c>: the column keeps its place and type under the new name.</summary>
    private ChainColumns? Rename(ChainColumns input, IInvocationOperation invocation)
    {
        var lambda = ColumnItems.Lambda(Argument(invocation, 1));
        if (ConstantName(invocation) is not { } newName || lambda == null || lambda.Symbol.Parameters.Length != 1
            || lambda.Body.Operations.Length != 1 || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned }
            || !_items.TryColumn(returned, lambda.Symbol.Parameters[0], out var oldName, out var accessorType))
        {
            return null;
        }

        var b = new RowShapeBuilder(input.Shape);
        var i = b.IndexOf(oldName);
        var type = i >= 0 ? b.Columns[i].Type : accessorType;
        b.Remove(newName);
        i = b.IndexOf(oldName);
        if (i >= 0)
        {
            b.Columns[i] = new KqlColumn(newName, type);
        }
        else
        {
            b.Columns.Add(new KqlColumn(newName, type));
        }

        return input.Next(b.ToShape(), new[]
        {
            new KeyValuePair<string, string>(oldName, "ProjectRename renamed it to '" + newName + "'"),
            new KeyValuePair<string, string>(newName, "ProjectRename gave the name to '" + oldName + "'"),
        });
    }

    /// <summary><c>extend Name = ...</c> or <c>mv-expand Name = ... to typeof(T)</c>: adds the column, or replaces a same-named one and its type.</summary>
    private static ChainColumns? Set(ChainColumns input, IInvocationOperation invocation, string op)
    {
        var method = invocation.TargetMethod;
        if (ConstantName(invocation) is not { } name || method.TypeArguments.Length != 1)
        {
            return null;
        }

        var type = ScalarTypes.Of(method.TypeArguments[0]);
        var existing = input.Find(name);
        var b = new RowShapeBuilder(input.Shape);
        b.Set(name, type);
        var what = existing == null ? op + " added it"
            : existing.Type != type ? op + " replaced it with a " + KqlScalarTypes.Name(type) + " value"
            : null;
        return input.Next(b.ToShape(), what == null ? System.Array.Empty<KeyValuePair<string, string>>() : new[] { new KeyValuePair<string, string>(name, what) });
    }

    /// <summary>
    /// <c>summarize arg_max(Key, *) by A, B</c>: the by columns, the key, then every input column; an input column the
    /// by clause already has comes again as <c>A1</c> (KQL's naming, as the front end models it).
    /// </summary>
    private ChainColumns? ArgExtremum(ChainColumns input, IInvocationOperation invocation)
    {
        var keyLambda = ColumnItems.Lambda(Argument(invocation, 0));
        if (keyLambda == null || keyLambda.Symbol.Parameters.Length != 1
            || keyLambda.Body.Operations.Length != 1 || keyLambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            return null;
        }

        var b = new RowShapeBuilder(false);
        var byArgument = Argument(invocation, 1);
        if (byArgument != null && !(byArgument.ConstantValue is { HasValue: true, Value: null }))
        {
            var keys = _items.Read(ColumnItems.Lambda(byArgument));
            if (keys == null)
            {
                return null;
            }

            foreach (var key in keys)
            {
                if (key.Name == null)
                {
                    b.IsOpen = true;
                    continue;
                }

                b.AddIfMissing(key.Name, key.IsColumn && input.Find(key.Name) is { } existing ? existing.Type : key.Type);
            }
        }

        string? keyName = null;
        if (_items.TryColumn(returned, keyLambda.Symbol.Parameters[0], out var name, out var keyType))
        {
            keyName = name;
            b.AddIfMissing(name, input.Find(name)?.Type ?? keyType);
        }
        else
        {
            b.IsOpen = true;
        }

        foreach (var column in input.Shape.Columns)
        {
            if (column.Name != keyName)
            {
                b.AddUnique(column.Name, column.Type);
            }
        }

        b.IsOpen |= input.Shape.IsOpen;
        return input.Next(b.ToShape(), System.Array.Empty<KeyValuePair<string, string>>());
    }

    /// <summary><c>join kind=inner|innerunique|leftouter|rightouter|fullouter</c>: the left columns, then the right ones, renamed <c>Name1</c> where the left has the name.</summary>
    private static ChainColumns? Join(ChainColumns left, ChainColumns? right)
    {
        if (right == null)
        {
            return null;
        }

        var b = new RowShapeBuilder(left.Shape);
        var events = new List<KeyValuePair<string, string>>();
        foreach (var column in right.Shape.Columns)
        {
            var before = b.Columns.Count;
            b.AddUnique(column.Name, column.Type);
            var outputName = b.Columns[before].Name;
            if (outputName == column.Name)
            {
                // The runtime's accessor for this right column may still say Name1 (its static left side has the name).
                events.Add(new KeyValuePair<string, string>(column.Name + "1", "Join keeps the right side's '" + column.Name + "' under its own name, since the left side has no '" + column.Name + "' here"));
            }
            else
            {
                events.Add(new KeyValuePair<string, string>(outputName, "Join named the right side's '" + column.Name + "' so"));
            }
        }

        // What happened on the right side explains its columns' absence in the output, under their output names.
        var leftNames = new List<string>();
        foreach (var column in left.Shape.Columns)
        {
            leftNames.Add(column.Name);
        }

        foreach (var happened in right.Events)
        {
            var outputName = ColumnSets.RenameAfter(happened.Key, leftNames);
            if (b.IndexOf(outputName) < 0)
            {
                events.Add(new KeyValuePair<string, string>(outputName, "on the right side, " + happened.Value));
            }
        }

        b.IsOpen = left.Shape.IsOpen || right.Shape.IsOpen;
        return left.Next(b.ToShape(), events, "the join of " + left.Origin + " and " + right.Origin);
    }

    /// <summary><c>union</c> of queries with one row type: every leg's columns; a name with two types is not modelled.</summary>
    private ChainColumns? Union(ChainColumns input, IOperation? others)
    {
        if (others is not IArrayCreationOperation { Initializer: { } initializer })
        {
            return null;
        }

        var b = new RowShapeBuilder(input.Shape);
        foreach (var value in initializer.ElementValues)
        {
            var other = Evaluate(value);
            if (other == null)
            {
                return null;
            }

            foreach (var column in other.Shape.Columns)
            {
                var existing = input.Find(column.Name) ?? (b.IndexOf(column.Name) is var i && i >= 0 ? b.Columns[i] : null);
                if (existing != null && existing.Type != column.Type)
                {
                    return null;
                }

                b.AddIfMissing(column.Name, column.Type);
            }

            b.IsOpen |= other.Shape.IsOpen;
        }

        return input.Next(b.ToShape(), System.Array.Empty<KeyValuePair<string, string>>());
    }

    /// <summary>A cache entry (a null result is cached too).</summary>
    private sealed class Result
    {
        public Result(ChainColumns? columns) => Columns = columns;

        public ChainColumns? Columns { get; }
    }
}
