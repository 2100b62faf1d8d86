using System;
using System.Collections.Generic;
using System.Text;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Checking;

/// <summary>A diagnostic on a KQL file: 1-based line and column, 0-based offset and length (UTF-16 code units).</summary>
internal sealed record CheckDiagnostic(string Id, string Severity, string Message, int Line, int Column, int Start, int Length);

/// <summary>Checks KQL text with the shared front end (the same IDs as the compile-time raw-KQL analyzer).</summary>
internal static class KqlChecker
{
    public static IReadOnlyList<CheckDiagnostic> Check(string text, KqlSchema schema)
    {
        KqlAnalysisResult result = KqlAnalysis.Analyze(text, schema);
        var list = new List<CheckDiagnostic>(result.Diagnostics.Count);
        foreach (KqlDiagnostic d in result.Diagnostics)
        {
            (int line, int column) = Position(text, d.Start);
            list.Add(new CheckDiagnostic(Id(d.Kind), "error", d.Message, line, column, d.Start, d.Length));
        }

        return list;
    }

    /// <summary>The analyzer's ID for a front-end diagnostic (DTQ100-DTQ106, documented in docs/diagnostics).</summary>
    public static string Id(KqlDiagnosticKind kind) => kind switch
    {
        KqlDiagnosticKind.SyntaxError => "DTQ100",
        KqlDiagnosticKind.UnknownTable => "DTQ101",
        KqlDiagnosticKind.UnknownColumn => "DTQ102",
        KqlDiagnosticKind.TypeMismatch => "DTQ103",
        KqlDiagnosticKind.ArgumentTypeMismatch => "DTQ104",
        KqlDiagnosticKind.UnknownFunction => "DTQ105",
        KqlDiagnosticKind.TableNotVisible => "DTQ131",
        _ => "DTQ106",
    };

    /// <summary>1-based line and column of <paramref name="offset"/> (lines end at \n; a \r before it belongs to the line).</summary>
    public static (int Line, int Column) Position(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    /// <summary>The source line of a diagnostic and a caret line under its span (tabs kept so the carets line up).</summary>
    public static (string Source, string Carets) CaretLines(string text, CheckDiagnostic d)
    {
        int start = Math.Clamp(d.Start, 0, text.Length);
        int lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.IndexOf('\n', start);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        string source = text[lineStart..lineEnd].TrimEnd('\r');
        var carets = new StringBuilder();
        for (int i = lineStart; i < start; i++)
        {
            carets.Append(text[i] == '\t' ? '\t' : ' ');
        }

        int width = Math.Max(1, Math.Min(d.Length, lineStart + source.Length - start));
        carets.Append('^', width);
        return (source, carets.ToString());
    }
}
