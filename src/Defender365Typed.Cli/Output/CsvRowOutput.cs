using System.IO;
using Defender365Typed.Client;
using nietras.SeparatedValues;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// <c>hunt -o csv</c>: a header and one record per row, written by Sep as they are read. Fields holding a comma, a
/// quote or a line break are quoted (RFC 4180: quotes doubled); records end with a line feed; null cells are empty.
/// </summary>
internal sealed class CsvRowOutput(TextWriter output) : RowOutput
{
    private SepWriter? _writer;

    public override bool Streams => true;

    protected override void Write(HuntingRow row, bool first)
    {
        if (_writer is null)
        {
            _writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
            _writer.Header.Add(Columns);
            _writer.Header.Write();
        }

        using SepWriter.Row record = _writer.NewRow();
        for (int i = 0; i < Columns.Count; i++)
        {
            record[i].Set(Cell(row, Columns[i]));
        }
    }

    public override void Complete(long rows) => _writer?.Flush();

    public override void Dispose()
    {
        _writer?.Dispose();
        base.Dispose();
    }
}
