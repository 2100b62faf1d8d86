using System.IO;
using Defender365Typed.Client;

namespace Defender365Typed.Cli.Output;

/// <summary>
/// <c>hunt -o csv</c>: the client's CSV row writer (<see cref="HuntingRowFormat.Csv"/>: a header, then one RFC 4180
/// record per row, ended by a line feed) on standard output, as rows are read.
/// </summary>
internal sealed class CsvRowOutput(TextWriter output) : RowOutput
{
    private readonly HuntingRowWriter _writer = HuntingRowWriter.Create(output, HuntingRowFormat.Csv);

    public override bool Streams => true;

    protected override void Write(HuntingRow row, bool first) => _writer.Write(row);

    public override void Complete(long rows) => output.Flush();
}
