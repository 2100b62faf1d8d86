using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

/// <summary>
/// Reads the generated tables of FunctionCatalog.Signatures.cs (format: tools/kql-check/signatures.js) and says
/// which argument types each parameter kind takes. The kinds are Kusto.Language's ParameterTypeKind; the types each
/// takes were found by asking Kusto.Language (one probe query per kind and type, 2026-12-04). Where a kind's rule
/// could not be pinned down, it takes more rather than less: the analyzer must never reject what Kusto accepts.
/// </summary>
internal static class SignatureTable
{
    private const int Many = int.MaxValue;

    private static readonly int Numbers = Bits(KqlScalarType.Int, KqlScalarType.Long, KqlScalarType.Real, KqlScalarType.Decimal);
    private static readonly int All = Numbers | Bits(KqlScalarType.String, KqlScalarType.Bool, KqlScalarType.DateTime, KqlScalarType.TimeSpan, KqlScalarType.Guid);
    private static readonly int Integers = Bits(KqlScalarType.Int, KqlScalarType.Long);
    private static readonly int Summables = Numbers | Bits(KqlScalarType.DateTime, KqlScalarType.TimeSpan);
    private static readonly int Orderables = Summables | Bits(KqlScalarType.String, KqlScalarType.Bool);

    /// <summary>The Kusto.Language operator verdicts by operator, left and right type: 0 not judged, 255 error, else the result type.</summary>
    private static readonly Dictionary<string, byte[]> Operators = ReadOperators();

    /// <summary>Parses "name&lt;TAB&gt;signature&lt;TAB&gt;...". All signatures computed in code: known by name only.</summary>
    public static KqlFunction ParseFunction(string line)
    {
        var parts = line.Split('\t');
        var signatures = new List<KqlSignature>(parts.Length - 1);
        var modelled = false;
        for (var i = 1; i < parts.Length; i++)
        {
            var s = ParseSignature(parts[i], line);
            modelled |= s.ReturnKind != KqlReturnKind.Unknown;
            signatures.Add(s);
        }

        return new KqlFunction(parts[0], modelled ? signatures.ToArray() : Array.Empty<KqlSignature>());
    }

    /// <summary>
    /// Kusto.Language's verdict on <c>left op right</c>: false when not judged (an operand unknown or dynamic, or an
    /// operator outside the table); else <paramref name="rejected"/> says whether it is an error and
    /// <paramref name="result"/> gives the result type. <paramref name="op"/> "contains" stands for every string operator.
    /// </summary>
    public static bool TryJudgeBinary(string op, KqlScalarType left, KqlScalarType right, out bool rejected, out KqlScalarType result)
    {
        rejected = false;
        result = KqlScalarType.Unknown;
        if (!KqlScalarTypes.IsJudged(left) || !KqlScalarTypes.IsJudged(right) || !Operators.TryGetValue(op, out var table))
        {
            return false;
        }

        var verdict = table[((int)left * 16) + (int)right];
        if (verdict == 0)
        {
            return false;
        }

        rejected = verdict == 255;
        result = rejected ? KqlScalarType.Unknown : (KqlScalarType)verdict;
        return true;
    }

    /// <summary>Names a set of accepted types for a message: "a timespan", "an int or long", "a number, datetime or timespan".</summary>
    public static string Describe(int accepted)
    {
        var names = new List<string>();
        if ((accepted & Numbers) == Numbers)
        {
            names.Add("number");
            accepted &= ~Numbers;
        }

        foreach (KqlScalarType t in Enum.GetValues(typeof(KqlScalarType)))
        {
            if ((accepted & (1 << (int)t)) != 0)
            {
                names.Add(KqlScalarTypes.Name(t));
            }
        }

        if (names.Count == 0)
        {
            return "a dynamic value";
        }

        var text = names.Count == 1 ? names[0] : string.Join(", ", names.GetRange(0, names.Count - 1)) + " or " + names[names.Count - 1];
        return (text.StartsWith("int", StringComparison.Ordinal) ? "an " : "a ") + text;
    }

    /// <summary>Which judged types a parameter kind takes (the declared types for Declared).</summary>
    private static int AcceptedBy(KqlParameterKind kind) => kind switch
    {
        KqlParameterKind.Integer or KqlParameterKind.IntegerOrArray => Integers,
        KqlParameterKind.RealOrDecimal => Numbers,
        KqlParameterKind.StringOrDynamic or KqlParameterKind.StringOrArray => Bits(KqlScalarType.String),
        KqlParameterKind.DynamicArray or KqlParameterKind.DynamicBag => 0,
        KqlParameterKind.Number or KqlParameterKind.CommonNumber => Numbers,
        KqlParameterKind.NumberOrBool => Numbers | Bits(KqlScalarType.Bool),
        KqlParameterKind.Summable or KqlParameterKind.CommonSummable => Summables,
        KqlParameterKind.Orderable or KqlParameterKind.CommonOrderable => Orderables,
        KqlParameterKind.NotRealOrBool => All & ~Bits(KqlScalarType.Real, KqlScalarType.Bool),
        KqlParameterKind.NotBool => All & ~Bits(KqlScalarType.Bool),
        _ => All,
    };

