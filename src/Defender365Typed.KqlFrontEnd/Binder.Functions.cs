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

        if (function.IsTabular)
        {
            BindArguments(call, ctx);
            return Value.Table(RowShape.Open);
        }

        var types = BindArguments(call, ctx);
        if (function.Signatures.Count == 0)
        {
            return Value.Unknown;
        }

        return Value.Scalar(JudgeArguments(call, function, types));
    }

    /// <summary>
    /// Overload resolution as Kusto.Language does it, conservatively: the first signature that takes the arguments
    /// gives the result type; when none does, the argument no signature takes (or else the call) is reported.
    /// </summary>
    private KqlScalarType JudgeArguments(CallExpr call, KqlFunction function, KqlScalarType[] types)
    {
        var candidates = 0;
        var rejectedEverywhere = -1;
        var accepted = 0;
        foreach (var signature in function.Signatures)
        {
            if (!signature.Takes(types.Length))
            {
                continue;
            }

            var rejected = signature.FirstRejected(types);
            if (rejected < 0)
            {
                return signature.ResultType(types);
            }

            candidates++;
            rejectedEverywhere = candidates == 1 || rejectedEverywhere == rejected ? rejected : -2;
            accepted |= signature.ParameterAt(types.Length, rejected).Accepted;
        }

        if (candidates == 0)
        {
            ReportArgumentCount(call, function.MinArgs, function.MaxArgs);
            return KqlScalarType.Unknown;
        }

        var argument = rejectedEverywhere >= 0
            ? "argument " + (rejectedEverywhere + 1).ToString(CultureInfo.InvariantCulture) + " of '" + call.Name.Name + "' must be " +
              SignatureTable.Describe(accepted) + ", not " + KqlScalarTypes.WithArticle(types[rejectedEverywhere])
            : null;
        if (candidates == 1)
        {
            // one signature: Kusto.Language reports the argument (KS107)
            var arg = call.Args[rejectedEverywhere];
            Report(KqlDiagnosticKind.ArgumentTypeMismatch, arg.Start, arg.Length, char.ToUpperInvariant(argument![0]) + argument.Substring(1) + ".");
            return KqlScalarType.Unknown;
        }

        // several: Kusto.Language reports the function's name (KS127)
        var list = new List<string>(types.Length);
        foreach (var t in types)
        {
            list.Add(KqlScalarTypes.Name(t));
        }

        Report(KqlDiagnosticKind.ArgumentTypeMismatch, call.Name.Start, call.Name.Length,
            "The function '" + call.Name.Name + "' is not compatible with arguments (" + string.Join(", ", list) + ")" + (argument != null ? ": " + argument : "") + ".");
        return KqlScalarType.Unknown;
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
        var count = call.Args.Count.ToString(CultureInfo.InvariantCulture);
        if (call.Args.Count >= min && call.Args.Count <= max)
        {
            // within the arity, but not a whole number of its repeated groups (pack's name/value pairs...)
            Report(KqlDiagnosticKind.WrongArgumentCount, call.Start, call.Length,
                "The function '" + call.Name.Name + "' cannot take " + count + " arguments: they do not complete its repeated groups.");
            return;
        }

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
            "The function '" + call.Name.Name + "' takes " + expected + ", not " + count + ".");
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
}
