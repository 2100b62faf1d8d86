using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Cli.Tests;

/// <summary><c>schema pull</c>, <c>schema diff</c>, <c>--emulator-schema</c> and <c>check --schema</c> on a pulled file.</summary>
public sealed class SchemaPullAndDiffTests : IDisposable
{
    /// <summary>A tenant's schema as <c>schema pull</c> writes it (sorted, canonical types, the pull's source).</summary>
    private const string Tenant = """
        {
          "source": "Microsoft Graph (beta) GET /security/getHuntingSchema",
          "tables": [
            { "name": "DeviceProcessEvents", "columns": [
                { "name": "Timestamp", "type": "datetime" }, { "name": "DeviceName", "type": "string" },
                { "name": "FileName", "type": "string" }, { "name": "TenantRegion", "type": "string" } ] },
            { "name": "MyCustom_CL", "description": "A custom table.", "columns": [
                { "name": "TimeGenerated", "type": "datetime" }, { "name": "Score", "type": "real" } ] }
          ],
          "functions": [
            { "name": "FileProfile", "kind": "builtIn", "description": "Enriches files.",
              "parameters": [ { "name": "SHA1", "type": "string" }, { "name": "MaxRows", "type": "long", "defaultValue": "1000" } ],
              "outputColumns": [ { "name": "GlobalPrevalence", "type": "long" } ] },
            { "name": "MyCustomQuery", "kind": "saved", "parameters": [], "outputColumns": [ { "name": "DeviceName", "type": "string" } ] }
          ]
        }
        """;

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_diff_model_reports_every_kind_of_change_in_order()
    {
        var changes = HuntingSchemaDiff.Compare(
            HuntingSchemaJson.Parse(SchemaDriftFiles.Old, "old.json"), HuntingSchemaJson.Parse(SchemaDriftFiles.New, "new.json"));

        Assert.Equal(SchemaDriftFiles.Changes, changes.Select(c => string.Join(' ',
            Word(c.Kind.ToString()), Word(c.Item.ToString()), c.Owner, c.Name ?? "-", c.OldType ?? "-", c.NewType ?? "-")));
        Assert.Empty(HuntingSchemaDiff.Compare(HuntingSchemaJson.Parse(SchemaDriftFiles.New, "a"), HuntingSchemaJson.Parse(SchemaDriftFiles.New, "b")));
    }

