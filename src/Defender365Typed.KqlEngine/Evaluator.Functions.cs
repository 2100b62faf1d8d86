using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>Scalar functions.</summary>
internal sealed partial class Evaluator
{
    /// <summary>The scalar functions the engine implements (aggregates are listed in <see cref="AggregateFunctions"/>).</summary>
    internal static readonly string[] ScalarFunctions =
    [
        "ago", "now", "bin", "floor", "startofday", "startofweek", "startofmonth", "startofyear", "endofday", "endofweek",
        "endofmonth", "endofyear", "dayofweek", "hourofday", "dayofmonth", "dayofyear", "monthofyear", "getmonth", "getyear",
        "format_datetime", "strlen", "tolower", "toupper", "substring", "indexof", "extract", "replace_string", "split",
        "strcat", "strcat_delim", "parse_json", "todynamic", "tostring", "tolong", "toint", "toreal", "todouble", "tobool",
        "toboolean", "todatetime", "totimespan", "toguid", "todecimal", "isnull", "isnotnull", "isempty", "isnotempty",
        "iff", "iif", "case", "coalesce", "array_length", "bag_has_key", "set_has_element", "round", "abs", "isnan", "not",
    ];

    /// <summary>Deprecated or alternative names of functions, mapped to the name the engine implements.</summary>
    private static readonly Dictionary<string, string> FunctionAliases = new(StringComparer.Ordinal)
    {
        ["parsejson"] = "parse_json", ["pack"] = "bag_pack", ["pack_dictionary"] = "bag_pack", ["notempty"] = "isnotempty",
        ["notnull"] = "isnotnull", ["array_strcat"] = "strcat_array", ["make_string"] = "unicode_codepoints_to_string",
    };

    private Scalar CompileCall(CallExpr call, Ctx ctx)
    {
        string name = FunctionAliases.GetValueOrDefault(call.Name.Name, call.Name.Name);
        switch (name)
        {
            case "extract":
                return CompileExtract(call, ctx);
            case "toscalar":
                return CompileToScalar(call);
            case "pack_all":
                return CompilePackAll(call, ctx);
            case "column_ifexists":
                // column_ifexists(Name, Default): the column when the input has it, else the default.
                if (call.Args.Count != 2)
                {
                    throw Error(call, "'column_ifexists' takes 2 argument(s).");
                }

                string columnName = call.Args[0] is NameExpr named && !_lets.ContainsKey(named.Name)
                    ? named.Name
                    : Values.ToText(ConstantValue(call.Args[0]));
                return ctx.Scope.TryGet(columnName, out int existing)
                    ? new Scalar(ctx.Scope.Columns[existing].Type, row => row[existing])
                    : Compile(call.Args[1], ctx);
            case "ingestion_time":
                // The synthetic rows are ingested the moment they happen: ingestion_time() is the row's Timestamp (null without one).
                return ctx.Scope.TryGet("Timestamp", out int ts) && ctx.Scope.Columns[ts].Type == KqlScalarType.DateTime
                    ? new Scalar(KqlScalarType.DateTime, row => row[ts])
                    : Scalar.Const(KqlScalarType.DateTime, null);
        }

        if (TryCompileUserScalar(call, ctx) is { } user)
        {
            return user;
        }

        if (!ScalarFunctions.Contains(name, StringComparer.Ordinal))
        {
            var c = new FunctionCall(this, call, name, () => call.Args.Select(arg => arg is AssignExpr
                ? throw Error(arg, $"unsupported function '{name}' with named arguments")
                : Compile(arg, ctx)).ToArray());
            return CompileTextFunction(c) ?? CompileDynamicFunction(c) ?? CompileTimeFunction(c) ?? CompileNetworkFunction(c) ?? CompileSeriesFunction(c)
                ?? throw Error(call.Name, $"unsupported function '{call.Name.Name}'");
        }

        Scalar[] a = call.Args.Select(arg => arg is AssignExpr
            ? throw Error(arg, $"unsupported function '{name}' with named arguments")
            : Compile(arg, ctx)).ToArray();

        void Count(int min, int max)
        {
            if (a.Length < min || a.Length > max)
            {
                string expected = min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}";
                throw Error(call, $"'{name}' takes {expected} argument(s), not {a.Length}.");
            }
        }

