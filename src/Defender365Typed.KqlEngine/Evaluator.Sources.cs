using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>Tabular sources written in the query: <c>datatable</c> and <c>range</c>.</summary>
internal sealed partial class Evaluator
{
    /// <summary><c>datatable (A: type, ...) [v1, v2, ...]</c>: the values fill the rows column by column.</summary>
    private KqlResultTable Datatable(OperatorNode op)
    {
        if (op.Columns is not { Count: > 0 } declared)
        {
            throw Error(op, "datatable needs its column declarations.");
        }

        var columns = declared.Select(c => KqlColumnTypes.TryParse(c.TypeName, out KqlScalarType t)
            ? new KqlResultColumn(c.Name.Name, t)
            : throw Error(c.Name, $"datatable: unknown type '{c.TypeName}' for the column '{c.Name.Name}'.")).ToList();
        if (op.Items.Count % columns.Count != 0)
        {
            throw Error(op, $"datatable has {op.Items.Count} values, not a multiple of its {columns.Count} columns.");
        }

        var rows = new List<object?[]>();
        for (int i = 0; i < op.Items.Count; i += columns.Count)
        {
            rows.Add(columns.Select((c, k) => Values.Coerce(ConstantValue(op.Items[i + k]), c.Type)).ToArray());
        }

        return Table(columns, rows);
    }

    /// <summary><c>range Name from Start to Stop step Step</c>: Start, Start + Step, ... up to and including Stop.</summary>
    private KqlResultTable Range(OperatorNode op)
    {
        if (op.Name is null || op.Operand is null || op.Items.Count != 2)
        {
            throw Error(op, "range needs: range Name from Start to Stop step Step.");
        }

        Scalar start = Compile(op.Operand, new Ctx(Scope.Empty));
        object? from = start.Eval([]), to = ConstantValue(op.Items[0]), step = ConstantValue(op.Items[1]);
        if (from is null || to is null || step is null || Values.Compare(Arithmetic("+", from, step) ?? from, from) is not > 0)
        {
            throw Error(op, "range needs non-null bounds and a positive step.");
        }

        var rows = new List<object?[]>();
        for (object? v = from; v is not null && Values.Compare(v, to) <= 0; v = Arithmetic("+", v, step))
        {
            rows.Add([v]);
            Budget.Tick(op);
            if (rows.Count > _options.MaxWorkingRows)
            {
                Budget.CountRows(rows.Count, op);
            }
        }

        return Table([new KqlResultColumn(op.Name.Name, start.Type)], rows);
    }
}
