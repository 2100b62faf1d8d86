using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>
/// Where a chain starts: a table property, or a local that holds a query. Anything else (a parameter, a field, a
/// property of the user's, a method result) has columns the analyzer cannot know.
/// </summary>
internal sealed class ChainRoots
{
    private readonly QueryTypes _types;
    private readonly ColumnSets _sets;

    public ChainRoots(QueryTypes types, ColumnSets sets)
    {
        _types = types;
        _sets = sets;
    }

    /// <summary>A table: <c>Hunting.DeviceProcessEvents</c>, <c>MyTable.Table</c> or <c>MyTable.Shape.Table</c>; null for any other property.</summary>
    public ChainColumns? Table(IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        if (property.Type is not INamedTypeSymbol { TypeArguments.Length: 2 } type || !_types.IsQuery(type))
        {
            return null;
        }

        var row = type.TypeArguments[0];
        var isSource = property.IsStatic
            ? QueryTypes.Is(property.ContainingType, _types.Hunting) || (property.Name == "Table" && QueryTypes.Is(property.ContainingType, row))
            : property.Name == "Table" && QueryTypes.Is(property.ContainingType.OriginalDefinition, _types.Shape);
        return isSource && _sets.TableName(row) is { } table && _sets.RowColumns(row) is { } columns
            ? ChainColumns.Start(table, columns)
            : null;
    }

    /// <summary>The initializer of a local that is never assigned again, or null.</summary>
    public static IOperation? Initializer(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator
            || declarator.SyntaxTree != model.SyntaxTree
            || IsAssignedAgain(declarator, local, model))
        {
            return null;
        }

        return model.GetOperation(initializer);
    }

    private static bool IsAssignedAgain(VariableDeclaratorSyntax declarator, ILocalSymbol local, SemanticModel model)
    {
        var scope = declarator.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (scope == null)
        {
            return true;
        }

        foreach (var identifier in scope.DescendantNodes())
        {
            if (identifier is not IdentifierNameSyntax { Identifier.ValueText: var text } name || text != local.Name)
            {
                continue;
            }

            var written = name.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == name,
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                _ => false,
            };
            if (written && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }
}
