using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: join, lookup and union.
public sealed partial class Binder
{
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
}
