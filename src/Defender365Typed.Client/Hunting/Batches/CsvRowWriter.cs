using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Defender365Typed.Client;

/// <summary>
/// <see cref="HuntingRowFormat.Csv"/>: a header named by the first row's columns (a hunting result has the same columns
/// in every row), then one record per row. A field holding a comma, a quote or a line break is quoted with its quotes
/// doubled (RFC 4180); records end with a line feed; a null cell is empty.
/// </summary>
internal sealed class CsvRowWriter(TextWriter output, bool continuation) : HuntingRowWriter
{
    private static readonly char[] Special = [',', '"', '\r', '\n'];
    private string[]? _columns;

    public override void Write(HuntingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_columns is null)
        {
            _columns = [.. row.Element.EnumerateObject().Select(p => p.Name)];
            if (!continuation)
            {
                WriteRecord(_columns);
            }
        }

        WriteRecord(_columns.Select(c => CellText(row, c)));
    }

    private void WriteRecord(IEnumerable<string?> fields)
    {
        bool first = true;
        foreach (string? field in fields)
        {
            if (!first)
            {
                output.Write(',');
            }

            first = false;
            if (field is null || field.IndexOfAny(Special) < 0)
            {
                output.Write(field);
                continue;
            }

            output.Write('"');
            output.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
            output.Write('"');
        }

        output.Write('\n');
    }
}
