using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>
/// The columns that live in out variables: <c>Extend("SizeMb", ..., out KqlReal sizeMb)</c>,
/// <c>ProjectRename("New", ..., out var renamed)</c> and <c>MvExpand("Item", ..., out var item)</c> name a column that
/// later lambdas use through the variable, so a use of the variable is a use of that column.
/// </summary>
internal sealed class OutColumns
{
    private readonly QueryTypes _types;

    public OutColumns(QueryTypes types) => _types = types;

    public bool TryGet(ILocalReferenceOperation reference, out string name, out KqlScalarType type)
    {
        name = "";
        type = ScalarTypes.Of(reference.Local.Type);
        if (type == KqlScalarType.Unknown || reference.SemanticModel is not { } model)
        {
            return false;
        }

        foreach (var declaration in reference.Local.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree != model.SyntaxTree
                || declaration.GetSyntax() is not SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax argument } }
                || !argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)
                || argument.Parent?.Parent is not InvocationExpressionSyntax invocation
                || model.GetOperation(invocation) is not IInvocationOperation call
                || !_types.IsOperator(call.TargetMethod)
                || call.TargetMethod.Name is not ("Extend" or "ProjectRename" or "MvExpand"))
            {
                continue;
            }

            foreach (var a in call.Arguments)
            {
                if (a.Parameter?.Ordinal == 0 && a.Value.ConstantValue is { HasValue: true, Value: string constant })
                {
                    name = constant;
                    return true;
                }
            }
        }

        return false;
    }
}
