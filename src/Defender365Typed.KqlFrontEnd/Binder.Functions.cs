using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: function calls (catalog lookup, argument counts and kinds, result types).
public sealed partial class Binder
{
    private Value BindCall(CallExpr call, Context ctx)
    {
        var name = call.Name.Name;
        var isMemberCall = call.Start != call.Name.Start;

        // let-defined functions shadow built-ins
        var symbol = isMemberCall ? null : ctx.Scope.Lookup(name);
        if (symbol != null)
        {
            BindArguments(call, ctx);
            if (symbol.Kind == SymbolKind.Function)
            {
                if (call.Args.Count < symbol.MinArgs || call.Args.Count > symbol.MaxArgs)
                {
                    ReportArgumentCount(call, symbol.MinArgs, symbol.MaxArgs);
                }

                return symbol.Shape != null ? Value.Table(symbol.Shape) : Value.Scalar(symbol.Type);
            }

            return Value.Unknown;
        }

        if (!isMemberCall && _schema.TryGetFunction(name, out var schemaFunction))
        {
            return BindSchemaFunctionCall(call, schemaFunction, ctx);
        }

        if (DefenderFunctions.Contains(name))
        {
            BindArguments(call, ctx);
            return Value.Table(RowShape.Open);
        }

        if (name == "toscalar" || name == "materialize")
        {
            var v = call.Args.Count == 1 ? BindTabularOrScalar(Unparen(call.Args[0]), ctx.WithRow(null)) : Value.Unknown;
            return name == "materialize" && v.Shape != null ? v : Value.Unknown;
        }

        if (!FunctionCatalog.TryGet(name, out var function))
        {
            BindArguments(call, ctx);
            if (!isMemberCall && !FunctionCatalog.IsKnownName(name))
            {
                var suggestion = NameSuggester.Suggest(name, FunctionCatalog.Names);
                Report(KqlDiagnosticKind.UnknownFunction, call.Name.Start, call.Name.Length,
                    "'" + name + "' is not a known function" + DidYouMean(suggestion), suggestion);
            }

            return Value.Unknown;
        }

        if (function.Rule == ResultRule.Tabular)
        {
            BindArguments(call, ctx);
            return Value.Table(RowShape.Open);
        }

        var types = BindArguments(call, ctx);
        if (call.Args.Count < function.MinArgs || call.Args.Count > function.MaxArgs)
        {
            ReportArgumentCount(call, function.MinArgs, function.MaxArgs);
            return Value.Scalar(function.Rule == ResultRule.Fixed ? function.Result : KqlScalarType.Unknown);
        }

        for (var i = 0; i < call.Args.Count; i++)
        {
            var kind = function.ArgKindAt(i);
            if (kind != ArgKind.Any && !Accepts(kind, types[i]))
            {
                var arg = call.Args[i];
                Report(KqlDiagnosticKind.ArgumentTypeMismatch, arg.Start, arg.Length,
                    "Argument " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of '" + name + "' must be " + KindName(kind) + ", not a " + KqlScalarTypes.Name(types[i]) + ".");
            }
        }

        return Value.Scalar(ResultType(function, types));
    }

    private static Expr Unparen(Expr e)
    {
        while (e is ParenExpr p)
        {
            e = p.Inner;
        }

        return e;
    }

    private void ReportArgumentCount(CallExpr call, int min, int max)
    {
        string expected;
        if (min == max)
        {
            expected = min.ToString(CultureInfo.InvariantCulture) + (min == 1 ? " argument" : " arguments");
        }
        else if (max == int.MaxValue)
        {
            expected = "at least " + min.ToString(CultureInfo.InvariantCulture) + (min == 1 ? " argument" : " arguments");
        }
        else
        {
            expected = min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture) + " arguments";
        }

        Report(KqlDiagnosticKind.WrongArgumentCount, call.Start, call.Length,
            "The function '" + call.Name.Name + "' takes " + expected + ", not " + call.Args.Count.ToString(CultureInfo.InvariantCulture) + ".");
    }

