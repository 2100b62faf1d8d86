using System;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Evaluates advanced hunting KQL over in-memory tables. The query is parsed by the project's KQL front end; the
/// engine then runs the statements (<c>let</c>s and the final tabular expression) row by row. Anything it does not
/// support throws a <see cref="KqlEngineException"/> naming the operator or function.
/// </summary>
public static class KqlEvaluator
{
    /// <summary>Runs <paramref name="kql"/> against <paramref name="tables"/> and returns the last statement's table.</summary>
    /// <exception cref="KqlEngineException">The query has a syntax error, names an unknown table or column, or uses
    /// something the engine does not support.</exception>
    public static KqlResultTable Execute(string kql, ITableSource tables, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kql);
        ArgumentNullException.ThrowIfNull(tables);
        options ??= new EngineOptions();
        KqlSyntaxTree tree = Parser.Parse(kql);
        if (tree.Diagnostics.Count > 0)
        {
            KqlDiagnostic first = tree.Diagnostics[0];
            foreach (KqlDiagnostic d in tree.Diagnostics)
            {
                if (d.Start < first.Start)
                {
                    first = d;
                }
            }

            throw new KqlEngineException("Syntax error: " + first.Message, kql, first.Start, first.Length);
        }

        try
        {
            return new Evaluator(kql, tables, options).Run(tree);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException ex)
        {
            // Every regex the engine builds has EngineOptions.RegexTimeout; the places that know the query position wrap it themselves.
            throw new KqlEngineException($"A regular expression took longer than {options.RegexTimeout} on one value (EngineOptions.RegexTimeout).", ex);
        }
    }
}
