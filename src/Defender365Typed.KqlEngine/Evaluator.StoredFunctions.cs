using System;
using System.Globalization;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <content>Stored (saved) functions: the body is evaluated on its own, its parameters bound to the call's values.</content>
internal sealed partial class Evaluator
{
    private const int MaxStoredFunctionDepth = 8;
    private int _storedDepth;

    private KqlResultTable EvalStoredFunction(CallExpr call, KqlStoredFunction function, KqlResultTable? piped)
    {
        string name = call.Name.Name;
        if (piped is not null)
        {
            throw Error(call, $"The stored function '{name}' takes no piped input.");
        }

        if (call.Args.Count > function.Parameters.Count)
        {
            throw Error(call, $"The stored function '{name}' takes {function.Parameters.Count} argument(s), not {call.Args.Count}.");
        }

        if (_storedDepth >= MaxStoredFunctionDepth)
        {
            throw Error(call, $"Stored functions call each other more than {MaxStoredFunctionDepth} deep (at '{name}').");
        }

        // Missing arguments take their defaults: let statements in front of the body, so the body's own text reports them.
        var prefix = new System.Text.StringBuilder();
        for (int i = call.Args.Count; i < function.Parameters.Count; i++)
        {
            HuntingSchemaParameter p = function.Parameters[i];
            if (p.DefaultValue is null)
            {
                throw Error(call, $"The stored function '{name}' needs a value for its parameter '{p.Name}' ({p.Type}).");
            }

            prefix.Append("let ").Append(p.Name).Append(" = ").Append(p.DefaultValue).Append(";\n");
        }

        string text = prefix + function.Body;
        KqlSyntaxTree tree = Parser.Parse(text);
        if (tree.Diagnostics.Count > 0)
        {
            throw Error(call, $"The stored function '{name}' does not parse: {tree.Diagnostics[0].Message}");
        }

        var nested = new Evaluator(text, _tables, _options) { _storedDepth = _storedDepth + 1 };
        for (int i = 0; i < call.Args.Count; i++)
        {
            HuntingSchemaParameter p = function.Parameters[i];
            Scalar argument = Compile(call.Args[i], new Ctx(Scope.Empty));
            nested._lets[p.Name] = new LetValue { Scalar = Scalar.Const(p.ScalarType, Coerce(call.Args[i], name, p, argument.Eval([]))) };
        }

        try
        {
            return nested.Run(tree);
        }
        catch (KqlEngineException ex)
        {
            throw Error(call, $"In the stored function '{name}': {ex.Message}");
        }
    }

    /// <summary>The argument as the parameter's type (numbers widen or narrow as KQL converts them; anything else must match).</summary>
    private object? Coerce(Expr argument, string function, HuntingSchemaParameter p, object? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return p.ScalarType switch
            {
                KqlScalarType.String when value is string => value,
                KqlScalarType.Long when value is int or long or double or decimal => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                KqlScalarType.Int when value is int or long or double or decimal => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                KqlScalarType.Real when value is int or long or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                KqlScalarType.Decimal when value is int or long or double or decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                KqlScalarType.Bool when value is bool => value,
                KqlScalarType.DateTime when value is DateTime => value,
                KqlScalarType.TimeSpan when value is TimeSpan => value,
                KqlScalarType.Guid when value is Guid => value,
                KqlScalarType.Dynamic => value,
                _ => throw Error(argument, $"The stored function '{function}' takes {p.Type} for '{p.Name}', not this value."),
            };
        }
        catch (OverflowException)
        {
            throw Error(argument, $"The value for '{p.Name}' of the stored function '{function}' does not fit {p.Type}.");
        }
    }
}