    private static string KindName(ArgKind kind) => kind switch
    {
        ArgKind.String => "a string",
        ArgKind.Number => "a number",
        ArgKind.DateTime => "a datetime",
        ArgKind.TimeSpan => "a timespan",
        ArgKind.Bool => "a bool",
        _ => "a value",
    };

    private static bool Accepts(ArgKind kind, KqlScalarType t)
    {
        if (!KqlScalarTypes.IsJudged(t))
        {
            return true;
        }

        return kind switch
        {
            ArgKind.String => t is KqlScalarType.String or KqlScalarType.Guid,
            ArgKind.Number => KqlScalarTypes.IsNumeric(t),
            ArgKind.DateTime => t == KqlScalarType.DateTime,
            ArgKind.TimeSpan => t == KqlScalarType.TimeSpan || KqlScalarTypes.IsNumeric(t),
            ArgKind.Bool => t == KqlScalarType.Bool,
            _ => true,
        };
    }

    private KqlScalarType[] BindArguments(CallExpr call, Context ctx)
    {
        var types = new KqlScalarType[call.Args.Count];
        for (var i = 0; i < call.Args.Count; i++)
        {
            var arg = call.Args[i];
            if (arg is StarExpr || arg is TypeOfExpr)
            {
                types[i] = KqlScalarType.Unknown;
                continue;
            }

            types[i] = BindExpr(arg, ctx).Type;
        }

        return types;
    }

    private static KqlScalarType ResultType(KqlFunction f, KqlScalarType[] args)
    {
        switch (f.Rule)
        {
            case ResultRule.Fixed:
                return f.Result;
            case ResultRule.Arg0:
                return args.Length > 0 ? args[0] : KqlScalarType.Unknown;
            case ResultRule.Sum:
                if (args.Length == 0)
                {
                    return KqlScalarType.Unknown;
                }

                return args[0] is KqlScalarType.Int or KqlScalarType.Long ? KqlScalarType.Long : args[0] is KqlScalarType.Real or KqlScalarType.Decimal or KqlScalarType.TimeSpan ? args[0] : KqlScalarType.Unknown;
            case ResultRule.Bin:
                return args.Length > 0 && args[0] is KqlScalarType.DateTime or KqlScalarType.TimeSpan or KqlScalarType.Long or KqlScalarType.Real or KqlScalarType.Int or KqlScalarType.Decimal ? args[0] : KqlScalarType.Unknown;
            case ResultRule.Common:
            {
                var start = f.Name is "iff" or "iif" ? 1 : 0;
                return Common(args, start, 1);
            }

            case ResultRule.Case:
            {
                // values at 1, 3, 5..., and the last (else)
                var t = KqlScalarType.Unknown;
                var first = true;
                for (var i = 1; i < args.Length; i += 2)
                {
                    t = first ? args[i] : CommonPair(t, args[i]);
                    first = false;
                }

                if (args.Length > 0 && args.Length % 2 == 1)
                {
                    t = first ? args[args.Length - 1] : CommonPair(t, args[args.Length - 1]);
                }

                return t;
            }

            default:
                return KqlScalarType.Unknown;
        }
    }

    private static KqlScalarType Common(KqlScalarType[] args, int start, int step)
    {
        if (args.Length <= start)
        {
            return KqlScalarType.Unknown;
        }

        var t = args[start];
        for (var i = start + step; i < args.Length; i += step)
        {
            t = CommonPair(t, args[i]);
        }

        return t;
    }

    private static KqlScalarType CommonPair(KqlScalarType a, KqlScalarType b)
    {
        if (a == b)
        {
            return a;
        }

        if (KqlScalarTypes.IsNumeric(a) && KqlScalarTypes.IsNumeric(b))
        {
            return KqlScalarTypes.Widest(a, b);
        }

        return KqlScalarType.Unknown;
    }
}
