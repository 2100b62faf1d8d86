using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.QueryAnalysis;

// Type and call errors: aggregates over the wrong type, string operators on numbers, arithmetic and in~ on the wrong
// types, dropped arguments, and wrong bin/ago arguments. Like the other kinds, sites come from the token stream and the
// schema only; a separate random sequence keeps the other kinds' seeds (and their labels) as they were.
internal static partial class SeededErrors
{
    /// <summary>Aggregates a seed turns into a numeric one when their only argument is a string column.</summary>
    private static readonly HashSet<string> RenamableAggregates = new HashSet<string>(StringComparer.Ordinal)
    {
        "dcount", "make_set", "make_list", "makeset", "makelist", "count_distinct", "min", "max", "take_any", "any", "arg_max", "arg_min",
    };

    private static readonly string[] NumericAggregates = { "avg", "sum", "stdev", "variance" };

    private static readonly string[] StringOperators = { "contains", "has", "startswith", "endswith", "has_cs", "=~" };

    private static IEnumerable<Seed> TypeSeeds(string file, string text, List<Token> tokens, KqlSchema schema, List<int> tableTokens, Dictionary<string, KqlScalarType> columns)
    {
        var rng = new Random(StableHash(file + "#types"));

        // A table reference that starts a pipeline, and its columns by type: where the inserted clauses go.
        var starts = new List<int>();
        foreach (var ti in tableTokens)
        {
            if (ti + 1 < tokens.Count && tokens[ti + 1].Is("|"))
            {
                starts.Add(ti);
            }
        }

        var start = starts.Count > 0 ? tokens[starts[rng.Next(starts.Count)]] : default;
        var strings = new List<string>();
        var numbers = new List<string>();
        if (starts.Count > 0)
        {
            schema.TryGetTable(start.Text, out var table);
            foreach (var c in table.Columns)
            {
                if (c.Type == KqlScalarType.String)
                {
                    strings.Add(c.Name);
                }
                else if (c.Type is KqlScalarType.Long or KqlScalarType.Int or KqlScalarType.Real or KqlScalarType.DateTime or KqlScalarType.Bool or KqlScalarType.TimeSpan)
                {
                    numbers.Add(c.Name);
                }
            }
        }

        var aggregate = AggregateOverString(file, text, tokens, columns, rng);
        if (aggregate != null)
        {
            yield return aggregate;
        }
        else if (strings.Count > 0)
        {
            var name = NumericAggregates[rng.Next(NumericAggregates.Length)];
            var column = strings[rng.Next(strings.Count)];
            yield return Insert(file, SeedKind.AggregateOverWrongType, text, start.End, " | summarize ", name + "(" + column + ")", "", KqlDiagnosticKind.ArgumentTypeMismatch);
        }

        if (numbers.Count > 0)
        {
            var column = numbers[rng.Next(numbers.Count)];
            var op = StringOperators[rng.Next(StringOperators.Length)];
            yield return Insert(file, SeedKind.StringOperatorOnNumber, text, start.End, " | where ", column + " " + op + " \"x\"", "", KqlDiagnosticKind.TypeMismatch);

            column = numbers[rng.Next(numbers.Count)];
            var listOp = rng.Next(2) == 0 ? "in~" : "has_any";
            yield return Insert(file, SeedKind.InListTypeMismatch, text, start.End, " | where ", column, " " + listOp + " (\"a\", \"b\")", KqlDiagnosticKind.TypeMismatch);
        }

        if (strings.Count > 0)
        {
            var column = strings[rng.Next(strings.Count)];
            var op = rng.Next(2) == 0 ? " + " : " * ";
            var operand = rng.Next(1, 100).ToString(CultureInfo.InvariantCulture);
            yield return Insert(file, SeedKind.ArithmeticTypeMismatch, text, start.End, " | extend SeededValue = ", column + op + operand, "", KqlDiagnosticKind.TypeMismatch);
        }

        var dropped = DroppedArgument(file, text, tokens, rng);
        if (dropped != null)
        {
            yield return dropped;
        }

        var bin = CallArgument(file, SeedKind.BinArgument, text, tokens, "bin", 2, 1, rng, _ => "\"1h\"");
        if (bin != null)
        {
            yield return bin;
        }

        // ago(7d) -> ago(7): a number where a timespan belongs.
        var ago = CallArgument(file, SeedKind.AgoArgument, text, tokens, "ago", 1, 0, rng, arg => TimespanNumber(arg));
        if (ago != null)
        {
            yield return ago;
        }
    }

    /// <summary>
    /// dcount(DeviceName) -> avg(DeviceName): a numeric aggregate over a string column; the error is on the call
    /// (Kusto.Language reports the argument of a one-signature aggregate, KS107, and the name of avg, KS127).
    /// </summary>
    private static Seed? AggregateOverString(string file, string text, List<Token> tokens, Dictionary<string, KqlScalarType> columns, Random rng)
    {
        var sites = new List<int>();
        for (var i = 1; i + 3 < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Identifier && RenamableAggregates.Contains(tokens[i].Text) && !tokens[i - 1].Is(".") && tokens[i + 1].Is("(") &&
                tokens[i + 2].Kind == TokenKind.Identifier && columns.TryGetValue(tokens[i + 2].Text, out var type) && type == KqlScalarType.String && tokens[i + 3].Is(")"))
            {
                sites.Add(i);
            }
        }

        if (sites.Count == 0)
        {
            return null;
        }

