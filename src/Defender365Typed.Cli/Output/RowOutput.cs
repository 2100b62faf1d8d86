using System;
using System.Collections.Generic;
using System.Linq;
using Defender365Typed.Client;
using Spectre.Console;

namespace Defender365Typed.Cli.Output;

/// <summary>Where <c>hunt</c> sends its rows, one at a time, in the <c>--output</c> format.</summary>
internal abstract class RowOutput : IDisposable
{
    private string[]? _columns;

    /// <summary>The row formats of <c>--output</c>.</summary>
    public static readonly string[] Formats = ["table", "json", "ndjson", "csv"];

    /// <summary>Whether rows reach the output as they are read (json, csv): then nothing else may draw on the terminal.</summary>
    public abstract bool Streams { get; }

    /// <summary>The columns, named by the first row (a hunting result has the same columns in every row).</summary>
    protected IReadOnlyList<string> Columns => _columns ?? [];

    public static RowOutput Create(CliRun run, string format) => format switch
    {
        "json" => new JsonRowOutput(run.Out),
        "ndjson" => new NdjsonRowOutput(run.Out),
        "csv" => new CsvRowOutput(run.Out),
        "table" => new TableRowOutput(run),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an output format; use " + string.Join(", ", Formats) + "."),
    };

    public void Write(HuntingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        bool first = _columns is null;
        _columns ??= [.. row.Element.EnumerateObject().Select(p => p.Name)];
        Write(row, first);
    }

    /// <summary>Ends the output after <paramref name="rows"/> rows.</summary>
    public abstract void Complete(long rows);

    public virtual void Dispose()
    {
    }

    protected abstract void Write(HuntingRow row, bool first);

    /// <summary>A cell as text (<see cref="HuntingRowWriter.CellText"/>: the CSV writer's cells too).</summary>
    protected static string? Cell(HuntingRow row, string column) => HuntingRowWriter.CellText(row, column);

    /// <summary>The whole result as a table: it needs every row for the column widths, so rows are kept as cell text.</summary>
    private sealed class TableRowOutput(CliRun run) : RowOutput
    {
        private readonly List<string?[]> _rows = [];

        public override bool Streams => false;

        protected override void Write(HuntingRow row, bool first) => _rows.Add([.. Columns.Select(c => Cell(row, c))]);

        public override void Complete(long rows)
        {
            if (_rows.Count == 0)
            {
                run.OutConsole.WriteLine("No rows.");
                return;
            }

            ResultTable.Write(run.OutConsole, Columns, _rows);
            run.OutConsole.WriteLine(_rows.Count == 1 ? "1 row." : $"{_rows.Count} rows.");
        }
    }
}
