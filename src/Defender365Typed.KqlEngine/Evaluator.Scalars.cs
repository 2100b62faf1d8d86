using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>Scalar expressions: names, literals, operators.</summary>
internal sealed partial class Evaluator
{
    private readonly Dictionary<string, Regex> _regexes = new(StringComparer.Ordinal);

    internal Scalar Compile(Expr e, Ctx ctx)
    {
        switch (e)
        {
            case NameExpr n:
                return CompileName(n, ctx);
            case LiteralExpr lit:
                return CompileLiteral(lit);
            case ParenExpr p:
                return Compile(p.Inner, ctx);
            case UnaryExpr u:
                return CompileUnary(u, ctx);
            case BinaryExpr b:
                return CompileBinary(b, ctx);
            case BetweenExpr between:
                return CompileBetween(between, ctx);
            case InExpr inExpr:
                return CompileIn(inExpr, ctx);
            case CallExpr call:
                if (ctx.Aggregates is not null && IsAggregate(call.Name.Name))
                {
                    return CompileAggregate(call, ctx);
                }

                if (IsAggregate(call.Name.Name) && call.Name.Name is not "any")
                {
                    throw Error(call.Name, $"The aggregate '{call.Name.Name}' can only be used in summarize.");
                }

                return CompileCall(call, ctx);
            case DotExpr dot:
                if (dot.Left is NameExpr { Name: "$left" or "$right" })
                {
                    throw Error(dot, "$left and $right can only be used in a join's 'on' clause.");
                }

                if (dot.Left is NameExpr variable && !ctx.Scope.TryGet(variable.Name, out _)
                    && ctx.Scope.TryGet(variable.Name + "." + dot.Member.Name, out int property))
                {
                    // A graph-match variable's property (Node.Property): a column of the match row.
                    return new Scalar(ctx.Scope.Columns[property].Type, row => row[property]);
                }

                return CompileMember(Compile(dot.Left, ctx), Scalar.Const(KqlScalarType.String, dot.Member.Name));
            case IndexExpr index:
                return CompileMember(Compile(index.Left, ctx), Compile(index.Index, ctx));
            case TypeOfExpr t:
                // typeof(T) as a function argument (extractjson, extract, column_ifexists...): the type name.
                return Scalar.Const(KqlScalarType.String, t.TypeName);
            case PipeExpr or OperatorNode:
                throw Error(e, "unsupported function 'tabular expression used as a scalar (use toscalar)'");
            default:
                throw Error(e, "Unexpected expression '" + _text[e.Start..e.End] + "'.");
        }
    }

    private Scalar CompileName(NameExpr n, Ctx ctx)
    {
        if (ctx.Scope.TryGet(n.Name, out int index))
        {
            return new Scalar(ctx.Scope.Columns[index].Type, row => row[index]);
        }

        if (_lets.TryGetValue(n.Name, out LetValue? let) && let.Scalar is not null)
        {
            return let.Scalar;
        }

        if (TryGetParameterless(n.Name, out CallExpr? call) && !IsTabularCall(call))
        {
            return TryCompileUserScalar(call, ctx)!;
        }

        switch (n.Name)
        {
            case "true":
                return Scalar.Const(KqlScalarType.Bool, Values.True);
            case "false":
                return Scalar.Const(KqlScalarType.Bool, Values.False);
        }

        if (ctx.Aggregates is not null && ctx.Aggregates.Input.TryGet(n.Name, out _))
        {
            throw Error(n, $"The column '{n.Name}' must be inside an aggregate function in summarize.");
        }

        throw Error(n, $"unknown column '{n.Name}'" + Suggest(n.Name, ctx.Scope.Columns.Select(c => c.Name)));
    }

    /// <summary>The column type of a literal: its own, or dynamic when the parser could not tell.</summary>
    private static KqlScalarType Map(KqlScalarType t) => KqlScalarTypes.IsDefined(t) ? t : KqlScalarType.Dynamic;

