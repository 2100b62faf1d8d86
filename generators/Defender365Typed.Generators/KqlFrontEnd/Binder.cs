using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.Generators.KqlFrontEnd;

/// <summary>
/// Follows the row shape through a parsed query and reports unknown tables, columns and functions,
/// wrong argument counts and certain type mismatches. Conservative: whatever it does not model makes
/// the shape open, and nothing is reported against an open shape or an unknown type.
/// </summary>
internal sealed class Binder
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

    // ------------------------------------------------------------------ scopes and values

    private enum SymbolKind : byte
    {
        Scalar,
        Tabular,
        Function,
    }

    private sealed class Symbol
    {
        public SymbolKind Kind;
        public KqlScalarType Type;
        public RowShape? Shape;
        public int MinArgs;
        public int MaxArgs;
    }

    private sealed class Scope
    {
        private readonly Scope? _parent;
        private Dictionary<string, Symbol>? _symbols;

        public Scope(Scope? parent) => _parent = parent;

        public void Define(string name, Symbol symbol)
        {
            _symbols ??= new Dictionary<string, Symbol>(StringComparer.Ordinal);
            _symbols[name] = symbol;
        }

        public Symbol? Lookup(string name)
        {
            for (var s = this; s != null; s = s._parent)
            {
                if (s._symbols != null && s._symbols.TryGetValue(name, out var symbol))
                {
                    return symbol;
                }
            }

            return null;
        }

        public IEnumerable<string> Names()
        {
            for (var s = this; s != null; s = s._parent)
            {
                if (s._symbols != null)
                {
                    foreach (var k in s._symbols.Keys)
                    {
                        yield return k;
                    }
                }
            }
        }
    }

    /// <summary>The result of binding an expression: a scalar type or a tabular shape.</summary>
    private readonly struct Value
    {
        public static readonly Value Unknown = new Value(KqlScalarType.Unknown, null);

        public Value(KqlScalarType type, RowShape? shape)
        {
            Type = type;
            Shape = shape;
        }

        public KqlScalarType Type { get; }

        public RowShape? Shape { get; }

        public static Value Scalar(KqlScalarType type) => new Value(type, null);

        public static Value Table(RowShape shape) => new Value(KqlScalarType.Unknown, shape);
    }

    /// <summary>Where names are resolved: the row in scope (if any), join sides, and let symbols.</summary>
    private sealed class Context
    {
        public Context(Scope scope, RowShape? row)
        {
            Scope = scope;
            Row = row;
        }

        public Scope Scope { get; }

        public RowShape? Row { get; }

        public RowShape? Left { get; set; }

        public RowShape? Right { get; set; }

        public Context WithRow(RowShape? row) => new Context(Scope, row);
    }

    // ------------------------------------------------------------------ statements

    private Value BindStatements(List<Statement> statements, Scope scope)
    {
        var last = Value.Unknown;
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case LetStatement let:
                    BindLet(let, scope);
                    break;
                case QueryStatement query:
                    last = BindTabularOrScalar(query.Query, new Context(scope, null));
                    break;
            }
        }

        return last;
    }

    private void BindLet(LetStatement let, Scope scope)
    {
        if (let.Function != null)
        {
            var fscope = new Scope(scope);
            var min = 0;
            foreach (var p in let.Function.Parameters)
            {
                if (p.IsTabular)
                {
                    fscope.Define(p.Name.Name, new Symbol { Kind = SymbolKind.Tabular, Shape = p.TabularColumns == null ? RowShape.Open : ShapeOf(p.TabularColumns, open: true) });
                }
                else
                {
                    fscope.Define(p.Name.Name, new Symbol { Kind = SymbolKind.Scalar, Type = KqlScalarTypes.Parse(p.TypeName) });
                }

                if (p.Default == null)
                {
                    min++;
                }
            }

            var body = BindStatements(let.Function.Body, fscope);
            scope.Define(let.Name.Name, new Symbol
            {
                Kind = SymbolKind.Function,
                Type = body.Type,
                Shape = body.Shape,
                MinArgs = min,
                MaxArgs = let.Function.Parameters.Count,
            });
            return;
        }

        if (let.Value == null)
        {
            return;
        }

        var value = BindTabularOrScalar(let.Value, new Context(scope, null));
        scope.Define(let.Name.Name, value.Shape != null
            ? new Symbol { Kind = SymbolKind.Tabular, Shape = value.Shape }
            : new Symbol { Kind = SymbolKind.Scalar, Type = value.Type });
    }

    private static RowShape ShapeOf(List<ColumnDecl> columns, bool open)
    {
        var b = new RowShapeBuilder(open);
        foreach (var c in columns)
        {
            b.Set(c.Name.Name, KqlScalarTypes.Parse(c.TypeName));
        }

        return b.ToShape();
    }

    /// <summary>Binds an expression that may be a table reference (at the start of a pipe or statement).</summary>
    private Value BindTabularOrScalar(Expr e, Context ctx)
    {
        if (e is NameExpr name)
        {
            return BindName(name, ctx, tabularExpected: true);
        }

        return BindExpr(e, ctx);
    }

    // ------------------------------------------------------------------ expressions

    private Value BindExpr(Expr e, Context ctx)
    {
        switch (e)
        {
            case LiteralExpr lit:
                return Value.Scalar(lit.Type);
            case NameExpr name:
                return BindName(name, ctx, tabularExpected: false);
            case ParenExpr paren:
                return paren.Inner is NameExpr n ? BindName(n, ctx, tabularExpected: false) : BindExpr(paren.Inner, ctx);
            case PipeExpr pipe:
                return BindPipe(pipe, ctx);
            case OperatorNode op:
                return Value.Table(BindOperator(op, null, ctx));
            case CallExpr call:
                return BindCall(call, ctx);
            case BinaryExpr bin:
                return BindBinary(bin, ctx);
            case UnaryExpr unary:
            {
                var v = BindExpr(unary.Operand, ctx);
                return Value.Scalar(KqlScalarTypes.IsNumeric(v.Type) || v.Type == KqlScalarType.TimeSpan ? v.Type : KqlScalarType.Unknown);
            }

            case InExpr inExpr:
                BindExpr(inExpr.Left, ctx);
                foreach (var item in inExpr.Items)
                {
                    BindExpr(item, ctx);
                }

                return Value.Scalar(KqlScalarType.Bool);
            case BetweenExpr between:
                BindExpr(between.Left, ctx);
                BindExpr(between.Low, ctx);
                BindExpr(between.High, ctx);
                return Value.Scalar(KqlScalarType.Bool);
            case DotExpr dot:
                return BindDot(dot, ctx);
            case IndexExpr index:
            {
                var left = BindExpr(index.Left, ctx);
                BindExpr(index.Index, ctx);
                return Value.Scalar(left.Type == KqlScalarType.Dynamic ? KqlScalarType.Dynamic : KqlScalarType.Unknown);
            }

            case AssignExpr assign:
                return BindExpr(assign.Value, ctx);
            case OrderedExpr ordered:
                return BindExpr(ordered.Inner, ctx);
            case ToTypeExpr toType:
                BindExpr(toType.Inner, ctx);
                return Value.Scalar(KqlScalarTypes.Parse(toType.TypeName));
            default:
                return Value.Unknown;
        }
    }

    private Value BindName(NameExpr name, Context ctx, bool tabularExpected)
    {
        var text = name.Name;
        if (ctx.Row != null)
        {
            var column = ctx.Row.Find(text);
            if (column != null)
            {
                return Value.Scalar(column.Type);
            }
        }

        var symbol = ctx.Scope.Lookup(text);
        if (symbol != null)
        {
            switch (symbol.Kind)
            {
                case SymbolKind.Scalar:
                    return Value.Scalar(symbol.Type);
                case SymbolKind.Tabular:
                    return Value.Table(symbol.Shape ?? RowShape.Open);
                default:
                    return symbol.Shape != null ? Value.Table(symbol.Shape) : Value.Scalar(symbol.Type);
            }
        }

        if (_schema.TryGetTable(text, out var table))
        {
            return Value.Table(table.Shape);
        }

        if (_asNames.Contains(text))
        {
            return Value.Table(RowShape.Open);
        }

        switch (text)
        {
            case "true":
            case "false":
                return Value.Scalar(KqlScalarType.Bool);
            case "null":
            case "":
                return Value.Unknown;
        }

        if (text.StartsWith("$", StringComparison.Ordinal) || DefenderFunctions.Contains(text))
        {
            return Value.Unknown;
        }

        if (tabularExpected)
        {
            if (ctx.Row == null || !ctx.Row.IsOpen)
            {
                var suggestion = NameSuggester.Suggest(text, TableAndTabularNames(ctx.Scope));
                Report(KqlDiagnosticKind.UnknownTable, name.Start, name.Length,
                    "'" + text + "' is not a known table" + DidYouMean(suggestion), suggestion);
            }

            return Value.Table(RowShape.Open);
        }

        if (ctx.Row != null && !ctx.Row.IsOpen)
        {
            ReportUnknownColumn(name, ctx.Row, ctx.Scope);
        }

        return Value.Unknown;
    }

    private IEnumerable<string> TableAndTabularNames(Scope scope)
    {
        foreach (var t in _schema.Tables)
        {
            yield return t.Name;
        }

        foreach (var n in scope.Names())
        {
            yield return n;
        }
    }

    private static string DidYouMean(string? suggestion) => suggestion == null ? "." : "; did you mean '" + suggestion + "'?";

    private void ReportUnknownColumn(NameExpr name, RowShape row, Scope? scope)
    {
        var candidates = new List<string>();
        foreach (var c in row.Columns)
        {
            candidates.Add(c.Name);
        }

        var suggestion = NameSuggester.Suggest(name.Name, candidates);
        var where = row.Origin != null ? "a column of " + row.Origin : "a column of the input";
        Report(KqlDiagnosticKind.UnknownColumn, name.Start, name.Length, "'" + name.Name + "' is not " + where + DidYouMean(suggestion), suggestion);
    }

    private Value BindDot(DotExpr dot, Context ctx)
    {
        if (dot.Left is NameExpr side && (side.Name == "$left" || side.Name == "$right"))
        {
            var shape = side.Name == "$left" ? ctx.Left : ctx.Right;
            if (shape == null)
            {
                return Value.Unknown;
            }

            var column = shape.Find(dot.Member.Name);
            if (column != null)
            {
                return Value.Scalar(column.Type);
            }

            if (!shape.IsOpen)
            {
                ReportUnknownColumn(dot.Member, shape, null);
            }

            return Value.Unknown;
        }

        var left = BindExpr(dot.Left, ctx);
        if (left.Shape != null)
        {
            // T.Column
            var column = left.Shape.Find(dot.Member.Name);
            return column != null ? Value.Scalar(column.Type) : Value.Unknown;
        }

        return Value.Scalar(left.Type == KqlScalarType.Dynamic ? KqlScalarType.Dynamic : KqlScalarType.Unknown);
    }

    private Value BindBinary(BinaryExpr bin, Context ctx)
    {
        var left = BindExpr(bin.Left, ctx);
        var right = BindExpr(bin.Right, ctx);
        switch (bin.Op)
        {
            case "and":
            case "or":
                return Value.Scalar(KqlScalarType.Bool);
            case "==":
            case "!=":
            case "<>":
                return Value.Scalar(KqlScalarType.Bool);
            case "<":
            case "<=":
            case ">":
            case ">=":
                if (left.Shape == null && right.Shape == null && KqlScalarTypes.AreCertainlyNotOrderable(left.Type, right.Type))
                {
                    Report(KqlDiagnosticKind.TypeMismatch, bin.Start, bin.Length,
                        "The operator '" + bin.Op + "' cannot compare a " + KqlScalarTypes.Name(left.Type) + " with a " + KqlScalarTypes.Name(right.Type) + ".");
                }

                return Value.Scalar(KqlScalarType.Bool);
            case "+":
            case "-":
            case "*":
            case "/":
            case "%":
                return Value.Scalar(Arithmetic(bin.Op, left.Type, right.Type));
            default:
                // string operators, =~, !~, matches regex
                return Value.Scalar(KqlScalarType.Bool);
        }
    }

    private static KqlScalarType Arithmetic(string op, KqlScalarType l, KqlScalarType r)
    {
        if (KqlScalarTypes.IsNumeric(l) && KqlScalarTypes.IsNumeric(r))
        {
            var w = KqlScalarTypes.Widest(l, r);
            return w == KqlScalarType.Int ? KqlScalarType.Long : w;
        }

        switch (op)
        {
            case "+":
                if ((l == KqlScalarType.DateTime && r == KqlScalarType.TimeSpan) || (l == KqlScalarType.TimeSpan && r == KqlScalarType.DateTime))
                {
                    return KqlScalarType.DateTime;
                }

                if (l == KqlScalarType.TimeSpan && r == KqlScalarType.TimeSpan)
                {
                    return KqlScalarType.TimeSpan;
                }

                break;
            case "-":
                if (l == KqlScalarType.DateTime && r == KqlScalarType.DateTime)
                {
                    return KqlScalarType.TimeSpan;
                }

                if (l == KqlScalarType.DateTime && r == KqlScalarType.TimeSpan)
                {
                    return KqlScalarType.DateTime;
                }

                if (l == KqlScalarType.TimeSpan && r == KqlScalarType.TimeSpan)
                {
                    return KqlScalarType.TimeSpan;
                }

                break;
            case "*":
                if ((l == KqlScalarType.TimeSpan && KqlScalarTypes.IsNumeric(r)) || (r == KqlScalarType.TimeSpan && KqlScalarTypes.IsNumeric(l)))
                {
                    return KqlScalarType.TimeSpan;
                }

                break;
            case "/":
                if (l == KqlScalarType.TimeSpan && KqlScalarTypes.IsNumeric(r))
                {
                    return KqlScalarType.TimeSpan;
                }

                if (l == KqlScalarType.TimeSpan && r == KqlScalarType.TimeSpan)
                {
                    return KqlScalarType.Real;
                }

                break;
        }

        return KqlScalarType.Unknown;
    }

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

    // ------------------------------------------------------------------ tabular

    private Value BindPipe(PipeExpr pipe, Context ctx)
    {
        var input = pipe.Input is PipeExpr inner ? BindPipe(inner, ctx) : BindTabularOrScalar(Unparen(pipe.Input), ctx.WithRow(null));
        var shape = input.Shape ?? RowShape.Open;
        return Value.Table(BindOperator(pipe.Operator, shape, ctx.WithRow(null)));
    }

    private RowShape BindTable(Expr e, Context ctx)
    {
        var v = BindTabularOrScalar(Unparen(e), ctx.WithRow(null));
        return v.Shape ?? RowShape.Open;
    }

    private RowShape BindOperator(OperatorNode op, RowShape? input, Context outer)
    {
        var s = input ?? new RowShape(Array.Empty<KqlColumn>(), isOpen: false);
        var ctx = outer.WithRow(s);
        switch (op.Kind)
        {
            case OperatorKind.Where:
                foreach (var item in op.Items)
                {
                    BindExpr(item, ctx);
                }

                return s;
            case OperatorKind.Sort:
            case OperatorKind.Top:
                if (op.Operand != null)
                {
                    BindExpr(op.Operand, outer.WithRow(null));
                }

                foreach (var item in op.By)
                {
                    BindExpr(item, ctx);
                }

                return s;
            case OperatorKind.Take:
            case OperatorKind.Sample:
            case OperatorKind.Render:
            case OperatorKind.As:
                return s;
            case OperatorKind.Count:
                return new RowShape(new[] { new KqlColumn(op.Name?.Name ?? "Count", KqlScalarType.Long) }, isOpen: false);
            case OperatorKind.GetSchema:
                return new RowShape(new[]
                {
                    new KqlColumn("ColumnName", KqlScalarType.String), new KqlColumn("ColumnOrdinal", KqlScalarType.Int),
                    new KqlColumn("DataType", KqlScalarType.String), new KqlColumn("ColumnType", KqlScalarType.String),
                }, isOpen: false);
            case OperatorKind.Extend:
            case OperatorKind.Serialize:
                return BindExtend(op.Items, s, outer);
            case OperatorKind.Project:
            case OperatorKind.Print:
                return BindProject(op.Items, s, outer);
            case OperatorKind.Distinct:
                if (op.Items.Count == 1 && op.Items[0] is StarExpr)
                {
                    return s;
                }

                return BindProject(op.Items, s, outer);
            case OperatorKind.ProjectAway:
            case OperatorKind.ProjectKeep:
            case OperatorKind.ProjectReorder:
                return BindProjectAwayKeep(op, s);
            case OperatorKind.ProjectRename:
                return BindProjectRename(op, s);
            case OperatorKind.Summarize:
                return BindSummarize(op.Items, op.By, s, outer, axis: null);
            case OperatorKind.MakeSeries:
                return BindSummarize(op.Items, op.By, s, outer, axis: op.On.Count == 1 ? op.On[0] : null);
            case OperatorKind.Join:
            case OperatorKind.Lookup:
                return BindJoin(op, s, outer);
            case OperatorKind.Union:
                return BindUnion(op, input, outer);
            case OperatorKind.MvExpand:
                return BindMvExpand(op, s, outer);
            case OperatorKind.Parse:
            case OperatorKind.ParseWhere:
            {
                if (op.Operand != null)
                {
                    BindExpr(op.Operand, ctx);
                }

                var b = new RowShapeBuilder(s);
                foreach (var c in op.Columns ?? new List<ColumnDecl>())
                {
                    b.Set(c.Name.Name, c.TypeName == null ? KqlScalarType.String : KqlScalarTypes.Parse(c.TypeName));
                }

                return b.ToShape();
            }

            case OperatorKind.Invoke:
                return BindInvoke(op, s, outer);
            case OperatorKind.Evaluate:
                // evaluate plugin(...) : (Col:type, ...) declares its output.
                return op.Columns != null ? ShapeOf(op.Columns, open: false) : RowShape.Open;
            case OperatorKind.Datatable:
                return op.Columns != null ? ShapeOf(op.Columns, open: false) : RowShape.Open;
            case OperatorKind.Range:
            {
                var from = op.Operand != null ? BindExpr(op.Operand, outer.WithRow(null)).Type : KqlScalarType.Unknown;
                foreach (var item in op.Items)
                {
                    BindExpr(item, outer.WithRow(null));
                }

                var type = from == KqlScalarType.Int ? KqlScalarType.Long : from;
                return new RowShape(new[] { new KqlColumn(op.Name?.Name ?? "", type) }, isOpen: false);
            }

            case OperatorKind.SampleDistinct:
                if (op.Items.Count == 1 && op.Items[0] is NameExpr sampled)
                {
                    var t = BindExpr(sampled, ctx).Type;
                    return new RowShape(new[] { new KqlColumn(sampled.Name, t) }, isOpen: false);
                }

                return RowShape.Open;
            default:
                // evaluate, search, unmodelled and unknown operators: stop judging downstream.
                return RowShape.Open;
        }
    }

    /// <summary>The default column name of an unnamed expression, or null when the binder cannot tell.</summary>
    private static string? InferName(Expr e)
    {
        switch (e)
        {
            case NameExpr n:
                return n.Name.StartsWith("$", StringComparison.Ordinal) ? null : n.Name;
            case ParenExpr p:
                return InferName(p.Inner);
            case DotExpr dot:
            {
                if (dot.Left is NameExpr side && (side.Name == "$left" || side.Name == "$right"))
                {
                    return dot.Member.Name;
                }

                var left = InferName(dot.Left);
                return left == null ? null : left + "_" + dot.Member.Name;
            }

            case IndexExpr index:
            {
                var left = InferName(index.Left);
                if (left != null && index.Index is LiteralExpr { Type: KqlScalarType.String } key && key.StringValue != null && IsPlainName(key.StringValue))
                {
                    return left + "_" + key.StringValue;
                }

                return null;
            }

            case CallExpr call when call.Args.Count > 0 && FunctionCatalog.TryGet(call.Name.Name, out var f) && f.NamedAfterFirstArgument:
                return call.Args[0] is NameExpr first ? InferName(first) : null;
            default:
                return null;
        }
    }

    private static bool IsPlainName(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private RowShape BindExtend(List<Expr> items, RowShape s, Context outer)
    {
        var b = new RowShapeBuilder(s);
        var current = s;
        var changed = false;
        foreach (var item in items)
        {
            if (changed)
            {
                current = b.ToShape();
            }

            changed = true;
            var ctx = outer.WithRow(current);
            if (item is AssignExpr assign)
            {
                var v = BindExpr(assign.Value, ctx);
                if (assign.Names.Count == 1)
                {
                    b.Set(assign.Names[0].Name, v.Type);
                }
                else
                {
                    foreach (var n in assign.Names)
                    {
                        b.Set(n.Name, KqlScalarType.Unknown);
                    }
                }

                continue;
            }

            var value = BindExpr(item, ctx);
            var name = InferName(item);
            if (name == null)
            {
                b.IsOpen = true;
            }
            else
            {
                b.Set(name, value.Type);
            }
        }

        return b.ToShape();
    }

    private RowShape BindProject(List<Expr> items, RowShape s, Context outer)
    {
        var b = new RowShapeBuilder(false);
        var ctx = outer.WithRow(s);
        foreach (var item in items)
        {
            if (item is AssignExpr assign)
            {
                var v = BindExpr(assign.Value, ctx);
                if (assign.Names.Count == 1)
                {
                    b.Set(assign.Names[0].Name, v.Type);
                }
                else
                {
                    foreach (var n in assign.Names)
                    {
                        b.Set(n.Name, KqlScalarType.Unknown);
                    }
                }

                continue;
            }

            if (item is StarExpr)
            {
                foreach (var c in s.Columns)
                {
                    b.Set(c.Name, c.Type);
                }

                b.IsOpen |= s.IsOpen;
                continue;
            }

            var value = BindExpr(item, ctx);
            var name = InferName(item);
            if (name == null)
            {
                b.IsOpen = true;
            }
            else
            {
                b.Set(name, value.Type);
            }
        }

        return b.ToShape();
    }

    private static bool WildcardMatch(string pattern, string name)
    {
        // '*' matches any run of characters.
        var parts = pattern.Split('*');
        var pos = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                continue;
            }

            if (i == 0)
            {
                if (!name.StartsWith(part, StringComparison.Ordinal))
                {
                    return false;
                }

                pos = part.Length;
                continue;
            }

            var found = name.IndexOf(part, pos, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            pos = found + part.Length;
        }

        var last = parts[parts.Length - 1];
        return last.Length == 0 || name.EndsWith(last, StringComparison.Ordinal) && name.Length >= pos;
    }

    private RowShape BindProjectAwayKeep(OperatorNode op, RowShape s)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var away = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in op.Items)
        {
            if (item is NameExpr n)
            {
                if (s.Find(n.Name) == null)
                {
                    if (!s.IsOpen)
                    {
                        ReportUnknownColumn(n, s, null);
                    }

                    continue;
                }

                (op.Kind == OperatorKind.ProjectAway ? away : keep).Add(n.Name);
            }
            else if (item is PatternExpr p)
            {
                foreach (var c in s.Columns)
                {
                    if (WildcardMatch(p.Pattern, c.Name))
                    {
                        (op.Kind == OperatorKind.ProjectAway ? away : keep).Add(c.Name);
                    }
                }
            }
        }

        if (op.Kind == OperatorKind.ProjectReorder)
        {
            return s;
        }

        var b = new RowShapeBuilder(s.IsOpen) { Origin = s.Origin };
        foreach (var c in s.Columns)
        {
            var include = op.Kind == OperatorKind.ProjectAway ? !away.Contains(c.Name) : keep.Contains(c.Name);
            if (include)
            {
                b.Columns.Add(c);
            }
        }

        return b.ToShape();
    }

    private RowShape BindProjectRename(OperatorNode op, RowShape s)
    {
        var b = new RowShapeBuilder(s);
        foreach (var item in op.Items)
        {
            if (item is AssignExpr { Value: NameExpr old } assign && assign.Names.Count == 1)
            {
                var column = s.Find(old.Name);
                if (column == null)
                {
                    if (!s.IsOpen)
                    {
                        ReportUnknownColumn(old, s, null);
                    }

                    b.Set(assign.Names[0].Name, KqlScalarType.Unknown);
                    continue;
                }

                var i = b.IndexOf(old.Name);
                if (i >= 0)
                {
                    b.Columns[i] = new KqlColumn(assign.Names[0].Name, column.Type);
                }
            }
            else
            {
                b.IsOpen = true;
            }
        }

        return b.ToShape();
    }

    private RowShape BindSummarize(List<Expr> aggregates, List<Expr> by, RowShape s, Context outer, Expr? axis)
    {
        var ctx = outer.WithRow(s);
        var b = new RowShapeBuilder(false);
        var isSeries = axis != null;
        foreach (var item in by)
        {
            if (item is AssignExpr assign)
            {
                var v = BindExpr(assign.Value, ctx);
                foreach (var n in assign.Names)
                {
                    b.AddIfMissing(n.Name, assign.Names.Count == 1 ? v.Type : KqlScalarType.Unknown);
                }

                continue;
            }

            var value = BindExpr(item, ctx);
            var name = InferName(item);
            if (name == null)
            {
                b.IsOpen = true;
            }
            else
            {
                b.AddIfMissing(name, value.Type);
            }
        }

        foreach (var item in aggregates)
        {
            if (item is AssignExpr assign)
            {
                var v = BindExpr(assign.Value, ctx);
                if (assign.Names.Count == 1 && assign.Value is CallExpr { Name.Name: "arg_max" or "arg_min" } argCall && FunctionCatalog.TryGet(argCall.Name.Name, out var argFunction))
                {
                    if (!AddAggregateColumns(argCall, argFunction, v.Type, s, b, isSeries, assign.Names[0].Name))
                    {
                        b.IsOpen = true;
                    }
                }
                else if (assign.Names.Count == 1)
                {
                    b.AddUnique(assign.Names[0].Name, isSeries ? KqlScalarType.Dynamic : v.Type);
                }
                else
                {
                    foreach (var n in assign.Names)
                    {
                        b.AddUnique(n.Name, KqlScalarType.Unknown);
                    }
                }

                continue;
            }

            var value = BindExpr(item, ctx);
            if (item is CallExpr call && FunctionCatalog.TryGet(call.Name.Name, out var f) && f.IsAggregate && call.Start == call.Name.Start && ctx.Scope.Lookup(call.Name.Name) == null)
            {
                if (AddAggregateColumns(call, f, value.Type, s, b, isSeries))
                {
                    continue;
                }
            }

            b.IsOpen = true;
        }

        if (axis != null)
        {
            BindExpr(axis, ctx);
            var axisName = InferName(axis);
            if (axisName == null)
            {
                b.IsOpen = true;
            }
            else
            {
                b.AddIfMissing(axisName, KqlScalarType.Dynamic);
            }
        }

        return b.ToShape();
    }

    /// <summary>Adds the default-named output of an unnamed aggregate; false when its naming is not modelled.</summary>
    private static bool AddAggregateColumns(CallExpr call, KqlFunction f, KqlScalarType type, RowShape s, RowShapeBuilder b, bool isSeries, string? firstName = null)
    {
        var name = call.Name.Name;
        if (!isSeries && (name == "arg_max" || name == "arg_min") && call.Args.Count >= 1)
        {
            var first = firstName ?? (call.Args[0] is NameExpr ? InferName(call.Args[0]) : null);
            if (first == null)
            {
                return false;
            }

            var firstType = call.Args[0] is NameExpr n0 ? s.Find(n0.Name)?.Type ?? KqlScalarType.Unknown : KqlScalarType.Unknown;
            b.AddUnique(first, firstType);
            for (var i = 1; i < call.Args.Count; i++)
            {
                var arg = call.Args[i];
                if (arg is StarExpr)
                {
                    foreach (var c in s.Columns)
                    {
                        if (b.IndexOf(c.Name) >= 0)
                        {
                            // KQL may add it again as Name1: not modelled, stop judging names.
                            b.IsOpen = true;
                            continue;
                        }

                        b.Columns.Add(c);
                    }

                    b.IsOpen |= s.IsOpen;
                    continue;
                }

                if (arg is AssignExpr assign && assign.Names.Count == 1)
                {
                    b.AddUnique(assign.Names[0].Name, KqlScalarType.Unknown);
                    continue;
                }

                var argName = arg is NameExpr ? InferName(arg) : null;
                if (argName == null)
                {
                    return false;
                }

                b.AddUnique(argName, s.Find(argName)?.Type ?? KqlScalarType.Unknown);
            }

            return true;
        }

        if (firstName != null)
        {
            b.AddUnique(firstName, isSeries ? KqlScalarType.Dynamic : type);
            return true;
        }

        if (f.AggregatePrefix == null)
        {
            return false;
        }

        string column;
        if (f.AggregateNameIgnoresArgument)
        {
            column = f.AggregatePrefix;
        }
        else
        {
            var argName = call.Args.Count > 0 && call.Args[0] is NameExpr ? InferName(call.Args[0]) : null;
            if (argName == null)
            {
                return false;
            }

            column = f.AggregatePrefix + argName;
        }

        b.AddUnique(column, isSeries ? KqlScalarType.Dynamic : type);
        return true;
    }

    private RowShape BindJoin(OperatorNode op, RowShape left, Context outer)
    {
        var right = op.Operand != null ? BindTable(op.Operand, outer) : RowShape.Open;
        var ctx = new Context(outer.Scope, null) { Left = left, Right = right };
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var on in op.On)
        {
            if (on is NameExpr key)
            {
                keys.Add(key.Name);
                if (left.Find(key.Name) == null && !left.IsOpen)
                {
                    ReportUnknownColumn(key, left, null);
                }
                else if (right.Find(key.Name) == null && !right.IsOpen)
                {
                    ReportUnknownColumn(key, right, null);
                }

                continue;
            }

            if (on is BinaryExpr { Op: "==", Left: DotExpr l, Right: DotExpr r })
            {
                if (l.Left is NameExpr { Name: "$left" } && r.Left is NameExpr { Name: "$right" } && l.Member.Name == r.Member.Name)
                {
                    keys.Add(l.Member.Name);
                }
            }

            BindExpr(on, ctx);
        }

        var kindExpr = op.GetParameter("kind") as NameExpr;
        var kind = kindExpr?.Name ?? (op.Kind == OperatorKind.Lookup ? "leftouter" : "innerunique");
        switch (kind)
        {
            case "leftsemi":
            case "leftanti":
            case "leftantisemi":
            case "anti":
                return left;
            case "rightsemi":
            case "rightanti":
            case "rightantisemi":
                return right;
            case "inner":
            case "innerunique":
            case "leftouter":
            case "rightouter":
            case "fullouter":
            case "outer":
            {
                var b = new RowShapeBuilder(left) { Origin = null };
                foreach (var c in right.Columns)
                {
                    if (op.Kind == OperatorKind.Lookup && keys.Contains(c.Name))
                    {
                        continue;
                    }

                    b.AddUnique(c.Name, c.Type);
                }

                b.IsOpen = left.IsOpen || right.IsOpen;
                return b.ToShape();
            }

            default:
                return RowShape.Open;
        }
    }

    private RowShape BindUnion(OperatorNode op, RowShape? input, Context outer)
    {
        var shapes = new List<RowShape>();
        if (input != null)
        {
            shapes.Add(input);
        }

        var open = false;
        var fuzzy = op.GetParameter("isfuzzy") is NameExpr { Name: "true" };
        foreach (var item in op.Items)
        {
            if (fuzzy && Unparen(item) is NameExpr missing && ResolvesAsTable(missing.Name, outer.Scope) == false)
            {
                // union isfuzzy=true skips tables that do not exist.
                open = true;
                continue;
            }

            if (item is PatternExpr pattern)
            {
                var any = false;
                foreach (var t in _schema.Tables)
                {
                    if (WildcardMatch(pattern.Pattern, t.Name))
                    {
                        shapes.Add(t.Shape);
                        any = true;
                    }
                }

                open |= !any;
                continue;
            }

            shapes.Add(BindTable(item, outer));
        }

        var inner = op.GetParameter("kind") is NameExpr { Name: "inner" };
        var b = new RowShapeBuilder(false);
        var withSource = op.GetParameter("withsource") as NameExpr;
        if (withSource != null)
        {
            b.Set(withSource.Name, KqlScalarType.String);
        }

        var conflicts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < shapes.Count; i++)
        {
            var shape = shapes[i];
            open |= shape.IsOpen;
            foreach (var c in shape.Columns)
            {
                if (inner)
                {
                    var everywhere = true;
                    foreach (var other in shapes)
                    {
                        everywhere &= other.Find(c.Name) != null || other.IsOpen;
                    }

                    if (!everywhere)
                    {
                        continue;
                    }
                }

                var existing = b.IndexOf(c.Name);
                if (existing < 0)
                {
                    b.Columns.Add(c);
                }
                else if (b.Columns[existing].Type != c.Type)
                {
                    conflicts.Add(c.Name);
                }
            }
        }

        if (conflicts.Count > 0)
        {
            // Same name, different types: KQL renames them (Name_string, Name_long...). Stop judging.
            open = true;
            foreach (var name in conflicts)
            {
                b.Set(name, KqlScalarType.Unknown);
            }
        }

        b.IsOpen = open;
        return b.ToShape();
    }

    private bool ResolvesAsTable(string name, Scope scope) =>
        scope.Lookup(name) != null || _schema.TryGetTable(name, out _) || _asNames.Contains(name);

    private RowShape BindMvExpand(OperatorNode op, RowShape s, Context outer)
    {
        var b = new RowShapeBuilder(s);
        var ctx = outer.WithRow(s);
        foreach (var raw in op.Items)
        {
            var item = raw;
            var type = KqlScalarType.Dynamic;
            if (item is ToTypeExpr toType)
            {
                item = toType.Inner;
                type = KqlScalarTypes.Parse(toType.TypeName);
            }

            BindExpr(item, ctx);
            string? name;
            if (item is AssignExpr assign)
            {
                name = assign.Names.Count == 1 ? assign.Names[0].Name : null;
            }
            else
            {
                name = InferName(item);
            }

            if (name == null)
            {
                b.IsOpen = true;
            }
            else
            {
                b.Set(name, type);
            }
        }

        if (op.GetParameter("with_itemindex") is NameExpr index)
        {
            b.Set(index.Name, KqlScalarType.Long);
        }

        return b.ToShape();
    }

    private RowShape BindInvoke(OperatorNode op, RowShape s, Context outer)
    {
        if (op.Operand is not CallExpr call)
        {
            return RowShape.Open;
        }

        var ctx = outer.WithRow(s);
        if (call.Name.Name == "FileProfile" && outer.Scope.Lookup("FileProfile") == null)
        {
            BindArguments(call, ctx);
            var b = new RowShapeBuilder(s);
            foreach (var c in FileProfileColumns)
            {
                b.AddIfMissing(c.Name, c.Type);
            }

            return b.ToShape();
        }

        var symbol = outer.Scope.Lookup(call.Name.Name);
        if (symbol != null && symbol.Kind == SymbolKind.Function)
        {
            BindArguments(call, ctx);
            return symbol.Shape ?? RowShape.Open;
        }

        return RowShape.Open;
    }
}