    /// <summary>A declared type and the types Kusto.Language promotes to it (int to long; int and long to real, decimal).</summary>
    private static int AcceptedByDeclared(string name)
    {
        var t = KqlScalarTypes.Parse(name);
        return t switch
        {
            KqlScalarType.Long or KqlScalarType.Int => Integers,
            KqlScalarType.Real or KqlScalarType.Decimal => Bits(t) | Integers,
            KqlScalarType.Unknown or KqlScalarType.Dynamic => All, // "type" (a type literal), dynamic: not judged
            _ => Bits(t),
        };
    }

    private static KqlSignature ParseSignature(string text, string line)
    {
        var open = text.IndexOf('(');
        if (open < 0 || text[text.Length - 1] != ')')
        {
            throw new FormatException("FunctionCatalog.Signatures.cs: bad signature '" + text + "' in '" + line + "'.");
        }

        var ret = text.Substring(0, open);
        var inner = text.Substring(open + 1, text.Length - open - 2);
        var parameters = new List<KqlParameter>();
        if (inner.Length > 0)
        {
            foreach (var p in inner.Split(','))
            {
                parameters.Add(ParseParameter(p));
            }
        }

        var returnType = KqlScalarType.Unknown;
        KqlReturnKind returnKind;
        switch (ret)
        {
            case "P0": returnKind = KqlReturnKind.Argument0; break;
            case "P1": returnKind = KqlReturnKind.Argument1; break;
            case "P2": returnKind = KqlReturnKind.Argument2; break;
            case "PN": returnKind = KqlReturnKind.LastArgument; break;
            case "P0+": returnKind = KqlReturnKind.Argument0Promoted; break;
            case "P0[]": returnKind = KqlReturnKind.Argument0Array; break;
            case "common": returnKind = KqlReturnKind.Common; break;
            case "widest": returnKind = KqlReturnKind.Widest; break;
            default:
                returnType = ret.StartsWith("=", StringComparison.Ordinal) ? KqlScalarTypes.Parse(ret.Substring(1)) : KqlScalarType.Unknown;
                returnKind = returnType == KqlScalarType.Unknown ? KqlReturnKind.Unknown : KqlReturnKind.Declared;
                break;
        }

        return new KqlSignature(parameters.ToArray(), returnKind, returnType);
    }

    private static KqlParameter ParseParameter(string text)
    {
        int min = 1, max = 1;
        var head = text;
        if (text.EndsWith("?", StringComparison.Ordinal))
        {
            min = 0;
            head = text.Substring(0, text.Length - 1);
        }
        else if (text.EndsWith("}", StringComparison.Ordinal))
        {
            var brace = text.IndexOf('{');
            var dots = text.IndexOf("..", brace, StringComparison.Ordinal);
            min = int.Parse(text.Substring(brace + 1, dots - brace - 1), CultureInfo.InvariantCulture);
            max = int.Parse(text.Substring(dots + 2, text.Length - dots - 3), CultureInfo.InvariantCulture);
            max = max >= 32767 ? Many : max;
            head = text.Substring(0, brace);
        }

        if (char.IsLower(head[0]))
        {
            var accepted = 0;
            foreach (var name in head.Split('/'))
            {
                accepted |= AcceptedByDeclared(name);
            }

            return new KqlParameter(KqlParameterKind.Declared, accepted, min, max);
        }

        var kind = (KqlParameterKind)Enum.Parse(typeof(KqlParameterKind), head);
        return new KqlParameter(kind, AcceptedBy(kind), min, max);
    }

    private static Dictionary<string, byte[]> ReadOperators()
    {
        var d = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var row in FunctionCatalog.KustoBinaryOperators)
        {
            var cells = row.Split('\t');
            if (!d.TryGetValue(cells[0], out var table))
            {
                table = new byte[16 * 16];
                d[cells[0]] = table;
            }

            var result = cells[3] == "error" ? (byte)255 : (byte)KqlScalarTypes.Parse(cells[3]);
            table[((int)KqlScalarTypes.Parse(cells[1]) * 16) + (int)KqlScalarTypes.Parse(cells[2])] = result;
        }

        return d;
    }

    private static int Bits(params KqlScalarType[] types)
    {
        var bits = 0;
        foreach (var t in types)
        {
            bits |= 1 << (int)t;
        }

        return bits;
    }
}
