using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Defender365Typed.KqlFrontEnd;
using Defender365Typed.SchemaImport;

namespace Defender365Typed.Tests.Schema;

public sealed class SchemaImportTests
{
    private const int DocumentedTables = 66;
    private const int DocumentedColumns = 1549;

    private static readonly Regex s_property = new(
        @"^    public [A-Za-z?]+ @?[A-Za-z_][A-Za-z0-9_]* \{ get; init; \}( = """";)?$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string SchemaJson { get; } =
        File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Defender365Typed", "Schema", "hunting-schema.json"));

    // (a) The checked-in tables are exactly what the import tool generates from the checked-in schema.
    [Fact]
    public void Checked_in_tables_match_the_schema_byte_for_byte()
    {
        IReadOnlyList<GeneratedFile> files = SchemaImporter.Generate(SchemaJson);
        string tablesDirectory = Path.Combine(RepositoryRoot, "src", "Defender365Typed", "Tables");
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (GeneratedFile file in files)
        {
            Assert.StartsWith("src/Defender365Typed/Tables/", file.RelativePath, StringComparison.Ordinal);
            string fileName = file.RelativePath["src/Defender365Typed/Tables/".Length..];
            expected.Add(fileName);

            string path = Path.Combine(tablesDirectory, fileName);
            if (!File.Exists(path))
            {
                problems.Add("missing: " + file.RelativePath);
            }
            else if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(new UTF8Encoding(false).GetBytes(file.Content)))
            {
                problems.Add("differs: " + file.RelativePath);
            }
        }

        var actual = new SortedSet<string>(
            Directory.EnumerateFiles(tablesDirectory, "*.cs").Select(p => Path.GetFileName(p)!),
            StringComparer.Ordinal);
        foreach (string extra in actual.Except(expected, StringComparer.Ordinal))
        {
            problems.Add("stale: src/Defender365Typed/Tables/" + extra);
        }

        Assert.True(
            problems.Count == 0,
            "Run 'dotnet run --project tools/Defender365Typed.SchemaImport' to update:\n" + string.Join("\n", problems));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Check_mode_comparison_finds_the_repository_up_to_date()
    {
        IReadOnlyList<GeneratedFile> files = SchemaImporter.Generate(SchemaJson);
        Assert.Empty(SchemaImporter.Compare(RepositoryRoot, files));
    }

    // (b) Every documented table and column is declared.
    [Fact]
    public void Declares_all_documented_tables_and_columns()
    {
        HuntingSchemaDocument schema = HuntingSchema.Parse(SchemaJson);
        Assert.Equal(DocumentedTables, schema.Tables.Count);
        Assert.Equal(DocumentedColumns, schema.Tables.Sum(t => t.Columns.Count));

        IReadOnlyList<GeneratedFile> files = SchemaImporter.Generate(SchemaJson);
        GeneratedFile[] tableFiles = files.Where(f => f.Content.Contains("\n[HuntingTable(\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(DocumentedTables, tableFiles.Length);
        Assert.Equal(DocumentedTables + 1, files.Count); // plus Hunting.cs
        Assert.Equal(DocumentedColumns, tableFiles.Sum(f => s_property.Count(f.Content)));

        foreach (HuntingSchemaTable table in schema.Tables)
        {
            GeneratedFile file = Assert.Single(files, f => f.RelativePath == $"src/Defender365Typed/Tables/{table.Name}.cs");
            Assert.Contains($"\n[HuntingTable(\"{table.Name}\")]\npublic sealed partial record {table.Name}\n{{\n", file.Content, StringComparison.Ordinal);
            Assert.Equal(table.Columns.Count, s_property.Count(file.Content));
        }

        GeneratedFile hunting = Assert.Single(files, f => f.RelativePath == "src/Defender365Typed/Tables/Hunting.cs");
        Assert.Equal(DocumentedTables, Regex.Count(hunting.Content, @"^    public static global::Defender365Typed\.KqlQuery<", RegexOptions.Multiline));
        string expectedNames = string.Concat(schema.Tables.Select(t => $"        \"{t.Name}\",\n"));
        Assert.Contains("new string[]\n    {\n" + expectedNames + "    };\n", hunting.Content, StringComparison.Ordinal);
    }

    // (c) Bad input fails with a message that names the table and the column.
    [Theory]
    [InlineData("unknown type", """{"name":"Col1","type":"timespan","description":"d"}""", "Col1", "unknown type 'timespan'")]
    [InlineData("unknown type (case)", """{"name":"Col1","type":"String","description":"d"}""", "Col1", "unknown type 'String'")]
    [InlineData("invalid identifier (dash)", """{"name":"Bad-Name","type":"string","description":"d"}""", "Bad-Name", "not a valid C# identifier")]
    [InlineData("invalid identifier (digit)", """{"name":"1Col","type":"string","description":"d"}""", "1Col", "not a valid C# identifier")]
    [InlineData("invalid identifier (space)", """{"name":"Col 1","type":"string","description":"d"}""", "Col 1", "not a valid C# identifier")]
    [InlineData("duplicate column", """{"name":"Col1","type":"string","description":"d"},{"name":"Col1","type":"long","description":"d"}""", "Col1", "declared twice")]
    [InlineData("duplicate column (case)", """{"name":"Col1","type":"string","description":"d"},{"name":"COL1","type":"long","description":"d"}""", "COL1", "differs only in case")]
    [InlineData("named like its table", """{"name":"SampleTable","type":"string","description":"d"}""", "SampleTable", "name of its table")]
    [InlineData("reserved Table", """{"name":"Table","type":"string","description":"d"}""", "Table", "reserved")]
    [InlineData("reserved Shape", """{"name":"Shape","type":"string","description":"d"}""", "Shape", "reserved")]
    [InlineData("reserved Columns", """{"name":"Columns","type":"dynamic","description":"d"}""", "Columns", "reserved")]
    [InlineData("record member", """{"name":"ToString","type":"string","description":"d"}""", "ToString", "reserved")]
    [InlineData("empty description", """{"name":"Col1","type":"string","description":" "}""", "Col1", "description is empty")]
    public void Bad_columns_are_rejected_naming_table_and_column(string reason, string columnsJson, string column, string expected)
    {
        string json = """{"tables":[{"name":"SampleTable","description":"A table.","columns":[{"name":"Timestamp","type":"datetime","description":"d"},""" +
            columnsJson + "]}]}";

        SchemaException ex = Assert.Throws<SchemaException>(() => SchemaImporter.Generate(json));

        Assert.Contains("'SampleTable'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{column}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("SampleTable", ex.Table);
        Assert.True(column == ex.Column, $"{reason}: expected column '{column}', got '{ex.Column}'");
    }

    [Theory]
    [InlineData("""[{"name":"Bad.Table","description":"d","columns":[{"name":"A","type":"string","description":"d"}]}]""", "'Bad.Table'", "not a valid C# identifier")]
    [InlineData("""[{"name":"Hunting","description":"d","columns":[{"name":"A","type":"string","description":"d"}]}]""", "'Hunting'", "reserved")]
    [InlineData("""[{"name":"T1","description":"d","columns":[{"name":"A","type":"string","description":"d"}]},{"name":"t1","description":"d","columns":[{"name":"A","type":"string","description":"d"}]}]""", "'t1'", "declared twice")]
    [InlineData("""[{"name":"T1","description":"d","columns":[]}]""", "'T1'", "no columns")]
    [InlineData("""[{"name":"T1","description":"","columns":[{"name":"A","type":"string","description":"d"}]}]""", "'T1'", "description is empty")]
    public void Bad_tables_are_rejected_naming_the_table(string tablesJson, string table, string expected)
    {
        SchemaException ex = Assert.Throws<SchemaException>(() => SchemaImporter.Generate("{\"tables\":" + tablesJson + "}"));
        Assert.Contains(table, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"tables":[{"name":"T1","columns":[{"name":"A","type":"string","description":"d"}]}]}""")]
    [InlineData("""{"tables":[{"name":"T1","description":"d","columns":[{"name":null,"type":"string","description":"d"}]}]}""")]
    [InlineData("""{"tables":[{"name":"T1","description":"d","colums":[]}]}""")]
    public void Malformed_json_is_rejected_with_a_schema_exception(string json)
    {
        SchemaException ex = Assert.Throws<SchemaException>(() => SchemaImporter.Generate(json));
        Assert.StartsWith("The schema JSON is not valid", ex.Message, StringComparison.Ordinal);
    }

    // (d) The output depends only on the input.
    [Fact]
    public void Output_is_deterministic()
    {
        IReadOnlyList<GeneratedFile> first = SchemaImporter.Generate(SchemaJson);
        IReadOnlyList<GeneratedFile> second = SchemaImporter.Generate(SchemaJson);

        Assert.Equal(first, second);
        Assert.Equal(first.Select(f => f.RelativePath).Order(StringComparer.Ordinal), first.Select(f => f.RelativePath));
        Assert.All(first, f =>
        {
            Assert.DoesNotContain('\r', f.Content);
            Assert.EndsWith("}\n", f.Content, StringComparison.Ordinal);
            Assert.StartsWith("// <auto-generated>\n", f.Content, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Maps_kql_types_to_clr_types_and_escapes_names_and_text()
    {
        const string json = """
            {
              "tables": [
                {
                  "name": "Sample",
                  "description": "Rows <with> markup & more.",
                  "notes": "First line\nsecond   line.",
                  "columns": [
                    { "name": "Timestamp", "type": "datetime", "description": "When." },
                    { "name": "Other", "type": "datetime", "description": "Later." },
                    { "name": "Text", "type": "string", "description": "A \"quoted\" <b>value</b>." },
                    { "name": "Big", "type": "long", "description": "L." },
                    { "name": "Small", "type": "int", "description": "I." },
                    { "name": "Flag", "type": "bool", "description": "B.", "docType": "boolean" },
                    { "name": "Ratio", "type": "real", "description": "R." },
                    { "name": "Id", "type": "guid", "description": "G." },
                    { "name": "Bag", "type": "dynamic", "description": "D." },
                    { "name": "class", "type": "string", "description": "Keyword." }
                  ]
                }
              ]
            }
            """;

        GeneratedFile file = Assert.Single(SchemaImporter.Generate(json), f => f.RelativePath.EndsWith("/Sample.cs", StringComparison.Ordinal));
        string expected = string.Join(
            "\n",
            "// <auto-generated>",
            "// Generated by tools/Defender365Typed.SchemaImport from src/Defender365Typed/Schema/hunting-schema.json.",
            "// Do not edit: change the schema and run the import tool again.",
            "// </auto-generated>",
            "#nullable enable",
            "",
            "using System;",
            "using Defender365Typed.Results;",
            "",
            "namespace Defender365Typed.Tables;",
            "",
            "/// <summary>Rows &lt;with&gt; markup &amp; more.</summary>",
            "/// <remarks>First line second line.</remarks>",
            "[HuntingTable(\"Sample\")]",
            "public sealed partial record Sample",
            "{",
            "    /// <summary>When.</summary>",
            "    public DateTime Timestamp { get; init; }",
            "",
            "    /// <summary>Later.</summary>",
            "    public DateTime? Other { get; init; }",
            "",
            "    /// <summary>A \"quoted\" &lt;b&gt;value&lt;/b&gt;.</summary>",
            "    public string Text { get; init; } = \"\";",
            "",
            "    /// <summary>L.</summary>",
            "    public long? Big { get; init; }",
            "",
            "    /// <summary>I.</summary>",
            "    public int? Small { get; init; }",
            "",
            "    /// <summary>B.</summary>",
            "    public bool? Flag { get; init; }",
            "",
            "    /// <summary>R.</summary>",
            "    public double? Ratio { get; init; }",
            "",
            "    /// <summary>G.</summary>",
            "    public Guid? Id { get; init; }",
            "",
            "    /// <summary>D.</summary>",
            "    public KqlDynamicValue Bag { get; init; }",
            "",
            "    /// <summary>Keyword.</summary>",
            "    public string @class { get; init; } = \"\";",
            "}",
            "");
        Assert.Equal(expected, file.Content);
    }

    [Fact]
    public void A_string_Timestamp_stays_a_string()
    {
        const string json = """{"tables":[{"name":"T1","description":"d","columns":[{"name":"Timestamp","type":"string","description":"d"}]}]}""";
        GeneratedFile file = Assert.Single(SchemaImporter.Generate(json), f => f.RelativePath.EndsWith("/T1.cs", StringComparison.Ordinal));
        Assert.Contains("\n    public string Timestamp { get; init; } = \"\";\n", file.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_writes_missing_and_changed_files_and_deletes_stale_ones()
    {
        string root = Path.Combine(Path.GetTempPath(), "d365t-schemaimport-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, "Defender365Typed.sln"), "");
            const string json = """{"tables":[{"name":"T1","description":"d","columns":[{"name":"A","type":"string","description":"d"}]}]}""";
            IReadOnlyList<GeneratedFile> files = SchemaImporter.Generate(json);

            Assert.Equal(root, SchemaImporter.FindRepositoryRoot(Path.Combine(root, "src")));
            Assert.All(SchemaImporter.Compare(root, files), d => Assert.Equal(DifferenceKind.Missing, d.Kind));

            Assert.Equal(2, SchemaImporter.Apply(root, files).Count);
            Assert.Empty(SchemaImporter.Compare(root, files));

            string tables = Path.Combine(root, "src", "Defender365Typed", "Tables");
            File.WriteAllText(Path.Combine(tables, "Old.cs"), "// stale");
            File.WriteAllText(Path.Combine(tables, "T1.cs"), "// edited");
            File.WriteAllText(Path.Combine(tables, "notes.txt"), "not C#");
            Assert.Equal(
                new[]
                {
                    new OutputDifference(DifferenceKind.Stale, "src/Defender365Typed/Tables/Old.cs"),
                    new OutputDifference(DifferenceKind.Changed, "src/Defender365Typed/Tables/T1.cs"),
                },
                SchemaImporter.Compare(root, files));

            SchemaImporter.Apply(root, files);
            Assert.Empty(SchemaImporter.Compare(root, files));
            Assert.False(File.Exists(Path.Combine(tables, "Old.cs")));
            Assert.True(File.Exists(Path.Combine(tables, "notes.txt")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Defender365Typed.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Defender365Typed.sln not found above " + AppContext.BaseDirectory);
    }
}
