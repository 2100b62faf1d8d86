using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>The JSON writer, the table loaders and the synthetic dataset.</summary>
public sealed class OutputAndLoaderTests
{
    private static KqlResultTable AllTypes() => TestData.Run(
        "print s = 'a\"b', l = 42, i = int(7), r = 1.5, nan = real(nan), inf = real(+inf), ninf = real(-inf), m = decimal(3.50), b = true, " +
        "d = datetime(2024-05-17 13:02:45.1234567), t = 1d + 2h + 3.5s, g = guid(3f2504e0-4f89-11d3-9a0c-0305e82c3301), " +
        "dyn = dynamic({'k': [1, 'x', null, {'n': true}]}), nul = long(null)");

    [Fact]
    public void Graph_json_has_schema_and_results_with_service_encodings()
    {
        using JsonDocument doc = JsonDocument.Parse(KqlResultJson.ToGraphJson(AllTypes()));
        JsonElement root = doc.RootElement;
        Assert.Equal(KqlResultJson.GraphContext, root.GetProperty("@odata.context").GetString());
        Assert.Equal<string>(
            ["String", "Int64", "Int32", "Double", "Double", "Double", "Double", "Decimal", "Boolean", "DateTime", "TimeSpan", "Guid", "Object", "Int64"],
            root.GetProperty("schema").EnumerateArray().Select(c => c.GetProperty("type").GetString()!).ToArray());
        Assert.Equal("s", root.GetProperty("schema")[0].GetProperty("name").GetString());
        JsonElement row = root.GetProperty("results")[0];
        Assert.Equal("a\"b", row.GetProperty("s").GetString());
        Assert.Equal(42, row.GetProperty("l").GetInt64());
        Assert.Equal(7, row.GetProperty("i").GetInt32());
        Assert.Equal(1.5, row.GetProperty("r").GetDouble());
        Assert.Equal("NaN", row.GetProperty("nan").GetString());
        Assert.Equal("Infinity", row.GetProperty("inf").GetString());
        Assert.Equal("-Infinity", row.GetProperty("ninf").GetString());
        Assert.Equal("3.50", row.GetProperty("m").GetString());
        Assert.True(row.GetProperty("b").GetBoolean());
        Assert.Equal("2024-05-17T13:02:45.1234567Z", row.GetProperty("d").GetString());
        Assert.Equal("1.02:00:03.5000000", row.GetProperty("t").GetString());
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", row.GetProperty("g").GetString());
        Assert.Equal("""{"k":[1,"x",null,{"n":true}]}""", row.GetProperty("dyn").GetRawText());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("nul").ValueKind);
    }

    [Fact]
    public void Legacy_json_has_stats_schema_and_results()
    {
        using JsonDocument doc = JsonDocument.Parse(KqlResultJson.ToLegacyJson(AllTypes(), TimeSpan.FromMilliseconds(250)));
        JsonElement root = doc.RootElement;
        Assert.Equal(["Stats", "Schema", "Results"], root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(0.25, root.GetProperty("Stats").GetProperty("ExecutionTime").GetDouble());
        Assert.Equal("00:00:00.2500000", root.GetProperty("Stats").GetProperty("resource_usage").GetProperty("cpu").GetProperty("total cpu").GetString());
        Assert.Equal("DateTime", root.GetProperty("Schema")[9].GetProperty("Type").GetString());
        Assert.Equal("d", root.GetProperty("Schema")[9].GetProperty("Name").GetString());
        Assert.Equal(42, root.GetProperty("Results")[0].GetProperty("l").GetInt64());
    }

    private static readonly KqlResultColumn[] Columns =
    [
        new("Timestamp", KqlScalarType.DateTime), new("DeviceName", KqlScalarType.String), new("ProcessId", KqlScalarType.Long),
        new("Score", KqlScalarType.Real), new("Extra", KqlScalarType.Dynamic), new("Flag", KqlScalarType.Bool),
    ];

    [Fact]
    public void Json_tables_load_and_can_be_queried()
    {
        string json = """
            [
              {"Timestamp": "2025-06-02T10:00:00Z", "DeviceName": "pc1", "ProcessId": 10, "Score": "NaN", "Extra": {"a": [1, 2]}, "Flag": true},
              {"Timestamp": "2025-06-02T11:00:00.5Z", "DeviceName": "pc2", "ProcessId": "20", "Extra": "{\"a\": []}"}
            ]
            """;
        KqlResultTable t = JsonTableLoader.Parse(json, "MyEvents", Columns, "my.json");
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal(20L, t.Rows[1][2]);
        Assert.Null(t.Rows[1][3]);
        Assert.True(double.IsNaN((double)t.Rows[0][3]!));
        SyntheticDataset data = TestData.Dataset.With(t);
        KqlResultTable result = KqlEvaluator.Execute(
            "MyEvents | where array_length(parse_json(Extra)['a']) > 0 or isnull(Flag) | project DeviceName", data, TestData.Options);
        Assert.Equal(["pc1", "pc2"], result.Rows.Select(r => (string)r[0]!).ToArray());

        KqlResultTable wrapped = JsonTableLoader.Parse("""{"schema": [], "results": [{"DeviceName": "x"}]}""", "MyEvents", Columns);
        Assert.Single(wrapped.Rows);
    }

    [Theory]
    [InlineData("[\n{\"DeviceName\": \"a\"},\n{\"Timestmp\": \"x\"}\n]", 3, "Timestmp", "has no column 'Timestmp' (did you mean")]
    [InlineData("[\n{\"DeviceName\": \"a\",\n \"ProcessId\": \"twelve\"}\n]", 3, "ProcessId", "'twelve' is not a long")]
    [InlineData("[\n{\"Timestamp\": \"not a date\"}]", 2, "Timestamp", "is not a datetime")]
    [InlineData("[\n{\"Flag\": [true]}]", 2, "Flag", "a JSON array")]
    [InlineData("[\n{\"DeviceName\": \"a\",,}]", 2, null, "invalid JSON")]
    [InlineData("{\"rows_missing\": 1}", 1, null, "expected an array of rows")]
    public void Json_errors_name_file_line_and_column(string json, int line, string? column, string message)
    {
        var ex = Assert.Throws<TableLoadException>(() => JsonTableLoader.Parse(json, "MyEvents", Columns, "bad.json"));
        Assert.Equal("bad.json", ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.json, line {line}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_tables_load_with_quotes_and_line_breaks()
    {
        string csv = "DeviceName,Timestamp,ProcessId,Extra\r\n" +
            "pc1,2025-06-02T10:00:00Z,10,\"{\"\"a\"\": 1}\"\r\n" +
            "\"pc, two\",2025-06-02T11:00:00Z,,\"multi\nline\"\r\n";
        KqlResultTable t = CsvTableLoader.Parse(csv, "MyEvents", Columns, "my.csv");
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal("pc, two", t.Rows[1][1]);
        Assert.Null(t.Rows[1][2]);
        Assert.Equal("multi\nline", t.Rows[1][4]);
        Assert.IsType<DynamicBag>(t.Rows[0][4]);
    }

    [Theory]
    [InlineData("DeviceName,Nope\na,b\n", 1, "Nope", "has no column 'Nope'")]
    [InlineData("DeviceName,ProcessId\na,1\n\"b\nc\",x\n", 3, "ProcessId", "'x' is not a long")]
    [InlineData("DeviceName,ProcessId\na,1,2\n", 2, null, "has 3 cells but the header has 2")]
    [InlineData("DeviceName\n\"open\n", 2, null, "not closed")]
    public void Csv_errors_name_file_line_and_column(string csv, int line, string? column, string message)
    {
        var ex = Assert.Throws<TableLoadException>(() => CsvTableLoader.Parse(csv, "MyEvents", Columns, "bad.csv"));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loaders_read_files_for_documented_tables()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kqlengine-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "alerts.csv"), "Timestamp,AlertId,Title,Severity\n2025-06-02T10:00:00Z,a1,Test alert,High\n");
            KqlResultTable t = CsvTableLoader.Load(Path.Combine(dir, "alerts.csv"), "AlertInfo");
            Assert.Equal(HuntingSchema.Columns("AlertInfo").Count, t.Columns.Count);
            Assert.Equal("High", t[0, "Severity"]);
            Assert.Equal("", t[0, "Category"]);
            File.WriteAllText(Path.Combine(dir, "alerts.json"), "[{\"AlertId\": \"a2\", \"Timestamp\": 3}]");
            var ex = Assert.Throws<TableLoadException>(() => JsonTableLoader.Load(Path.Combine(dir, "alerts.json"), "AlertInfo"));
            Assert.Equal("alerts.json", ex.File);
            Assert.Equal("Timestamp", ex.Column);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Dataset_is_deterministic_documented_and_linked()
    {
        SyntheticDataset again = SyntheticDataset.Create(365, TestData.Now);
        SyntheticDataset other = SyntheticDataset.Create(7, TestData.Now);
        foreach (string table in new[] { "DeviceProcessEvents", "EmailEvents", "AlertEvidence" })
        {
            Assert.Equal(KqlResultJson.ToGraphJson(TestData.Dataset.Tables[table]), KqlResultJson.ToGraphJson(again.Tables[table]));
        }

        Assert.NotEqual(KqlResultJson.ToGraphJson(TestData.Dataset.Tables["DeviceNetworkEvents"]), KqlResultJson.ToGraphJson(other.Tables["DeviceNetworkEvents"]));
        Assert.Equal(HuntingSchema.Tables.Count, TestData.Dataset.Tables.Count);
        string[] generated =
        [
            "DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents", "DeviceLogonEvents", "DeviceInfo", "EmailEvents",
            "IdentityLogonEvents", "AlertInfo", "AlertEvidence",
        ];
        int total = 0;
        foreach (string table in generated)
        {
            KqlResultTable t = TestData.Dataset.Tables[table];
            Assert.Equal(HuntingSchema.Columns(table).Select(c => c.Name), t.Columns.Select(c => c.Name));
            Assert.NotEmpty(t.Rows);
            total += t.Rows.Count;
        }

        Assert.InRange(total, 4500, 5200);

        // Every incident's alerts are AlertInfo rows with evidence, and machine evidence names devices of DeviceInfo.
        Assert.NotEmpty(TestData.Dataset.Incidents);
        KqlResultTable evidence = TestData.Run("AlertEvidence | summarize count() by AlertId");
        KqlResultTable info = TestData.Run("AlertInfo | project AlertId");
        foreach (SyntheticIncident incident in TestData.Dataset.Incidents)
        {
            Assert.NotEmpty(incident.AlertIds);
            foreach (string id in incident.AlertIds)
            {
                Assert.Contains(info.Rows, r => (string)r[0]! == id);
                Assert.Contains(evidence.Rows, r => (string)r[0]! == id);
            }
        }

        Assert.Empty(TestData.Run("AlertEvidence | where EntityType == 'Machine' | join kind=leftanti (DeviceInfo) on DeviceId").Rows);
        Assert.NotEmpty(TestData.Run("AlertEvidence | where EntityType in ('Process', 'File') | join kind=inner (DeviceProcessEvents) on SHA256").Rows);
        Assert.NotEmpty(TestData.Run("AlertEvidence | where EntityType == 'User' | join kind=inner (DeviceLogonEvents) on AccountName").Rows);
        // A documented table the tenant has no activity for is there, empty (CloudAppEvents was such a table before issue 15 filled it).
        Assert.Empty(TestData.Run("DeviceTvmHardwareFirmware").Rows);
    }
}
