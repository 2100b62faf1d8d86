using System;
using System.Collections.Immutable;
using Defender365Typed.Generators.Parsing;
using Defender365Typed.KqlFrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Defender365Typed.Generators.ChainAnalysis;

/// <summary>
/// Tracks the columns of typed builder chains (<c>Hunting.X.ProjectAway(...).Where(...)</c>) as KQL has them after each
/// operator, and reports column references that an earlier operator removed, renamed or retyped (DTQ110, DTQ111), and
/// queries run into a row type whose columns they do not produce (DTQ112, DTQ113). Where a chain's columns cannot be
/// known statically it says nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChainAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ChainDiagnosticDescriptors.ColumnNotAvailable,
        ChainDiagnosticDescriptors.ColumnRetyped,
        ChainDiagnosticDescriptors.RowPropertyNotProduced,
        ChainDiagnosticDescriptors.RowPropertyTypeMismatch);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var types = QueryTypes.Create(context.Compilation);
        var tableAttribute = context.Compilation.GetTypeByMetadataName(KnownNames.HuntingTableAttribute);
        if (types == null || tableAttribute == null)
        {
            return;
        }

        var sets = new ColumnSets(context.Compilation, tableAttribute);
        var items = new ColumnItems(sets, new OutColumns(types));
        var chains = new ChainChecks(types, sets, items, new ChainEvaluator(types, sets, items));
        context.RegisterOperationAction(c => chains.Analyze((IInvocationOperation)c.Operation, c.ReportDiagnostic), OperationKind.Invocation);
    }

    /// <summary>The checks on one invocation: an operator's lambdas and shape, or a call that runs a query into its row type.</summary>
    private sealed class ChainChecks
    {
        private readonly QueryTypes _types;
        private readonly ColumnSets _sets;
        private readonly ColumnItems _items;
        private readonly ChainEvaluator _evaluator;

        public ChainChecks(QueryTypes types, ColumnSets sets, ColumnItems items, ChainEvaluator evaluator)
        {
            _types = types;
            _sets = sets;
            _items = items;
            _evaluator = evaluator;
        }

        public void Analyze(IInvocationOperation invocation, Action<Diagnostic> report)
        {
            if (_types.IsOperator(invocation.TargetMethod))
            {
                CheckOperator(invocation, report);
            }
            else
            {
                CheckRun(invocation, report);
            }
        }

        private void CheckOperator(IInvocationOperation invocation, Action<Diagnostic> report)
        {
            var input = _evaluator.Evaluate(invocation.Instance);
            if (input == null)
            {
                return;
            }

            var method = invocation.TargetMethod;
            var isJoin = method.Name.EndsWith("Join", StringComparison.Ordinal);
            foreach (var argument in invocation.Arguments)
            {
                var lambda = ColumnItems.Lambda(argument.Value);
                if (lambda == null || lambda.Symbol.Parameters.Length == 0)
                {
                    // Project(Shape): "project A, B" needs the shape's columns in the input.
                    if (method.Name == "Project" && method.Parameters.Length == 1 && method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 2 } result)
                    {
                        CheckShape(input, result.TypeArguments[0], argument.Value.Syntax, report);
                    }

                    continue;
                }

                CheckLambda(lambda, lambda.Symbol.Parameters[0], input, report);

                // A join's condition: the second parameter is the right side's columns (a shape's are output columns, not checked).
                if (isJoin && lambda.Symbol.Parameters.Length == 2 && _evaluator.Evaluate(ChainEvaluator.Argument(invocation, method.Name == "Join" ? 1 : 0)) is { } right)
                {
                    CheckLambda(lambda, lambda.Symbol.Parameters[1], right, report);
                }
            }
        }

        private void CheckShape(ChainColumns input, ITypeSymbol row, SyntaxNode syntax, Action<Diagnostic> report)
        {
            if (input.Shape.IsOpen || _sets.RowColumns(row) is not { } columns)
            {
                return;
            }

            foreach (var column in columns)
            {
                if (input.Find(column.Name) == null)
                {
                    report(Diagnostic.Create(ChainDiagnosticDescriptors.ColumnNotAvailable, syntax.GetLocation(), column.Name, input.WhyMissing(column.Name)));
                }
            }
        }

        /// <summary>Every column the lambda reads through <paramref name="parameter"/> (not inside nested lambdas, which belong to their own chains).</summary>
        private void CheckLambda(IAnonymousFunctionOperation lambda, IParameterSymbol parameter, ChainColumns columns, Action<Diagnostic> report)
        {
            var pending = new System.Collections.Generic.Stack<IOperation>();
            pending.Push(lambda.Body);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (operation is IPropertyReferenceOperation or ILocalReferenceOperation
                    && _items.TryColumn(operation, parameter, out var name, out var accessorType))
                {
                    Check(operation.Syntax, name, accessorType, columns, report);
                    continue;
                }

                foreach (var child in operation.ChildOperations)
                {
                    if (child is not IAnonymousFunctionOperation)
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        private static void Check(SyntaxNode syntax, string name, KqlScalarType accessorType, ChainColumns columns, Action<Diagnostic> report)
        {
            var location = (syntax is MemberAccessExpressionSyntax member ? member.Name : syntax).GetLocation();
            var column = columns.Find(name);
            if (column == null)
            {
                if (!columns.Shape.IsOpen)
                {
                    report(Diagnostic.Create(ChainDiagnosticDescriptors.ColumnNotAvailable, location, name, columns.WhyMissing(name)));
                }

                return;
            }

            if (KqlScalarTypes.IsDefined(column.Type) && KqlScalarTypes.IsDefined(accessorType) && column.Type != accessorType)
            {
                report(Diagnostic.Create(ChainDiagnosticDescriptors.ColumnRetyped, location,
                    name, KqlScalarTypes.Name(column.Type), Because(columns.History(name)), KqlScalarTypes.Name(accessorType)));
            }
        }

        /// <summary>
        /// A call that reads a typed query's rows as its row type: a method generic in the row (<c>RunAsync&lt;TRow, TColumns&gt;(KqlQuery&lt;TRow, TColumns&gt;)</c>)
        /// that returns rows of it and takes no reader of its own (a caller-supplied reader decides how missing columns read).
        /// </summary>
        private void CheckRun(IInvocationOperation invocation, Action<Diagnostic> report)
        {
            var method = invocation.TargetMethod;
            if (!method.IsGenericMethod)
            {
                return;
            }

            var definition = method.OriginalDefinition;
            for (var p = 0; p < definition.Parameters.Length; p++)
            {
                if (definition.Parameters[p].Type is not INamedTypeSymbol { TypeArguments.Length: 2 } queryType
                    || !_types.IsQuery(queryType)
                    || queryType.TypeArguments[0] is not ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } rowParameter
                    || !Mentions(definition.ReturnType, rowParameter)
                    || OtherParameterMentions(definition, p, rowParameter)
                    || ChainEvaluator.Argument(invocation, p) is not { } value
                    || method.Parameters[p].Type is not INamedTypeSymbol { TypeArguments.Length: 2 } constructed
                    || constructed.TypeArguments[0] is not INamedTypeSymbol row
                    || _evaluator.Evaluate(value) is not { } columns)
                {
                    continue;
                }

                CheckRow(row, columns, RunLocation(invocation), report);
            }
        }

        private static void CheckRow(INamedTypeSymbol row, ChainColumns columns, Location location, Action<Diagnostic> report)
        {
            foreach (var property in ShapeMembers.ColumnProperties(row))
            {
                if (Array.IndexOf(KnownNames.ReservedMemberNames, property.Name) >= 0)
                {
                    continue;
                }

                var (kqlName, pinned, _) = ShapeMembers.ReadColumnAttribute(property);
                var name = kqlName ?? property.Name;
                var column = columns.Find(name);
                if (column == null)
                {
                    if (!columns.Shape.IsOpen)
                    {
                        report(Diagnostic.Create(ChainDiagnosticDescriptors.RowPropertyNotProduced, location, property.Name, row.Name, ": " + columns.WhyMissing(name)));
                    }

                    continue;
                }

                var clr = pinned != 0 ? (KqlScalarType)pinned : KqlTypeMapper.Infer(property.Type);
                if (KqlScalarTypes.IsJudged(column.Type) && clr != KqlScalarType.Unknown && !KqlTypeMapper.CanHold(clr, column.Type))
                {
                    report(Diagnostic.Create(ChainDiagnosticDescriptors.RowPropertyTypeMismatch, location,
                        property.Name, row.Name, KqlScalarTypes.Name(clr), KqlScalarTypes.Name(column.Type), Because(columns.History(name))));
                }
            }
        }

        private static string Because(string? history) => history == null ? "" : " (" + history + ")";

        /// <summary>The called method's name: <c>RunAsync</c> in <c>client.Hunting.RunAsync(query)</c>.</summary>
        private static Location RunLocation(IInvocationOperation invocation) => invocation.Syntax is InvocationExpressionSyntax { Expression: var expression }
            ? (expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.GetLocation(),
                SimpleNameSyntax simple => simple.Identifier.GetLocation(),
                _ => expression.GetLocation(),
            })
            : invocation.Syntax.GetLocation();

        private bool OtherParameterMentions(IMethodSymbol method, int except, ITypeParameterSymbol row)
        {
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                if (i != except && Mentions(method.Parameters[i].Type, row))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether rows of <paramref name="parameter"/> appear in <paramref name="type"/>; a query type does not count (a helper that returns a query runs nothing).</summary>
        private bool Mentions(ITypeSymbol type, ITypeParameterSymbol parameter)
        {
            if (SymbolEqualityComparer.Default.Equals(type, parameter))
            {
                return true;
            }

            if (_types.IsQuery(type))
            {
                return false;
            }

            if (type is INamedTypeSymbol named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (Mentions(argument, parameter))
                    {
                        return true;
                    }
                }
            }

            return type is IArrayTypeSymbol array && Mentions(array.ElementType, parameter);
        }
    }
}