    private Scalar CompileLiteral(LiteralExpr lit)
    {
        KqlScalarType type = Map(lit.Type);
        switch (lit.Type)
        {
            case KqlScalarType.String:
                return Scalar.Const(type, lit.StringValue ?? "");
            case KqlScalarType.Long when !lit.Text.Contains('(', StringComparison.Ordinal):
                if (Values.ToLong(lit.Text) is { } l)
                {
                    return Scalar.Const(type, l);
                }

                break;
            case KqlScalarType.Real when !lit.Text.Contains('(', StringComparison.Ordinal):
                if (Values.ToReal(lit.Text) is { } d)
                {
                    return Scalar.Const(type, d);
                }

                break;
            case KqlScalarType.TimeSpan when !lit.Text.Contains('(', StringComparison.Ordinal):
                if (Values.ParseTimeSpan(lit.Text) is { } ts)
                {
                    return Scalar.Const(type, ts);
                }

                break;
            default:
            {
                // type(...) literals and dynamic([...]) / bare [...] / {...}.
                string text = lit.Text;
                int open = text.IndexOf('(', StringComparison.Ordinal);
                string inner = open >= 0 && text.EndsWith(')') ? text[(open + 1)..^1].Trim() : text;
                if (inner == "null")
                {
                    return Scalar.Const(type, null);
                }

                object? value = type == KqlScalarType.Dynamic
                    ? (DynamicJson.TryParse(inner, out object? dyn) ? dyn : throw Error(lit, "Invalid dynamic literal."))
                    : Values.ParseLiteral(type, inner);
                if (value is null)
                {
                    throw Error(lit, $"Invalid {KqlScalarTypes.Name(type)} literal '{text}'.");
                }

                return Scalar.Const(type, Values.Coerce(value, type));
            }
        }

        throw Error(lit, $"Invalid {KqlScalarTypes.Name(type)} literal '{lit.Text}'.");
    }

    private static Scalar Fold(Scalar s, params Scalar[] inputs) =>
        inputs.All(i => i.IsConstant) ? Scalar.Const(s.Type, s.Eval([])) : s;

    private Scalar CompileUnary(UnaryExpr u, Ctx ctx)
    {
        Scalar operand = Compile(u.Operand, ctx);
        if (u.Op == "+")
        {
            return operand;
        }

        if (!(KqlScalarTypes.IsNumeric(operand.Type) || operand.Type is KqlScalarType.TimeSpan or KqlScalarType.Dynamic))
        {
            throw Error(u, $"Cannot negate a {KqlScalarTypes.Name(operand.Type)}.");
        }

        return Fold(new Scalar(operand.Type, row => operand.Eval(row) switch
        {
            int i => unchecked(-i),
            long l => unchecked(-l),
            double d => -d,
            decimal m => -m,
            TimeSpan ts => -ts,
            _ => null,
        }), operand);
    }

    private Scalar CompileBinary(BinaryExpr b, Ctx ctx)
    {
        Scalar left = Compile(b.Left, ctx);
        Scalar right = Compile(b.Right, ctx);
        string op = b.Op;
        switch (op)
        {
            case "and":
                return Fold(new Scalar(KqlScalarType.Bool, row => Values.Box(left.Eval(row) is true && right.Eval(row) is true)), left, right);
            case "or":
                return Fold(new Scalar(KqlScalarType.Bool, row => Values.Box(left.Eval(row) is true || right.Eval(row) is true)), left, right);
            case "==":
            case "!=":
            case "<>":
            case "<":
            case "<=":
            case ">":
            case ">=":
                return Fold(CompileComparison(b, op, left, right), left, right);
            case "=~":
            case "!~":
            {
                bool negate = op == "!~";
                return Fold(new Scalar(KqlScalarType.Bool, row =>
                {
                    object? l = left.Eval(row), r = right.Eval(row);
                    if (l is null || r is null)
                    {
                        return Values.Box(negate);
                    }

                    return Values.Box(string.Equals(Values.ToText(l), Values.ToText(r), StringComparison.OrdinalIgnoreCase) != negate);
                }), left, right);
            }

            case "matches regex":
            {
                Func<string, Regex> regexFor = pattern => GetRegex(pattern, b.Right);
                Regex? constant = right.IsConstant ? regexFor(Values.ToText(right.Value)) : null;
                return Fold(new Scalar(KqlScalarType.Bool, row =>
                {
                    Regex regex = constant ?? regexFor(Values.ToText(right.Eval(row)));
                    return Values.Box(RegexMatch(regex, Values.ToText(left.Eval(row)), b).Success);
                }), left, right);
            }

            case "+":
            case "-":
            case "*":
            case "/":
            case "%":
            {
                KqlScalarType type = ArithmeticType(b, op, left.Type, right.Type);
                return Fold(new Scalar(type, row => Values.Coerce(Arithmetic(op, left.Eval(row), right.Eval(row)), type)), left, right);
            }
        }

        if (StringOps.TryGet(op, out StringOps.Matcher? matcher))
        {
            return Fold(new Scalar(KqlScalarType.Bool, row => Values.Box(matcher(Values.ToText(left.Eval(row)), Values.ToText(right.Eval(row))))), left, right);
        }

        throw new KqlEngineException($"unsupported operator '{op}'", _text, b.OpStart, b.OpLength);
    }

