using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// Calls that are not plain scalar functions: user-defined functions (<c>let f = (a: string) { ... }</c>, tabular or
/// scalar, called directly or through <c>invoke</c>), <c>toscalar</c>, <c>materialize</c> and the Defender functions.
/// </summary>
internal sealed partial class Evaluator
{
    /// <summary>A user-defined function: its declaration; parameters are bound as lets while a call is compiled.</summary>
    private sealed class UserFunction(FunctionDecl decl)
    {
        public FunctionDecl Decl { get; } = decl;

        public Expr? Result => Decl.Body.OfType<QueryStatement>().LastOrDefault()?.Query;
    }

    private readonly Dictionary<string, UserFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>The user functions declared as <c>view</c>, in declaration order.</summary>
    private readonly List<string> _views = [];
    private int _callDepth;

    /// <summary>Whether <paramref name="call"/> returns a table: materialize, a tabular user function, a Defender table function.</summary>
    private bool IsTabularCall(CallExpr call) => call.Name.Name switch
    {
        "materialize" => true,
        var n when _functions.TryGetValue(n, out UserFunction? f) => f.Result is { } r && IsTabularBody(r, f.Decl),
        var n when _options.StoredFunctions?.ContainsKey(n) == true => true,
        var n => IsDefenderTableFunction(n),
    };

    /// <summary>A parameterless user function named without parentheses (<c>let V = view () { ... }; V</c>) is called.</summary>
    private bool TryGetParameterless(string name, out CallExpr call)
    {
        call = null!;
        if (!_functions.TryGetValue(name, out UserFunction? f) || f.Decl.Parameters.Any(p => p.Default is null))
        {
            return false;
        }

        call = new CallExpr(new NameExpr(name, f.Decl.Start, f.Decl.Start), []) { Start = f.Decl.Start, End = f.Decl.End };
        return true;
    }

    private bool IsTabularBody(Expr result, FunctionDecl decl) => result switch
    {
        NameExpr n when decl.Parameters.FirstOrDefault(p => p.Name.Name == n.Name) is { } p => p.IsTabular,
        ParenExpr p => IsTabularBody(p.Inner, decl),
        _ => IsTabular(result, null),
    };

    private KqlResultTable EvalTabularCall(CallExpr call, KqlResultTable? piped)
    {
        string name = call.Name.Name;
        if (name == "materialize")
        {
            if (call.Args.Count != 1)
            {
                throw Error(call, "'materialize' takes one tabular argument.");
            }

            return EvalTabular(call.Args[0]);
        }

        if (_functions.TryGetValue(name, out UserFunction? function))
        {
            return WithArguments(function, call, piped, () => EvalTabular(function.Result!));
        }

        if (_options.StoredFunctions?.TryGetValue(name, out KqlStoredFunction? stored) == true)
        {
            return EvalStoredFunction(call, stored, piped);
        }

        return EvalDefenderFunction(call, piped);
    }

    /// <summary>A scalar user-function call: the body compiled with the parameters bound to the argument expressions.</summary>
    private Scalar? TryCompileUserScalar(CallExpr call, Ctx ctx)
    {
        if (!_functions.TryGetValue(call.Name.Name, out UserFunction? function))
        {
            return null;
        }

        if (function.Result is not { } result || IsTabularBody(result, function.Decl))
        {
            throw Error(call, $"'{call.Name.Name}' returns a table, not a scalar.");
        }

        Scalar[] args = call.Args.Select(a => Compile(a, ctx)).ToArray();
        return WithArguments(function, call, null, () => Compile(result, new Ctx(Scope.Empty)), args);
    }

