using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>One item of a column list lambda (<c>e => [e.A, e.B.As("C"), e.D.ToLower()]</c>): its KQL name, or null where KQL picks one.</summary>
internal readonly struct ColumnItem
{
    public ColumnItem(string? name, KqlScalarType type, bool isColumn)
    {
        Name = name;
        Type = type;
        IsColumn = isColumn;
    }

    public string? Name { get; }

    public KqlScalarType Type { get; }

    /// <summary>A plain column reference (what <c>project-away</c> takes), not a named or computed value.</summary>
    public bool IsColumn { get; }
}

/// <summary>Reads the items of a column list lambda and the column references in lambdas.</summary>
internal sealed class ColumnItems
{
    private readonly ColumnSets _sets;
    private readonly OutColumns _outColumns;

    public ColumnItems(ColumnSets sets, OutColumns outColumns)
    {
        _sets = sets;
        _outColumns = outColumns;
    }

    /// <summary>The lambda behind a delegate argument, or null (a method group, a delegate variable).</summary>
    public static IAnonymousFunctionOperation? Lambda(IOperation? value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : null;
    }

    /// <summary>
    /// The items of <c>e => [..]</c> (or <c>new KqlExpr[] { .. }</c>), or null when the list is not written out in the
    /// lambda (a block body, a spread, a variable), so the columns it names cannot be known.
    /// </summary>
    public List<ColumnItem>? Read(IAnonymousFunctionOperation? lambda)
    {
        if (lambda == null || lambda.Symbol.Parameters.Length == 0 || lambda.Syntax is not LambdaExpressionSyntax { ExpressionBody: { } body } || lambda.SemanticModel is not { } model)
        {
            return null;
        }

        var elements = new List<ExpressionSyntax>();
        switch (body)
        {
            case CollectionExpressionSyntax collection:
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax expression)
                    {
                        return null;
                    }

                    elements.Add(expression.Expression);
                }

                break;
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                elements.AddRange(initializer.Expressions);
                break;
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                elements.AddRange(implicitArray.Initializer.Expressions);
                break;
            default:
                return null;
        }

        var parameter = lambda.Symbol.Parameters[0];
        var items = new List<ColumnItem>(elements.Count);
        foreach (var element in elements)
        {
            items.Add(Item(model.GetOperation(element), parameter));
        }

        return items;
    }

    /// <summary>The KQL name and accessor type of a column reference on <paramref name="parameter"/> or of an out variable column; false for anything else.</summary>
    public bool TryColumn(IOperation? operation, IParameterSymbol parameter, out string name, out KqlScalarType type)
    {
        operation = Unwrap(operation);
        if (operation is IPropertyReferenceOperation property)
        {
            return _sets.TryResolve(property, parameter, out name, out type);
        }

        if (operation is ILocalReferenceOperation local)
        {
            return _outColumns.TryGet(local, out name, out type);
        }

        name = "";
        type = KqlScalarType.Unknown;
        return false;
    }

    private ColumnItem Item(IOperation? operation, IParameterSymbol parameter)
    {
        operation = Unwrap(operation);
        if (TryColumn(operation, parameter, out var name, out var type))
        {
            return new ColumnItem(name, type, isColumn: true);
        }

        // e.X.As("Name"): the alias names the item; its type is the typed scalar it was called on.
        if (operation is IInvocationOperation { TargetMethod.Name: "As", Arguments.Length: 1 } alias
            && alias.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string aliasName }
            && alias.Instance != null)
        {
            return new ColumnItem(aliasName, ScalarTypes.Of(alias.Instance.Type), isColumn: false);
        }

        return new ColumnItem(null, KqlScalarType.Unknown, isColumn: false);
    }

    /// <summary>Skips implicit conversions (a typed scalar to <c>KqlExpr</c>).</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