    private Scalar CompileComparison(BinaryExpr b, string op, Scalar left, Scalar right)
    {
        if (op is "<" or "<=" or ">" or ">=" && !Orderable(left.Type, right.Type))
        {
            throw new KqlEngineException(
                $"Cannot compare a {KqlScalarTypes.Name(left.Type)} with a {KqlScalarTypes.Name(right.Type)} using '{op}'.",
                _text, b.OpStart, b.OpLength);
        }

        return new Scalar(KqlScalarType.Bool, row =>
        {
            object? l = left.Eval(row), r = right.Eval(row);
            if (l is null || r is null)
            {
                // KQL: a null and a value are unequal, so != is true; every other comparison with a null is false here
                // (KQL's null for two nulls or an ordering behaves as false in where).
                return Values.Box(op is "!=" or "<>" && (l is not null || r is not null));
            }

            if (op is "==" or "!=" or "<>")
            {
                bool? eq = Values.AreEqual(l, r);
                return Values.Box(eq is { } v && (op == "==" ? v : !v));
            }

            int? c = Values.Compare(l, r);
            return Values.Box(c is { } x && op switch
            {
                "<" => x < 0,
                "<=" => x <= 0,
                ">" => x > 0,
                _ => x >= 0,
            });
        });
    }

    private static bool Orderable(KqlScalarType a, KqlScalarType b)
    {
        if (a == KqlScalarType.Dynamic || b == KqlScalarType.Dynamic)
        {
            return true;
        }

        bool na = KqlScalarTypes.IsNumeric(a) || a == KqlScalarType.Bool, nb = KqlScalarTypes.IsNumeric(b) || b == KqlScalarType.Bool;
        return (na && nb) || a == b;
    }

    private KqlScalarType ArithmeticType(BinaryExpr b, string op, KqlScalarType l, KqlScalarType r)
    {
        if (l == KqlScalarType.Dynamic || r == KqlScalarType.Dynamic)
        {
            return KqlScalarType.Dynamic;
        }

        bool nl = KqlScalarTypes.IsNumeric(l), nr = KqlScalarTypes.IsNumeric(r);
        if (nl && nr)
        {
            if (l == KqlScalarType.Real || r == KqlScalarType.Real)
            {
                return KqlScalarType.Real;
            }

            if (l == KqlScalarType.Decimal || r == KqlScalarType.Decimal)
            {
                return KqlScalarType.Decimal;
            }

            return l == KqlScalarType.Int && r == KqlScalarType.Int ? KqlScalarType.Int : KqlScalarType.Long;
        }

        KqlScalarType? result = (op, l, r) switch
        {
            ("+", KqlScalarType.DateTime, KqlScalarType.TimeSpan) => KqlScalarType.DateTime,
            ("+", KqlScalarType.TimeSpan, KqlScalarType.DateTime) => KqlScalarType.DateTime,
            ("+" or "-", KqlScalarType.TimeSpan, KqlScalarType.TimeSpan) => KqlScalarType.TimeSpan,
            ("-", KqlScalarType.DateTime, KqlScalarType.DateTime) => KqlScalarType.TimeSpan,
            ("-", KqlScalarType.DateTime, KqlScalarType.TimeSpan) => KqlScalarType.DateTime,
            ("*", KqlScalarType.TimeSpan, _) when nr => KqlScalarType.TimeSpan,
            ("*", _, KqlScalarType.TimeSpan) when nl => KqlScalarType.TimeSpan,
            ("/", KqlScalarType.TimeSpan, KqlScalarType.TimeSpan) => KqlScalarType.Real,
            ("/", KqlScalarType.TimeSpan, _) when nr => KqlScalarType.TimeSpan,
            ("%", KqlScalarType.TimeSpan, KqlScalarType.TimeSpan) => KqlScalarType.TimeSpan,
            _ => null,
        };
        return result ?? throw new KqlEngineException(
            $"Cannot apply '{op}' to a {KqlScalarTypes.Name(l)} and a {KqlScalarTypes.Name(r)}.", _text, b.OpStart, b.OpLength);
    }