    /// <summary>Runs <paramref name="body"/> with the function's parameters (and the lets of its body) defined, then restores the caller's names.</summary>
    private T WithArguments<T>(UserFunction function, CallExpr call, KqlResultTable? piped, Func<T> body, Scalar[]? scalarArgs = null)
    {
        if (++_callDepth > 64)
        {
            _callDepth = 0;
            throw Error(call, $"'{call.Name.Name}' calls itself more than 64 levels deep.");
        }

        var saved = new Dictionary<string, LetValue?>(StringComparer.Ordinal);
        void Bind(string name, LetValue value)
        {
            if (!saved.ContainsKey(name))
            {
                saved[name] = _lets.TryGetValue(name, out LetValue? old) ? old : null;
            }

            _lets[name] = value;
        }

        try
        {
            List<ParameterDecl> parameters = function.Decl.Parameters;
            int next = 0;
            for (int i = 0; i < parameters.Count; i++)
            {
                ParameterDecl p = parameters[i];
                if (p.IsTabular && piped is not null && i == 0)
                {
                    Bind(p.Name.Name, new LetValue { Table = piped, Tabular = call });
                    continue;
                }

                Expr? arg = next < call.Args.Count ? call.Args[next++] : p.Default;
                if (arg is null)
                {
                    throw Error(call, $"'{call.Name.Name}' needs a value for its parameter '{p.Name.Name}'.");
                }

                if (p.IsTabular)
                {
                    Bind(p.Name.Name, new LetValue { Table = EvalTabular(arg), Tabular = arg });
                }
                else
                {
                    Scalar value = scalarArgs is not null && next - 1 < scalarArgs.Length && ReferenceEquals(arg, call.Args[next - 1])
                        ? scalarArgs[next - 1]
                        : Compile(arg, new Ctx(Scope.Empty));
                    if (p.TypeName is { } typeName && KqlColumnTypes.TryParse(typeName, out KqlScalarType declared) && declared != value.Type)
                    {
                        Scalar raw = value;
                        value = raw.IsConstant ? Scalar.Const(declared, Values.Coerce(raw.Value, declared)) : new Scalar(declared, row => Values.Coerce(raw.Eval(row), declared));
                    }

                    Bind(p.Name.Name, new LetValue { Scalar = value });
                }
            }

            foreach (LetStatement let in function.Decl.Body.OfType<LetStatement>())
            {
                saved.TryAdd(let.Name.Name, _lets.TryGetValue(let.Name.Name, out LetValue? old) ? old : null);
                DefineLet(let);
            }

            return body();
        }
        finally
        {
            _callDepth--;
            foreach ((string name, LetValue? old) in saved)
            {
                if (old is null)
                {
                    _lets.Remove(name);
                }
                else
                {
                    _lets[name] = old;
                }
            }
        }
    }

    /// <summary>toscalar(T): the first column of T's first row (null when T is empty), evaluated once.</summary>
    private Scalar CompileToScalar(CallExpr call)
    {
        if (call.Args.Count != 1)
        {
            throw Error(call, "'toscalar' takes one tabular argument.");
        }

        Expr arg = call.Args[0] is ParenExpr { Inner: var inner } ? inner : call.Args[0];
        if (!IsTabular(arg, null))
        {
            // toscalar of a scalar expression is that value, computed once.
            Scalar s = Compile(arg, new Ctx(Scope.Empty));
            return Scalar.Const(s.Type, s.Eval([]));
        }

        KqlResultTable t = EvalTabular(arg);
        if (t.Columns.Count == 0)
        {
            throw Error(call, "The tabular expression of 'toscalar' has no columns.");
        }

        KqlScalarType type = t.Columns[0].Type;
        return Scalar.Const(type, t.Rows.Count > 0 ? t.Rows[0][0] : Values.Coerce(null, type));
    }

    /// <summary><c>T | invoke f(args)</c>: T is the function's first (tabular) parameter.</summary>
    private KqlResultTable Invoke(KqlResultTable input, OperatorNode op)
    {
        if (op.Operand is not CallExpr call)
        {
            throw Error(op, "'invoke' needs a function call.");
        }

        if (_functions.TryGetValue(call.Name.Name, out UserFunction? f) && f.Decl.Parameters.FirstOrDefault() is not { IsTabular: true })
        {
            throw Error(call, $"'{call.Name.Name}' has no tabular first parameter, so it cannot be invoked.");
        }

        return EvalTabularCall(call, input);
    }
}
