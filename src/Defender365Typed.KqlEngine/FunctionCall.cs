using System;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>One scalar function call being compiled: its compiled arguments and the checks every function shares.</summary>
internal sealed class FunctionCall
{
    private readonly Evaluator _evaluator;
    private readonly Func<Scalar[]> _compileArgs;
    private Scalar[]? _args;

    /// <summary>The arguments are compiled when first used, so an unknown function is reported as such, not by its arguments.</summary>
    public FunctionCall(Evaluator evaluator, CallExpr call, string name, Func<Scalar[]> compileArgs)
    {
        _evaluator = evaluator;
        _compileArgs = compileArgs;
        Expr = call;
        Name = name;
    }

    public CallExpr Expr { get; }

    /// <summary>The canonical name (aliases such as <c>parsejson</c> already resolved).</summary>
    public string Name { get; }

    public Scalar[] Args => _args ??= _compileArgs();

    /// <summary>Throws unless the call has between <paramref name="min"/> and <paramref name="max"/> arguments.</summary>
    public void Count(int min, int max)
    {
        if (Args.Length < min || Args.Length > max)
        {
            string expected = min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}";
            throw _evaluator.Error(Expr, $"'{Expr.Name.Name}' takes {expected} argument(s), not {Args.Length}.");
        }
    }

    /// <summary>Throws unless argument <paramref name="index"/> is one of <paramref name="types"/> (or dynamic).</summary>
    public void Require(int index, params KqlScalarType[] types)
    {
        KqlScalarType t = Args[index].Type;
        if (t != KqlScalarType.Dynamic && !types.Contains(t))
        {
            throw _evaluator.Error(Expr.Args[index],
                $"Argument {index + 1} of '{Expr.Name.Name}' must be {string.Join(" or ", types.Select(KqlScalarTypes.Name))}, not {KqlScalarTypes.Name(t)}.");
        }
    }

    /// <summary>A scalar of <paramref name="type"/> computing <paramref name="f"/> over the argument values (folded when all are constant).</summary>
    public Scalar Of(KqlScalarType type, Func<object?[], object?> f)
    {
        Scalar[] a = Args;
        var s = new Scalar(type, row =>
        {
            object?[] v = new object?[a.Length];
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = a[i].Eval(row);
            }

            return Values.Coerce(f(v), type);
        });
        return a.All(x => x.IsConstant) ? Scalar.Const(type, s.Eval([])) : s;
    }

    /// <summary>The constant text of argument <paramref name="index"/>, or an error naming it.</summary>
    public string ConstantText(int index)
    {
        Scalar s = Args[index];
        return s.IsConstant ? Values.ToText(s.Value) : throw _evaluator.Error(Expr.Args[index], $"Argument {index + 1} of '{Expr.Name.Name}' must be a constant.");
    }

    public KqlEngineException Error(string message) => _evaluator.Error(Expr, message);
}
