using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>check</c> and <c>schema</c>: offline, no emulator.</summary>
public sealed class CheckAndSchemaTests : System.IDisposable
{
    private const string Good = "DeviceProcessEvents\n| where Timestamp > ago(1d)\n| project Timestamp, DeviceName, FileName\n| take 10\n";
    private const string UnknownColumn = "DeviceProcessEvents\n| where Timestamp > ago(1d)\n| where FileNam == \"x\"\n| project Timestamp, DeviceName\n";
    private const string Malformed = "DeviceProcessEvents\n| where (FileName == \"a\"\n| take 5\n";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_valid_file_passes_with_exit_0()
    {
        _cli.Write("good.kql", Good);
        CliResult r = await _cli.RunAsync("check", "good.kql");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("1 file checked: no errors.\n", r.Out);
    }

    [Fact]
    public async Task An_unknown_column_is_reported_with_id_position_message_and_caret()
    {
        _cli.Write("bad.kql", UnknownColumn);
        CliResult r = await _cli.RunAsync("check", "bad.kql");
        Assert.True(r.ExitCode == 1, r.ToString());
        string[] lines = r.Out.Split('\n');
        Assert.Equal("bad.kql:3:9: error DTQ102: 'FileNam' is not a column of DeviceProcessEvents; did you mean 'FileName'?", lines[0]);
        Assert.Equal("    | where FileNam == \"x\"", lines[1]);
        Assert.Equal("            ^^^^^^^", lines[2]);
        Assert.Equal("1 file checked: 1 error in 1 file.", lines[3]);
    }

    [Fact]
    public async Task Json_output_has_file_and_exact_positions()
    {
        _cli.Write("q/bad.kql", UnknownColumn);
        _cli.Write("q/good.kql", Good);
        CliResult r = await _cli.RunAsync("check", "q", "--output", "json");
        Assert.True(r.ExitCode == 1, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        JsonElement[] files = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, files.Length);
        Assert.Equal(System.IO.Path.Join("q", "bad.kql"), files[0].GetProperty("file").GetString());
        Assert.Equal(0, files[1].GetProperty("diagnostics").GetArrayLength());
        JsonElement d = Assert.Single(files[0].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("DTQ102", d.GetProperty("id").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Contains("'FileNam'", d.GetProperty("message").GetString());
        Assert.Equal(3, d.GetProperty("line").GetInt32());
        Assert.Equal(9, d.GetProperty("column").GetInt32());
        Assert.Equal(UnknownColumn.IndexOf("FileNam", System.StringComparison.Ordinal), d.GetProperty("start").GetInt32());
        Assert.Equal(7, d.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task A_malformed_file_is_a_syntax_error_with_exit_1()
    {
        _cli.Write("broken.kql", Malformed);
        CliResult r = await _cli.RunAsync("check", "broken.kql");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Matches(@"^broken\.kql:\d+:\d+: error DTQ100: ", r.Out);
        Assert.Contains("^", r.Out);
    }

    [Fact]
    public async Task Tables_from_a_schema_file_are_known()
    {
        _cli.Write("custom.kql", "MyDeviceSignals\n| where Score > 0.8\n| project DeviceId");
        _cli.Write("tables.json", """{"tables": [{"name": "MyDeviceSignals", "columns": [{"name": "DeviceId", "type": "string"}, {"name": "Score", "type": "real"}]}]}""");
        CliResult without = await _cli.RunAsync("check", "custom.kql");
        Assert.True(without.ExitCode == 1, without.ToString());
        Assert.Contains("error DTQ101:", without.Out);
        CliResult with = await _cli.RunAsync("check", "custom.kql", "--schema", "tables.json");
        Assert.True(with.ExitCode == 0, with.ToString());
    }

    [Fact]
    public async Task Bad_usage_of_check_is_exit_2_with_a_message()
    {
        CliResult missing = await _cli.RunAsync("check", "nope.kql");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.kql does not exist", missing.Err);

        _cli.Write("good.kql", Good);
        _cli.Write("broken.json", "{ not json");
        CliResult schema = await _cli.RunAsync("check", "good.kql", "--schema", "broken.json");
        Assert.Equal(2, schema.ExitCode);
        Assert.Contains("is not valid JSON", schema.Err);

        CliResult noArgs = await _cli.RunAsync("check");
        Assert.Equal(2, noArgs.ExitCode);
        Assert.Contains("--help", noArgs.Err);

        CliResult format = await _cli.RunAsync("check", "good.kql", "--output", "xml");
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("'xml' is not valid", format.Err);
    }

    [Fact]
    public async Task A_schema_file_with_a_bad_column_type_is_exit_2_naming_the_table_and_column()
    {
        _cli.Write("good.kql", Good);
        _cli.Write("typo.json", """{"tables": [{"name": "MyTable", "columns": [{"name": "Score", "type": "float"}]}]}""");

        CliResult r = await _cli.RunAsync("check", "good.kql", "--schema", "typo.json");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("typo.json(1,71): table 'MyTable', column 'Score' has unknown type 'float'", r.Err);
    }

    [Fact]
    public async Task Schema_tables_lists_the_built_in_tables()
    {
        CliResult r = await _cli.RunAsync("schema", "tables");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("\nDeviceProcessEvents ", r.Out);
        Assert.EndsWith("66 tables.\n", r.Out);
    }

    [Fact]
    public async Task Schema_columns_lists_names_and_types()
    {
        CliResult r = await _cli.RunAsync("schema", "columns", "DeviceProcessEvents");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"\nProcessCommandLine +string +", r.Out);
        Assert.Matches(@"\nTimestamp +datetime +", r.Out);
    }

    [Fact]
    public async Task An_unknown_table_is_exit_2_with_did_you_mean()
    {
        CliResult r = await _cli.RunAsync("schema", "columns", "DeviceProcesEvents");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Unknown table 'DeviceProcesEvents'. Did you mean 'DeviceProcessEvents'?", r.Err);
        Assert.Equal(string.Empty, r.Out);

        CliResult casing = await _cli.RunAsync("schema", "columns", "deviceprocessevents");
        Assert.Contains("Did you mean 'DeviceProcessEvents'?", casing.Err);
    }

    [Fact]
    public async Task Help_is_everywhere_and_lists_the_exit_codes()
    {
        foreach (string[] args in new[] { new[] { "--help" }, new[] { "auth", "login", "--help" }, new[] { "incidents", "update", "-h" }, new[] { "hunt", "--help" }, new[] { "check", "--help" }, new[] { "demo", "--help" } })
        {
            CliResult r = await _cli.RunAsync(args);
            Assert.True(r.ExitCode == 0, string.Join(' ', args) + "\n" + r);
            Assert.Contains("Usage:", r.Out);
            Assert.Contains("4  Defender API error", r.Out);
        }
    }
}