    internal static object? Arithmetic(string op, object? a, object? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        if (Values.IsNumber(a) && Values.IsNumber(b))
        {
            if (a is double || b is double)
            {
                double x = Values.ToReal(a)!.Value, y = Values.ToReal(b)!.Value;
                return op switch
                {
                    "+" => x + y,
                    "-" => x - y,
                    "*" => x * y,
                    "/" => x / y,
                    _ => x % y,
                };
            }

            if (a is decimal || b is decimal)
            {
                decimal x = Values.ToDecimal(a)!.Value, y = Values.ToDecimal(b)!.Value;
                try
                {
                    return op switch
                    {
                        "+" => x + y,
                        "-" => x - y,
                        "*" => x * y,
                        "/" => y == 0 ? null : x / y,
                        _ => y == 0 ? null : x % y,
                    };
                }
                catch (OverflowException)
                {
                    return null;
                }
            }

            long p = Values.ToLong(a)!.Value, q = Values.ToLong(b)!.Value;
            return op switch
            {
                "+" => unchecked(p + q),
                "-" => unchecked(p - q),
                "*" => unchecked(p * q),
                "/" => q == 0 ? null : p / q,
                _ => q == 0 ? null : p % q,
            };
        }

        try
        {
            return (op, a, b) switch
            {
                ("+", DateTime d, TimeSpan t) => d + t,
                ("+", TimeSpan t, DateTime d) => d + t,
                ("+", TimeSpan t, TimeSpan u) => t + u,
                ("-", DateTime d, DateTime e) => d - e,
                ("-", DateTime d, TimeSpan t) => d - t,
                ("-", TimeSpan t, TimeSpan u) => t - u,
                ("*", TimeSpan t, _) when Values.IsNumber(b) => TimeSpan.FromTicks((long)(t.Ticks * Values.ToReal(b)!.Value)),
                ("*", _, TimeSpan t) when Values.IsNumber(a) => TimeSpan.FromTicks((long)(t.Ticks * Values.ToReal(a)!.Value)),
                ("/", TimeSpan t, TimeSpan u) => (double)t.Ticks / u.Ticks,
                ("/", TimeSpan t, _) when Values.IsNumber(b) => Values.ToReal(b) is 0 ? null : TimeSpan.FromTicks((long)(t.Ticks / Values.ToReal(b)!.Value)),
                ("%", TimeSpan t, TimeSpan u) => u.Ticks == 0 ? null : TimeSpan.FromTicks(t.Ticks % u.Ticks),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private Scalar CompileBetween(BetweenExpr between, Ctx ctx)
    {
        Scalar value = Compile(between.Left, ctx);
        Scalar low = Compile(between.Low, ctx);
        Scalar high = Compile(between.High, ctx);
        bool negated = between.Negated;
        return Fold(new Scalar(KqlScalarType.Bool, row =>
        {
            object? v = value.Eval(row), lo = low.Eval(row), hi = high.Eval(row);
            if (v is null || lo is null || hi is null)
            {
                return Values.False;
            }

            if (v is DateTime && lo is DateTime start && hi is TimeSpan span)
            {
                hi = start + span;
            }

            bool inside = Values.Compare(v, lo) is >= 0 && Values.Compare(v, hi) is <= 0;
            return Values.Box(inside != negated);
        }), value, low, high);
    }

    private Scalar CompileIn(InExpr e, Ctx ctx)
    {
        Scalar left = Compile(e.Left, ctx);
        string op = e.Op;
        bool negated = op.StartsWith('!');
        string baseOp = negated ? op[1..] : op;
        if (baseOp is not ("in" or "in~" or "has_any" or "has_all"))
        {
            throw Error(e, $"unsupported operator '{op}'");
        }

        // The candidate values: one subquery's first column, or a list of scalars (dynamic arrays are flattened).
        Func<object?[], IEnumerable<object?>> candidates;
        bool constant;
        if (e.Items.Count == 1 && IsTabular(e.Items[0], ctx.Scope))
        {
            KqlResultTable sub = EvalTabular(e.Items[0]);
            if (sub.Columns.Count == 0)
            {
                throw Error(e.Items[0], "The subquery of 'in' returns no columns.");
            }

            List<object?> values = sub.Rows.Select(r => r[0]).ToList();
            candidates = _ => values;
            constant = true;
        }
        else
        {
            Scalar[] items = e.Items.Select(i => Compile(i, ctx)).ToArray();
            constant = items.All(i => i.IsConstant);
            candidates = row => Flatten(items.Select(i => i.Eval(row)));
        }

        switch (baseOp)
        {
            case "in":
            case "in~":
            {
                bool ignoreCase = baseOp == "in~";
                Func<object?, object?> key = ignoreCase ? v => v is null ? null : Values.ToText(v).ToUpperInvariant() : v => v;
                HashSet<object?>? set = constant ? new HashSet<object?>(candidates([]).Where(v => v is not null).Select(key), ValueComparer.Instance) : null;
                return Fold(new Scalar(KqlScalarType.Bool, row =>
                {
                    object? v = left.Eval(row);
                    if (v is null)
                    {
                        return Values.Box(negated);
                    }

                    HashSet<object?> s = set ?? new HashSet<object?>(candidates(row).Where(x => x is not null).Select(key), ValueComparer.Instance);
                    return Values.Box(s.Contains(key(v)) != negated);
                }), left);
            }

            default:
            {
                bool all = baseOp == "has_all";
                string[]? terms = constant ? candidates([]).Select(Values.ToText).ToArray() : null;
                return Fold(new Scalar(KqlScalarType.Bool, row =>
                {
                    string text = Values.ToText(left.Eval(row));
                    string[] t = terms ?? candidates(row).Select(Values.ToText).ToArray();
                    bool result = all ? t.All(x => StringOps.Has(text, x, false)) : t.Any(x => StringOps.Has(text, x, false));
                    return Values.Box(result != negated);
                }), left);
            }
        }
    }

    private static IEnumerable<object?> Flatten(IEnumerable<object?> values)
    {
        foreach (object? v in values)
        {
            if (v is DynamicArray a)
            {
                foreach (object? x in a)
                {
                    yield return x;
                }
            }
            else
            {
                yield return v;
            }
        }
    }

    /// <summary><c>d["key"]</c>, <c>d.key</c>, <c>d[0]</c>, <c>d[-1]</c> on dynamic values (a string holding JSON is parsed).</summary>
    private static Scalar CompileMember(Scalar target, Scalar index) =>
        Fold(new Scalar(KqlScalarType.Dynamic, row => Member(target.Eval(row), index.Eval(row))), target, index);

    internal static object? Member(object? target, object? index)
    {
        if (target is string s)
        {
            target = DynamicJson.TryParse(s, out object? parsed) ? parsed : null;
        }

        switch (target)
        {
            case DynamicBag bag when index is string key:
                return bag.TryGetValue(key, out object? v) ? v : null;
            case DynamicArray array when Values.IsNumber(index):
                long i = Values.ToLong(index)!.Value;
                if (i < 0)
                {
                    i += array.Count;
                }

                return i >= 0 && i < array.Count ? array[(int)i] : null;
            default:
                return null;
        }
    }

    internal Regex GetRegex(string pattern, KqlSyntaxNode at)
    {
        lock (_regexes)
        {
            if (_regexes.TryGetValue(pattern, out Regex? regex))
            {
                return regex;
            }

            try
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant, _options.RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                throw new KqlEngineException($"Invalid regular expression: {ex.Message}", _text, at.Start, at.Length, ex);
            }

            _regexes[pattern] = regex;
            return regex;
        }
    }

    internal Match RegexMatch(Regex regex, string input, KqlSyntaxNode at)
    {
        try
        {
            return regex.Match(input);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw RegexTimeout(at, ex);
        }
    }

    internal KqlEngineException RegexTimeout(KqlSyntaxNode at, RegexMatchTimeoutException ex) => new(
        $"The regular expression took longer than {_options.RegexTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s on one value.",
        _text, at.Start, at.Length, ex);
}