        var site = sites[rng.Next(sites.Count)];
        var name = NumericAggregates[rng.Next(NumericAggregates.Length)];
        var arg = tokens[site + 2];
        var shift = name.Length - tokens[site].Length;
        return new Seed(file, SeedKind.AggregateOverWrongType, text, tokens[site].Start, tokens[site].Length, name, tokens[site].Start, tokens[site + 3].End + shift - tokens[site].Start,
            KqlDiagnosticKind.ArgumentTypeMismatch, tokens[site].Text + "(" + arg.Text + ") -> " + name + "(" + arg.Text + ")");
    }

    /// <summary>f(a, b) -> f(a), f(a) -> f(): the last argument of a built-in call dropped; the error is on the call.</summary>
    private static Seed? DroppedArgument(string file, string text, List<Token> tokens, Random rng)
    {
        var sites = new List<(int Name, List<(int First, int Last)> Args, int Close)>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Identifier && tokens[i + 1].Is("(") && (i == 0 || !tokens[i - 1].Is(".")) && KustoFunctionNames.Contains(tokens[i].Text) && !IsLetName(tokens, tokens[i].Text))
            {
                var args = Arguments(tokens, i + 1, out var close);
                if (args != null && args.Count > 0)
                {
                    sites.Add((i, args, close));
                }
            }
        }

        if (sites.Count == 0)
        {
            return null;
        }

        var (nameIndex, list, closeIndex) = sites[rng.Next(sites.Count)];
        var last = list[list.Count - 1];
        var removeFrom = list.Count > 1 ? tokens[list[list.Count - 2].Last].End : tokens[last.First].Start;
        var removeTo = tokens[closeIndex].Start;
        var name = tokens[nameIndex];
        var callEnd = tokens[closeIndex].End - (removeTo - removeFrom);
        return new Seed(file, SeedKind.WrongArgumentCount, text, removeFrom, removeTo - removeFrom, "", name.Start, callEnd - name.Start,
            KqlDiagnosticKind.WrongArgumentCount, name.Text + ": " + list.Count.ToString(CultureInfo.InvariantCulture) + " -> " + (list.Count - 1).ToString(CultureInfo.InvariantCulture) + " arguments");
    }

    /// <summary>
    /// Replaces argument <paramref name="index"/> of a call of <paramref name="function"/> with <paramref name="count"/>
    /// arguments; the error is on the call (Kusto.Language reports a call no overload takes at the name, KS127, and a
    /// wrong argument of a single signature at the argument, KS107).
    /// </summary>
    private static Seed? CallArgument(string file, SeedKind kind, string text, List<Token> tokens, string function, int count, int index, Random rng, Func<string, string?> replace)
    {
        var sites = new List<(int Name, int First, int Last, int Close, string Replacement)>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Text == function && tokens[i + 1].Is("(") && (i == 0 || !tokens[i - 1].Is(".")) && !IsLetName(tokens, function))
            {
                var args = Arguments(tokens, i + 1, out var close);
                if (args != null && args.Count == count)
                {
                    var (first, last) = args[index];
                    var replacement = replace(text.Substring(tokens[first].Start, tokens[last].End - tokens[first].Start));
                    if (replacement != null)
                    {
                        sites.Add((i, first, last, close, replacement));
                    }
                }
            }
        }

        if (sites.Count == 0)
        {
            return null;
        }

        var site = sites[rng.Next(sites.Count)];
        var at = tokens[site.First].Start;
        var old = text.Substring(at, tokens[site.Last].End - at);
        var callStart = tokens[site.Name].Start;
        var callEnd = tokens[site.Close].End + site.Replacement.Length - old.Length;
        return new Seed(file, kind, text, at, old.Length, site.Replacement, callStart, callEnd - callStart, KqlDiagnosticKind.ArgumentTypeMismatch,
            function + "(... " + old + " ...) -> " + site.Replacement);
    }

    /// <summary>"7d" -> "7"; null when the argument is not a plain timespan literal.</summary>
    private static string? TimespanNumber(string arg)
    {
        var m = Regex.Match(arg, "^([0-9]+)[a-z]+$", RegexOptions.CultureInvariant);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>An inserted clause "before + error + after" at <paramref name="at"/>; the error span is the middle part.</summary>
    private static Seed Insert(string file, SeedKind kind, string text, int at, string before, string error, string after, KqlDiagnosticKind expected)
    {
        var insert = before + error + after;
        return new Seed(file, kind, text, at, 0, insert, at + before.Length, error.Length, expected, insert.Trim());
    }

    /// <summary>The top-level arguments (first and last token) of the call whose '(' is at <paramref name="open"/>; null when unbalanced.</summary>
    private static List<(int First, int Last)>? Arguments(List<Token> tokens, int open, out int close)
    {
        var args = new List<(int, int)>();
        var depth = 0;
        var first = open + 1;
        for (var i = open + 1; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is("(") || t.Is("[") || t.Is("{"))
            {
                depth++;
            }
            else if ((t.Is(")") || t.Is("]") || t.Is("}")) && depth > 0)
            {
                depth--;
            }
            else if (t.Is(")"))
            {
                if (i > first)
                {
                    args.Add((first, i - 1));
                }

                close = i;
                return args;
            }
            else if (t.Is(",") && depth == 0)
            {
                if (i == first)
                {
                    break;
                }

                args.Add((first, i - 1));
                first = i + 1;
            }
        }

        close = -1;
        return null;
    }

    /// <summary>Whether the query defines <paramref name="name"/> with let (then a call of it is not the built-in).</summary>
    private static bool IsLetName(List<Token> tokens, string name)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Is("let") && tokens[i + 1].Text == name)
            {
                return true;
            }
        }

        return false;
    }
}
