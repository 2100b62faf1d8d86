using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: extend, project, project-away/keep and project-rename.
public sealed partial class Binder
{
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
                BindAssignment(assign, ctx, b);
                continue;
            }

            BindUnnamed(item, ctx, b);
        }

        return b.ToShape();
    }

    /// <summary><c>Name = value</c> (its type) or <c>(A, B) = value</c> (a tuple: types not judged) into the row.</summary>
    private void BindAssignment(AssignExpr assign, Context ctx, RowShapeBuilder b)
    {
        var v = BindExpr(assign.Value, ctx);
        foreach (var n in assign.Names)
        {
            b.Set(n.Name, assign.Names.Count == 1 ? v.Type : KqlScalarType.Unknown);
        }
    }

    /// <summary>An expression without <c>Name =</c>: the column KQL names after it, or an open row where it names none.</summary>
    private void BindUnnamed(Expr item, Context ctx, RowShapeBuilder b)
    {
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

    private RowShape BindProject(List<Expr> items, RowShape s, Context outer)
    {
        var b = new RowShapeBuilder(false);
        var ctx = outer.WithRow(s);
        foreach (var item in items)
        {
            if (item is AssignExpr assign)
            {
                BindAssignment(assign, ctx, b);
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

            BindUnnamed(item, ctx, b);
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
}
