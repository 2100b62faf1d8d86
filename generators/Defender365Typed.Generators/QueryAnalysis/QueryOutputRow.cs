using System.Collections.Generic;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.QueryAnalysis;

/// <summary>One output column of a query as its generated row reads it.</summary>
/// <param name="Name">The KQL column name.</param>
/// <param name="Type">The binder's type; <see cref="KqlScalarType.Dynamic"/> where it cannot tell (then <paramref name="Imprecision"/> says why).</param>
/// <param name="Imprecision">Why the column is read as <c>KqlDynamicValue</c> although the query does not make it dynamic; null when typed.</param>
/// <param name="Start">Offset in the query text of what the reason points at.</param>
/// <param name="Length">Length of that span.</param>
internal sealed record QueryOutputColumn(string Name, KqlScalarType Type, string? Imprecision, int Start, int Length);

/// <summary>
/// What a <c>[HuntingQuery("Name")]</c> constant's output gives its generated row, shared by the generator (which
/// declares the row) and the raw-KQL analyzer (which reports DTQ114 and DTQ115), so the two cannot disagree:
/// the typed output columns, or why the output cannot be known (naming the operator), or nothing at all when the
/// query has errors of its own (DTQ100–DTQ106 already say what is wrong; no row is generated).
/// </summary>
internal sealed class QueryOutputRow
{
    private QueryOutputRow(IReadOnlyList<QueryOutputColumn>? columns, string? unknowable, int start, int length)
    {
        Columns = columns;
        Unknowable = unknowable;
        Start = start;
        Length = length;
    }

    /// <summary>The output columns in order; null when <see cref="Unknowable"/> is set.</summary>
    public IReadOnlyList<QueryOutputColumn>? Columns { get; }

    /// <summary>Why the output columns cannot be known, naming the operator (or function, or table) that hides them.</summary>
    public string? Unknowable { get; }

    /// <summary>Offset of the operator <see cref="Unknowable"/> names.</summary>
    public int Start { get; }

    /// <summary>Length of that operator's span.</summary>
    public int Length { get; }

    /// <summary>The row of <paramref name="text"/> bound against <paramref name="schema"/>; null when the query has errors.</summary>
    public static QueryOutputRow? Describe(string text, KqlSchema schema)
    {
        KqlAnalysisResult result = QueryAnalysisCache.Analyze(text, schema);
        foreach (KqlDiagnostic d in result.Diagnostics)
        {
            if (d.Kind != KqlDiagnosticKind.TableNotVisible)
            {
                return null;
            }
        }

        QueryStatement? last = LastQuery(result.Tree);
        if (result.Output is null || last is null)
        {
            return new QueryOutputRow(null, "the query does not end in a tabular expression, so it returns no rows", 0, text.Length);
        }

        if (result.Output.IsOpen)
        {
            (string what, int start, int length) = Opener(text, last, schema) ?? ("the query", 0, text.Length);
            return new QueryOutputRow(null, what + " produces columns the binder cannot know", start, length);
        }

        var columns = new List<QueryOutputColumn>(result.Output.Columns.Count);
        foreach (KqlColumn column in result.Output.Columns)
        {
            columns.Add(column.Type == KqlScalarType.Unknown
                ? Imprecise(text, column.Name, last, schema)
                : new QueryOutputColumn(column.Name, column.Type, null, 0, 0));
        }

        return new QueryOutputRow(columns, null, 0, 0);
    }

    private static QueryStatement? LastQuery(KqlSyntaxTree tree)
    {
        for (int i = tree.Statements.Count - 1; i >= 0; i--)
        {
            if (tree.Statements[i] is QueryStatement query)
            {
                return query;
            }
        }

        return null;
    }

    /// <summary>
    /// A column the binder could not type: the expression that computes it, when an operator of the last statement
    /// names it (<c>Name = expr</c>); otherwise the operator upstream whose columns the binder cannot know.
    /// </summary>
    private static QueryOutputColumn Imprecise(string text, string name, QueryStatement last, KqlSchema schema)
    {
        Expr? computed = Computing(last.Query, name);
        if (computed is not null)
        {
            return new QueryOutputColumn(name, KqlScalarType.Dynamic,
                "the binder cannot tell the type of '" + Excerpt(text, computed) + "'", computed.Start, computed.Length);
        }

        (string what, int start, int length)? opener = Opener(text, last, schema);
        return opener is { } o
            ? new QueryOutputColumn(name, KqlScalarType.Dynamic, "it comes through " + o.what + ", whose column types the binder cannot know", o.start, o.length)
            : new QueryOutputColumn(name, KqlScalarType.Dynamic, "the binder cannot tell its type", 0, text.Length);
    }

    /// <summary>The expression of the last <c>name = expr</c> of the pipeline's operators, searching from its end.</summary>
    private static Expr? Computing(Expr query, string name)
    {
        for (Expr current = query; current is PipeExpr pipe; current = pipe.Input)
        {
            OperatorNode op = pipe.Operator;
            foreach (List<Expr> list in new[] { op.Items, op.By })
            {
                foreach (Expr item in list)
                {
                    if (item is AssignExpr assign && assign.Names.Count == 1 && assign.Names[0].Name == name)
                    {
                        return assign.Value;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The first step of the last statement (its source, then each piped operator) after which the binder no longer
    /// knows the columns: found by binding the query up to each step (cached; only for queries that need it).
    /// </summary>
    private static (string What, int Start, int Length)? Opener(string text, QueryStatement last, KqlSchema schema)
    {
        var steps = new List<Expr>();
        Expr source = last.Query;
        while (source is PipeExpr pipe)
        {
            steps.Insert(0, pipe);
            source = pipe.Input;
        }

        steps.Insert(0, source);
        foreach (Expr step in steps)
        {
            RowShape? output = QueryAnalysisCache.Analyze(text.Substring(0, step.End), schema).Output;
            if (output is not null && !output.IsOpen)
            {
                continue;
            }

            return step switch
            {
                PipeExpr piped => Describe(text, piped.Operator),
                OperatorNode op => Describe(text, op),
                CallExpr call => ("the function '" + call.Name.Name + "'", call.Name.Start, call.Name.Length),
                _ => ("'" + Excerpt(text, step) + "'", step.Start, step.Length),
            };
        }

        return null;
    }

    private static (string, int, int) Describe(string text, OperatorNode op)
    {
        // evaluate's output is its plugin's: name the plugin too.
        string what = op.Kind == OperatorKind.Evaluate && op.Operand is CallExpr plugin
            ? "'evaluate " + plugin.Name.Name + "'"
            : "the '" + op.Keyword + "' operator";
        return (what, op.KeywordStart, op.KeywordLength);
    }

    private static string Excerpt(string text, Expr expr)
    {
        const int Max = 60;
        string excerpt = text.Substring(expr.Start, expr.Length).Trim();
        return excerpt.Length <= Max ? excerpt : excerpt.Substring(0, Max) + "...";
    }
}
