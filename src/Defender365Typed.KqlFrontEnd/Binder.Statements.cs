using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: statement lists and let statements.
public sealed partial class Binder
{
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
}
