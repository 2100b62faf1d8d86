using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// Follows the row shape through a parsed query and reports unknown tables, columns and functions,
/// wrong argument counts and certain type mismatches. Conservative: whatever it does not model makes
/// the shape open, and nothing is reported against an open shape or an unknown type.
/// </summary>
// Split by concern: Binder.Scopes, .Statements, .Expressions, .Functions, .Operators (dispatch, mv-expand, invoke),
// .Projection, .Summarize and .Joins (join, lookup, union).
public sealed partial class Binder
{
    private static readonly KqlColumn[] FileProfileColumns =
    {
        new KqlColumn("SHA1", KqlScalarType.String), new KqlColumn("SHA256", KqlScalarType.String), new KqlColumn("MD5", KqlScalarType.String),
        new KqlColumn("FileSize", KqlScalarType.Unknown), new KqlColumn("GlobalPrevalence", KqlScalarType.Unknown),
        new KqlColumn("GlobalFirstSeen", KqlScalarType.Unknown), new KqlColumn("GlobalLastSeen", KqlScalarType.Unknown),
        new KqlColumn("Signer", KqlScalarType.String), new KqlColumn("Issuer", KqlScalarType.String), new KqlColumn("SignerHash", KqlScalarType.String),
        new KqlColumn("IsCertificateValid", KqlScalarType.Unknown), new KqlColumn("IsRootSignerMicrosoft", KqlScalarType.Unknown),
        new KqlColumn("SignatureState", KqlScalarType.String), new KqlColumn("IsExecutable", KqlScalarType.Unknown),
        new KqlColumn("ThreatName", KqlScalarType.String), new KqlColumn("Publisher", KqlScalarType.String),
        new KqlColumn("SoftwareName", KqlScalarType.String), new KqlColumn("ProfileAvailability", KqlScalarType.String),
    };

    private static readonly HashSet<string> DefenderFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "FileProfile", "DeviceFromIP", "AssignedIPAddresses", "SeenBy",
    };

    private readonly KqlSchema _schema;
    private readonly List<KqlDiagnostic> _diagnostics;
    private readonly HashSet<long> _reported = new HashSet<long>();
    private readonly HashSet<string> _asNames = new HashSet<string>(StringComparer.Ordinal);

    private Binder(KqlSchema schema, List<KqlDiagnostic> diagnostics)
    {
        _schema = schema;
        _diagnostics = diagnostics;
    }

    /// <summary>Binds <paramref name="tree"/>; adds diagnostics to <paramref name="diagnostics"/>; returns the result shape of the last query statement (null when scalar or none).</summary>
    public static RowShape? Bind(KqlSyntaxTree tree, KqlSchema schema, List<KqlDiagnostic> diagnostics)
    {
        var binder = new Binder(schema, diagnostics);
        foreach (var d in diagnostics)
        {
            binder._reported.Add(Key(d.Kind, d.Start));
        }

        binder.CollectAsNames(tree.Tokens);
        var scope = new Scope(null);
        var result = binder.BindStatements(tree.Statements, scope);
        return result.Shape;
    }

    private static long Key(KqlDiagnosticKind kind, int start) => ((long)start << 8) | (long)kind;

    private void CollectAsNames(List<Token> tokens)
    {
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Is("|") && tokens[i + 1].Is("as"))
            {
                var j = i + 2;
                while (j + 2 < tokens.Count && tokens[j].Kind == TokenKind.Identifier && tokens[j + 1].Is("="))
                {
                    j += 3;
                }

                if (j < tokens.Count && tokens[j].Kind == TokenKind.Identifier)
                {
                    _asNames.Add(tokens[j].Text);
                }
            }
        }
    }

    private void Report(KqlDiagnosticKind kind, int start, int length, string message, string? suggestion = null)
    {
        if (_reported.Add(Key(kind, start)))
        {
            _diagnostics.Add(new KqlDiagnostic(kind, start, length, message, suggestion));
        }
    }
}
