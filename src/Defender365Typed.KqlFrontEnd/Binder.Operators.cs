using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: pipes and the dispatch over tabular operators, plus mv-expand and invoke.
public sealed partial class Binder
{
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
                BindChecked(op, ctx);
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
            case OperatorKind.Unmodelled:
                // graph-match expressions name pattern variables, not input columns: only their calls are judged.
                BindChecked(op, op.Keyword == "graph-match" ? outer.WithRow(RowShape.Open) : ctx);
                return RowShape.Open;
            case OperatorKind.Search:
            {
                // search in (T1, T2...) predicate; T | search predicate; search predicate (over every table: not judged).
                var searched = op.Items.Count > 0 ? SearchedColumns(op, outer) : input ?? RowShape.Open;
                BindChecked(op, outer.WithRow(searched));
                return RowShape.Open;
            }

            default:
                // unknown operators: stop judging downstream.
                return RowShape.Open;
        }
    }

    /// <summary>
    /// The columns a <c>search in (T1, T2...)</c> predicate may name: those of any of the tables (of unknown type where
    /// they differ, as the predicate applies to each table on its own); open when a table is not known.
    /// </summary>
    private RowShape SearchedColumns(OperatorNode op, Context outer)
    {
        var b = new RowShapeBuilder(false);
        foreach (var item in op.Items)
        {
            var shape = item is PatternExpr ? RowShape.Open : BindTable(item, outer);
            b.IsOpen |= shape.IsOpen;
            foreach (var c in shape.Columns)
            {
                var i = b.IndexOf(c.Name);
                if (i < 0)
                {
                    b.Columns.Add(c);
                }
                else if (b.Columns[i].Type != c.Type)
                {
                    b.Columns[i] = new KqlColumn(c.Name, KqlScalarType.Unknown);
                }
            }
        }

        return b.ToShape();
    }

    /// <summary>Binds the expressions of clauses that do not shape the output, for their diagnostics only.</summary>
    private void BindChecked(OperatorNode op, Context ctx)
    {
        foreach (var e in op.Checked)
        {
            BindExpr(e, ctx);
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
