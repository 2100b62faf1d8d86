using System.IO;
using Defender365Typed.Client;

namespace Defender365Typed.Cli.Output;

/// <summary><c>hunt -o ndjson</c>: the client's NDJSON row writer (one row object a line) on standard output, as rows are read.</summary>
internal sealed class NdjsonRowOutput(TextWriter output) : RowOutput
{
    private readonly HuntingRowWriter _writer = HuntingRowWriter.Create(output, HuntingRowFormat.Ndjson);

    public override bool Streams => true;

    protected override void Write(HuntingRow row, bool first) => _writer.Write(row);

    public override void Complete(long rows) => output.Flush();
}
