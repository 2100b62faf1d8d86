using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: summarize and make-series aggregates.
public sealed partial class Binder
{
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
}
