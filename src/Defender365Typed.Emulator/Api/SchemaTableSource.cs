using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.KqlEngine;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Emulator.Api;

/// <summary>
/// The hunting rows seen through a tenant's schema (<see cref="EmulatorOptions.HuntingSchema"/>): exactly the schema's
/// tables, each with the schema's columns. A table the rows lack is empty (custom tables); a column the rows lack, or
/// hold with another type, is empty in every row (<c>""</c> for strings, which KQL never makes null; null otherwise).
/// </summary>
internal sealed class SchemaTableSource : ITableSource
{
    private readonly ITableSource _rows;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<KqlResultColumn>> _schema;
    private readonly ConcurrentDictionary<string, KqlResultTable> _shaped = new(StringComparer.Ordinal);

    public SchemaTableSource(ITableSource rows, HuntingSchemaDocument schema)
    {
        _rows = rows;
        _schema = HuntingSchema.ToColumns(schema);
    }

    public IEnumerable<string> TableNames => _schema.Keys.Order(StringComparer.Ordinal);

    public bool TryGetTable(string name, out KqlResultTable table)
    {
        if (!_schema.TryGetValue(name, out IReadOnlyList<KqlResultColumn>? columns))
        {
            table = null!;
            return false;
        }

        table = _shaped.GetOrAdd(name, _ => Shape(name, columns));
        return true;
    }

    private KqlResultTable Shape(string name, IReadOnlyList<KqlResultColumn> columns)
    {
        if (!_rows.TryGetTable(name, out KqlResultTable rows))
        {
            return new KqlResultTable(name, columns, []);
        }

        if (rows.Columns.SequenceEqual(columns))
        {
            return rows;
        }

        // For each schema column, where its values come from in a source row (-1: nowhere, the column is empty).
        int[] from = columns.Select(c => rows.IndexOf(c.Name) is int i && i >= 0 && rows.Columns[i].Type == c.Type ? i : -1).ToArray();
        var shaped = new object?[rows.Rows.Count][];
        for (int r = 0; r < shaped.Length; r++)
        {
            object?[] source = rows.Rows[r];
            var row = new object?[columns.Count];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = from[c] >= 0 ? source[from[c]] : columns[c].Type == KqlScalarType.String ? string.Empty : null;
            }

            shaped[r] = row;
        }

        return new KqlResultTable(name, columns, shaped);
    }
}