    [Fact]
    public async Task Diff_of_two_files_prints_every_change_as_a_table_and_exits_0()
    {
        _cli.Write("old.json", SchemaDriftFiles.Old);
        _cli.Write("new.json", SchemaDriftFiles.New);

        CliResult r = await _cli.RunAsync("schema", "diff", "old.json", "new.json");

        Assert.True(r.ExitCode == 0, r.ToString());
        string[] lines = r.Out.Split('\n');
        Assert.Matches(@"^Change\s+Item\s+Table/function\s+Name\s+Old type\s+New type$", lines[0]);
        Assert.Matches(@"^retyped\s+column\s+Kept\s+D\s+int\s+string$", lines.Single(l => l.Contains(" D ", StringComparison.Ordinal)));
        Assert.Matches(@"^added\s+outputColumn\s+Fn\s+O4\s+guid$", lines.Single(l => l.Contains("O4", StringComparison.Ordinal)));
        Assert.Contains("old.json -> new.json: 13 changes.", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_json_lists_the_changes_and_the_queries_that_break_with_exit_1()
    {
        _cli.Write("old.json", SchemaDriftFiles.Old);
        _cli.Write("new.json", SchemaDriftFiles.New);
        _cli.Write("q/uses.kql", "Kept\n| where D == 1\n| project A, C, E\n");
        _cli.Write("q/gone.kql", "Gone | take 1");
        _cli.Write("q/fine.kql", "Kept | project A, B, E");

        CliResult r = await _cli.RunAsync("schema", "diff", "old.json", "new.json", "--queries", "q", "-o", "json");

        Assert.True(r.ExitCode == 1, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        Assert.Equal("old.json", doc.RootElement.GetProperty("old").GetString());
        Assert.Equal(SchemaDriftFiles.Changes.Length, doc.RootElement.GetProperty("changes").GetArrayLength());
        JsonElement first = doc.RootElement.GetProperty("changes")[3];
        Assert.Equal(("retyped", "column", "Kept", "D", "int", "string"), (first.GetProperty("change").GetString(), first.GetProperty("item").GetString(),
            first.GetProperty("owner").GetString(), first.GetProperty("name").GetString(), first.GetProperty("oldType").GetString(), first.GetProperty("newType").GetString()));
        Assert.Equal(
            [
                $"{Path.Join("q", "gone.kql")} Gone - removed",
                $"{Path.Join("q", "uses.kql")} Kept C removed",
                $"{Path.Join("q", "uses.kql")} Kept D retyped",
            ],
            doc.RootElement.GetProperty("drift").EnumerateArray().Select(d => string.Join(' ', d.GetProperty("file").GetString(),
                d.GetProperty("table").GetString(), d.GetProperty("column").GetString() ?? "-", d.GetProperty("change").GetString())));
    }

    [Fact]
    public async Task Diff_names_file_table_and_column_of_a_broken_query_in_text()
    {
        _cli.Write("old.json", SchemaDriftFiles.Old);
        _cli.Write("new.json", SchemaDriftFiles.New);
        _cli.Write("q/uses.kql", "Kept | summarize max(D) by A");

        CliResult r = await _cli.RunAsync("schema", "diff", "old.json", "new.json", "--queries", "q");

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.EndsWith($"{Path.Join("q", "uses.kql")}: error: column Kept.D changed type from int to string.\n", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_untouched_by_the_drift_exit_0()
    {
        _cli.Write("old.json", SchemaDriftFiles.Old);
        _cli.Write("new.json", SchemaDriftFiles.New);
        _cli.Write("q/fine.kql", "Kept | where E | project A, B, F = 1");

        CliResult r = await _cli.RunAsync("schema", "diff", "old.json", "new.json", "--queries", "q");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("error", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_file_is_compared_with_the_built_in_schema()
    {
        _cli.Write("tenant.json", Tenant);

        CliResult r = await _cli.RunAsync("schema", "diff", "tenant.json", "-o", "json");

        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        Assert.Equal("built-in", doc.RootElement.GetProperty("old").GetString());
        string[] changes = doc.RootElement.GetProperty("changes").EnumerateArray()
            .Select(c => c.GetProperty("change").GetString() + " " + c.GetProperty("item").GetString() + " " + c.GetProperty("owner").GetString() + " " + c.GetProperty("name").GetString())
            .ToArray();
        Assert.Contains("added column DeviceProcessEvents TenantRegion", changes);
        Assert.Contains("removed column DeviceProcessEvents ProcessCommandLine", changes);
        Assert.Contains("added table MyCustom_CL ", changes);
        Assert.Contains("removed table DeviceNetworkEvents ", changes);
        Assert.Contains("added function FileProfile ", changes);
    }

    [Fact]
    public async Task A_bad_schema_file_is_exit_2_naming_it()
    {
        _cli.Write("old.json", SchemaDriftFiles.Old);
        _cli.Write("bad.json", """{ "tables": [ { "name": "T", "columns": [ { "name": "c", "type": "text" } ] } ] }""");

        CliResult bad = await _cli.RunAsync("schema", "diff", "old.json", "bad.json");
        CliResult missing = await _cli.RunAsync("schema", "diff", "old.json", "nope.json");

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("bad.json(1,66): table 'T', column 'c' has unknown type 'text'", bad.Err, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.json does not exist", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_from_an_emulator_serving_a_file_writes_the_same_file_back()
    {
        string tenant = _cli.Write("tenant.json", HuntingSchemaJson.ToJson(HuntingSchemaJson.Parse(Tenant, "tenant.json")));

        CliResult r = await _cli.RunAsync("schema", "pull", "--out", "pulled.json", "--emulator", "--emulator-schema", tenant);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Wrote 2 tables and 2 functions to pulled.json.", r.Err, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(tenant), File.ReadAllBytes(Path.Combine(_cli.Folder, "pulled.json")));
    }

    [Fact]
    public async Task Pull_without_out_prints_the_documented_schema_and_the_emulator_hunts_in_a_pulled_schemas_tables()
    {
        CliResult pulled = await _cli.RunAsync("schema", "pull", "--emulator");
        string tenant = _cli.Write("tenant.json", Tenant);
        CliResult custom = await _cli.RunAsync("hunt", "MyCustom_CL | project Score", "--emulator", "--emulator-schema", tenant, "-o", "json");
        CliResult hidden = await _cli.RunAsync("hunt", "DeviceNetworkEvents | take 1", "--emulator", "--emulator-schema", tenant);

        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(pulled.Out, "stdout", HuntingSchemaStrictness.Strict);
        Assert.Contains(schema.Tables, t => t.Name == "DeviceProcessEvents");
        Assert.True(custom.ExitCode == 0, custom.ToString());
        Assert.Equal("[]", custom.Out.Trim());
        Assert.Equal(4, hidden.ExitCode);
        Assert.Contains("DeviceNetworkEvents", hidden.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_in_another_cloud_is_exit_2_naming_the_reason()
    {
        CliResult r = await _cli.RunAsync("schema", "pull", "--cloud", "UsGovGccHigh", "--tenant", "contoso.onmicrosoft.us", "--client-id", "app", "--token-cache", "memory");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("global cloud only", r.Err, StringComparison.Ordinal);
        Assert.Contains("UsGovGccHigh", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_accepts_a_pulled_files_tables_and_columns()
    {
        _cli.Write("tenant.json", Tenant);
        _cli.Write("q/custom.kql", "MyCustom_CL | where Score > 0.5 | project TimeGenerated");
        _cli.Write("q/newer.kql", "DeviceProcessEvents | where TenantRegion == \"eu\" | project DeviceName");
        _cli.Write("bad.kql", "MyCustom_CL | where Scor > 0.5");

        CliResult good = await _cli.RunAsync("check", "q", "--schema", "tenant.json");
        CliResult bad = await _cli.RunAsync("check", "bad.kql", "--schema", "tenant.json");

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("'Scor' is not a column of MyCustom_CL; did you mean 'Score'?", bad.Out, StringComparison.Ordinal);
    }

    private static string Word(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