        void Require(int index, params KqlScalarType[] types)
        {
            KqlScalarType t = a[index].Type;
            if (t != KqlScalarType.Dynamic && !types.Contains(t))
            {
                throw Error(call.Args[index],
                    $"Argument {index + 1} of '{name}' must be {string.Join(" or ", types.Select(KqlScalarTypes.Name))}, not {KqlScalarTypes.Name(t)}.");
            }
        }

        Scalar F(KqlScalarType type, Func<object?[], object?> f) => Fold(new Scalar(type, row =>
        {
            object?[] v = new object?[a.Length];
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = a[i].Eval(row);
            }

            return Values.Coerce(f(v), type);
        }), a);

        DateTime now = DateTime.SpecifyKind(_options.Now, DateTimeKind.Utc);
        switch (name)
        {
            case "now":
                Count(0, 1);
                return F(KqlScalarType.DateTime, v => v.Length == 0 ? now : Arithmetic("+", now, v[0]));
            case "ago":
                Count(1, 1);
                Require(0, KqlScalarType.TimeSpan);
                return F(KqlScalarType.DateTime, v => Arithmetic("-", now, v[0]));
            case "bin":
            case "floor":
            {
                Count(2, 2);
                KqlScalarType type = a[0].Type switch
                {
                    KqlScalarType.DateTime or KqlScalarType.TimeSpan => a[0].Type,
                    _ when a[1].Type == KqlScalarType.Real || a[0].Type == KqlScalarType.Real => KqlScalarType.Real,
                    _ when a[0].Type == KqlScalarType.Decimal || a[1].Type == KqlScalarType.Decimal => KqlScalarType.Decimal,
                    _ when KqlScalarTypes.IsNumeric(a[0].Type) || a[0].Type == KqlScalarType.Dynamic => KqlScalarType.Long,
                    _ => throw Error(call, $"'{name}' cannot bin a {KqlScalarTypes.Name(a[0].Type)}."),
                };
                return F(type, v => Bin(v[0], v[1]));
            }

            case "startofday":
            case "startofweek":
            case "startofmonth":
            case "startofyear":
            case "endofday":
            case "endofweek":
            case "endofmonth":
            case "endofyear":
                Count(1, 2);
                Require(0, KqlScalarType.DateTime);
                return F(KqlScalarType.DateTime, v => v[0] is DateTime d ? CalendarBoundary(name, d, (int)(Values.ToLong(v.Length > 1 ? v[1] : 0L) ?? 0)) : null);
            case "dayofweek":
                Count(1, 1);
                Require(0, KqlScalarType.DateTime);
                return F(KqlScalarType.TimeSpan, v => v[0] is DateTime d ? TimeSpan.FromDays((int)d.DayOfWeek) : null);
            case "hourofday":
            case "dayofmonth":
            case "dayofyear":
            case "monthofyear":
            case "getmonth":
            case "getyear":
                Count(1, 1);
                Require(0, KqlScalarType.DateTime);
                return F(KqlScalarType.Int, v => v[0] is DateTime d ? name switch
                {
                    "hourofday" => d.Hour,
                    "dayofmonth" => d.Day,
                    "dayofyear" => d.DayOfYear,
                    "getyear" => d.Year,
                    _ => d.Month,
                } : null);
            case "format_datetime":
                Count(2, 2);
                Require(0, KqlScalarType.DateTime);
                return F(KqlScalarType.String, v => v[0] is DateTime d ? FormatDateTime(d, Values.ToText(v[1])) : "");
            case "strlen":
                Count(1, 1);
                return F(KqlScalarType.Long, v => (long)Values.ToText(v[0]).EnumerateRunes().Count());
            case "tolower":
                Count(1, 1);
                return F(KqlScalarType.String, v => Values.ToText(v[0]).ToLowerInvariant());
            case "toupper":
                Count(1, 1);
                return F(KqlScalarType.String, v => Values.ToText(v[0]).ToUpperInvariant());
            case "substring":
                Count(2, 3);
                return F(KqlScalarType.String, v => Substring(Values.ToText(v[0]), Values.ToLong(v[1]), v.Length > 2 ? Values.ToLong(v[2]) : null));
            case "indexof":
                Count(2, 3);
                return F(KqlScalarType.Long, v =>
                {
                    string s = Values.ToText(v[0]);
                    long start = v.Length > 2 ? Values.ToLong(v[2]) ?? 0 : 0;
                    if (start < 0)
                    {
                        start = Math.Max(0, s.Length + start);
                    }

                    return start > s.Length ? -1L : (long)s.IndexOf(Values.ToText(v[1]), (int)start, StringComparison.Ordinal);
                });
            case "replace_string":
                Count(3, 3);
                return F(KqlScalarType.String, v =>
                {
                    string s = Values.ToText(v[0]), lookup = Values.ToText(v[1]);
                    return lookup.Length == 0 ? s : s.Replace(lookup, Values.ToText(v[2]), StringComparison.Ordinal);
                });
            case "split":
                Count(2, 3);
                return F(KqlScalarType.Dynamic, v =>
                {
                    string delimiter = Values.ToText(v[1]);
                    string[] parts = delimiter.Length == 0 ? [Values.ToText(v[0])] : Values.ToText(v[0]).Split(delimiter);
                    if (v.Length > 2)
                    {
                        long i = Values.ToLong(v[2]) ?? -1;
                        return i >= 0 && i < parts.Length ? new DynamicArray([parts[i]]) : DynamicArray.Empty;
                    }

                    return new DynamicArray(parts);
                });
            case "strcat":
                if (a.Length == 0)
                {
                    Count(1, 64);
                }

                return F(KqlScalarType.String, v => string.Concat(v.Select(Values.ToText)));
            case "strcat_delim":
                Count(2, 65);
                return F(KqlScalarType.String, v => string.Join(Values.ToText(v[0]), v.Skip(1).Select(Values.ToText)));
            case "parse_json":
            case "todynamic":
                Count(1, 1);
                return F(KqlScalarType.Dynamic, v => v[0] is string s ? (DynamicJson.TryParse(s, out object? d) ? d : s) : v[0]);
            case "tostring":
                Count(1, 1);
                return F(KqlScalarType.String, v => Values.ToText(v[0]));
            case "tolong":
                Count(1, 1);
                return F(KqlScalarType.Long, v => Values.ToLong(v[0]));
            case "toint":
                Count(1, 1);
                return F(KqlScalarType.Int, v => Values.ToInt(v[0]));
            case "toreal":
            case "todouble":
                Count(1, 1);
                return F(KqlScalarType.Real, v => Values.ToReal(v[0]));
            case "todecimal":
                Count(1, 1);
                return F(KqlScalarType.Decimal, v => Values.ToDecimal(v[0]));
            case "tobool":
            case "toboolean":
                Count(1, 1);
                return F(KqlScalarType.Bool, v => Values.ToBool(v[0]));
            case "todatetime":
                Count(1, 1);
                return F(KqlScalarType.DateTime, v => Values.ToDateTime(v[0]));
            case "totimespan":
                Count(1, 1);
                return F(KqlScalarType.TimeSpan, v => Values.ToTimeSpan(v[0]));
            case "toguid":
                Count(1, 1);
                return F(KqlScalarType.Guid, v => Values.ToGuid(v[0]));
            case "isnull":
                Count(1, 1);
                return F(KqlScalarType.Bool, v => v[0] is null);
            case "isnotnull":
                Count(1, 1);
                return F(KqlScalarType.Bool, v => v[0] is not null);
            case "isempty":
                Count(1, 1);
                return F(KqlScalarType.Bool, v => v[0] is null or "");
            case "isnotempty":
                Count(1, 1);
                return F(KqlScalarType.Bool, v => v[0] is not (null or ""));
            case "iff":
            case "iif":
            {
                Count(3, 3);
                Require(0, KqlScalarType.Bool);
                KqlScalarType type = Unify(call, a[1].Type, a[2].Type);
                return F(type, v => v[0] is true ? v[1] : v[2]);
            }

            case "case":
            {
                if (a.Length < 3 || a.Length % 2 == 0)
                {
                    throw Error(call, "'case' takes predicate/value pairs and an else value.");
                }

                KqlScalarType type = a[^1].Type;
                for (int i = 1; i < a.Length - 1; i += 2)
                {
                    type = Unify(call, type, a[i].Type);
                }

                return F(type, v =>
                {
                    for (int i = 0; i < v.Length - 1; i += 2)
                    {
                        if (v[i] is true)
                        {
                            return v[i + 1];
                        }
                    }

                    return v[^1];
                });
            }

            case "coalesce":
            {
                Count(2, 64);
                KqlScalarType type = a[0].Type;
                foreach (Scalar s in a.Skip(1))
                {
                    type = Unify(call, type, s.Type);
                }

                return F(type, v => v.FirstOrDefault(x => x is not (null or "")) ?? (type == KqlScalarType.String ? "" : null));
            }

            case "array_length":
                Count(1, 1);
                return F(KqlScalarType.Long, v => v[0] is DynamicArray arr ? (long)arr.Count : null);
            case "bag_has_key":
                Count(2, 2);
                return F(KqlScalarType.Bool, v => Member(v[0], Values.ToText(v[1])) is not null || HasKeyPath(v[0], KeyPath(Values.ToText(v[1]))));
            case "set_has_element":
                Count(2, 2);
                return F(KqlScalarType.Bool, v => v[0] is DynamicArray arr && v[1] is not null && arr.Contains(v[1], ValueComparer.Instance));
            case "round":
            {
                Count(1, 2);
                KqlScalarType type = a[0].Type is KqlScalarType.Int or KqlScalarType.Long or KqlScalarType.Decimal ? a[0].Type : KqlScalarType.Real;
                return F(type, v =>
                {
                    int digits = (int)(Values.ToLong(v.Length > 1 ? v[1] : 0L) ?? 0);
                    digits = Math.Clamp(digits, 0, 15);
                    return v[0] switch
                    {
                        null => null,
                        decimal m => Math.Round(m, digits, MidpointRounding.AwayFromZero),
                        int or long => v[0],
                        var x => Math.Round(Values.ToReal(x) ?? double.NaN, digits, MidpointRounding.AwayFromZero),
                    };
                });
            }

            case "abs":
                Count(1, 1);
                return F(a[0].Type, v => v[0] switch
                {
                    int i => Math.Abs((long)i),
                    long l => l == long.MinValue ? null : Math.Abs(l),
                    double d => Math.Abs(d),
                    decimal m => Math.Abs(m),
                    TimeSpan t => t.Duration(),
                    _ => null,
                });
            case "isnan":
                Count(1, 1);
                return F(KqlScalarType.Bool, v => v[0] is double d && double.IsNaN(d));
            case "not":
                Count(1, 1);
                Require(0, KqlScalarType.Bool);
                return F(KqlScalarType.Bool, v => v[0] is bool b ? !b : null);
        }

        throw Error(call.Name, $"unsupported function '{name}'");
    }

    private KqlScalarType Unify(CallExpr call, KqlScalarType x, KqlScalarType y)
    {
        if (x == y)
        {
            return x;
        }

        if (KqlScalarTypes.IsNumeric(x) && KqlScalarTypes.IsNumeric(y))
        {
            return x == KqlScalarType.Real || y == KqlScalarType.Real ? KqlScalarType.Real
                : x == KqlScalarType.Decimal || y == KqlScalarType.Decimal ? KqlScalarType.Decimal
                : KqlScalarType.Long;
        }

        if (x == KqlScalarType.Dynamic || y == KqlScalarType.Dynamic)
        {
            return KqlScalarType.Dynamic;
        }

        throw Error(call, $"The values of '{call.Name.Name}' have different types ({KqlScalarTypes.Name(x)} and {KqlScalarTypes.Name(y)}).");
    }

    private Scalar CompileExtract(CallExpr call, Ctx ctx)
    {
        if (call.Args.Count is < 3 or > 4)
        {
            throw Error(call, $"'extract' takes 3 or 4 arguments, not {call.Args.Count}.");
        }

        Scalar pattern = Compile(call.Args[0], ctx);
        Scalar group = Compile(call.Args[1], ctx);
        Scalar text = Compile(call.Args[2], ctx);
        KqlScalarType type = KqlScalarType.String;
        if (call.Args.Count == 4)
        {
            if (call.Args[3] is not TypeOfExpr t || !KqlColumnTypes.TryParse(t.TypeName, out type))
            {
                throw Error(call.Args[3], "The 4th argument of 'extract' must be typeof(type).");
            }
        }

        Regex? constant = pattern.IsConstant ? GetRegex(Values.ToText(pattern.Value), call.Args[0]) : null;
        KqlScalarType resultType = type;
        return Fold(new Scalar(resultType, row =>
        {
            Regex regex = constant ?? GetRegex(Values.ToText(pattern.Eval(row)), call.Args[0]);
            Match m = RegexMatch(regex, Values.ToText(text.Eval(row)), call);
            long g = Values.ToLong(group.Eval(row)) ?? 0;
            if (!m.Success || g < 0 || g >= m.Groups.Count || !m.Groups[(int)g].Success)
            {
                return Values.Coerce(null, resultType);
            }

            string value = m.Groups[(int)g].Value;
            return resultType == KqlScalarType.String ? value : Values.Coerce(Values.ParseLiteral(resultType, value), resultType);
        }), pattern, group, text);
    }

    private static object? Bin(object? value, object? size)
    {
        if (value is null || size is null)
        {
            return null;
        }

        switch (value)
        {
            case DateTime d when size is TimeSpan span && span.Ticks > 0:
                return new DateTime(d.Ticks - (d.Ticks % span.Ticks), DateTimeKind.Utc);
            case TimeSpan t when size is TimeSpan span && span.Ticks > 0:
                return TimeSpan.FromTicks((long)Math.Floor((double)t.Ticks / span.Ticks) * span.Ticks);
        }

        if (!Values.IsNumber(value) || !Values.IsNumber(size))
        {
            return null;
        }

        if (value is double || size is double)
        {
            double v = Values.ToReal(value)!.Value, s = Values.ToReal(size)!.Value;
            return s <= 0 ? null : Math.Floor(v / s) * s;
        }

        if (value is decimal || size is decimal)
        {
            decimal v = Values.ToDecimal(value)!.Value, s = Values.ToDecimal(size)!.Value;
            return s <= 0 ? null : decimal.Floor(v / s) * s;
        }

        long lv = Values.ToLong(value)!.Value, ls = Values.ToLong(size)!.Value;
        return ls <= 0 ? null : (long)Math.Floor((double)lv / ls) * ls;
    }

    private static DateTime? CalendarBoundary(string name, DateTime d, int offset)
    {
        try
        {
            DateTime day = new(d.Year, d.Month, d.Day, 0, 0, 0, DateTimeKind.Utc);
            DateTime start = name switch
            {
                "startofday" or "endofday" => day.AddDays(offset),
                "startofweek" or "endofweek" => day.AddDays(-(int)d.DayOfWeek).AddDays(7 * offset),
                "startofmonth" or "endofmonth" => new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(offset),
                _ => new DateTime(d.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddYears(offset),
            };
            if (name.StartsWith("start", StringComparison.Ordinal))
            {
                return start;
            }

            DateTime next = name switch
            {
                "endofday" => start.AddDays(1),
                "endofweek" => start.AddDays(7),
                "endofmonth" => start.AddMonths(1),
                _ => start.AddYears(1),
            };
            return next.AddTicks(-1);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>format_datetime: the KQL specifiers (yyyy, yy, MM, M, dd, d, HH, H, hh, h, mm, m, ss, s, f…, F…, tt) are .NET's.</summary>
    private static string FormatDateTime(DateTime d, string format)
    {
        var sb = new StringBuilder();
        foreach (char c in format)
        {
            // Everything that is not a KQL specifier letter is a literal.
            if ("yMdHhmsfFt".Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('\\').Append(c);
            }
        }

        try
        {
            string custom = sb.Length == 1 ? "%" + sb : sb.ToString();
            return d.ToString(custom, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static string Substring(string s, long? start, long? length)
    {
        long from = start ?? 0;
        long count = length ?? long.MaxValue;
        if (from < 0)
        {
            count += from;
            from = 0;
        }

        if (from >= s.Length || count <= 0)
        {
            return "";
        }

        count = Math.Min(count, s.Length - from);
        return s.Substring((int)from, (int)count);
    }
}
