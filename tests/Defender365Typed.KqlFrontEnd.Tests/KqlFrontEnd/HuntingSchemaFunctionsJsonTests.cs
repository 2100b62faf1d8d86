using System.IO;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

/// <summary>The functions part of the schema file format, and the writer (docs/schema-file.md).</summary>
public sealed class HuntingSchemaFunctionsJsonTests
{
    private const string Origin = "tenant.json";

    private const string WithFunctions = """
        {
          "tables": [ { "name": "Custom_CL", "columns": [ { "name": "Timestamp", "type": "datetime" } ] } ],
          "functions": [
            { "name": "FileProfile", "kind": "builtIn", "description": "File détails — \"SHA1\".",
              "parameters": [ { "name": "SHA1", "type": "string" }, { "name": "Count", "type": "int", "defaultValue": "10" } ],
              "outputColumns": [ { "name": "SHA1", "type": "string" }, { "name": "GlobalPrevalence", "type": "long", "description": "Seen on." } ] },
            { "name": "Enrich", "kind": "saved", "parameters": [ { "name": "T", "type": "(*)" } ], "outputColumns": [] },
            { "name": "NoArgs", "kind": "saved" }
          ]
        }
        """;

    [Fact]
    public void Reads_functions_with_kind_parameters_defaults_and_output_columns()
    {
        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(WithFunctions, Origin);

        Assert.Equal(new[] { "FileProfile", "Enrich", "NoArgs" }, schema.Functions.Select(f => f.Name));
        HuntingSchemaFunction profile = schema.Functions[0];
        Assert.Equal(HuntingSchemaFunctionKind.BuiltIn, profile.Kind);
        Assert.Equal("File détails — \"SHA1\".", profile.Description);
        Assert.Equal(new[] { "SHA1", "Count" }, profile.Parameters.Select(p => p.Name));
        Assert.Equal(KqlScalarType.String, profile.Parameters[0].ScalarType);
        Assert.False(profile.Parameters[0].IsOptional);
        Assert.Equal(KqlScalarType.Int, profile.Parameters[1].ScalarType);
        Assert.Equal("10", profile.Parameters[1].DefaultValue);
        Assert.True(profile.Parameters[1].IsOptional);
        Assert.Equal(new[] { KqlScalarType.String, KqlScalarType.Long }, profile.OutputColumns.Select(c => c.ScalarType));
        Assert.Equal("Seen on.", profile.OutputColumns[1].Description);

        HuntingSchemaParameter table = Assert.Single(schema.Functions[1].Parameters);
        Assert.True(table.IsTabular);
        Assert.Equal(KqlScalarType.Unknown, table.ScalarType);
        Assert.Equal(HuntingSchemaFunctionKind.Saved, schema.Functions[2].Kind);
        Assert.Empty(schema.Functions[2].Parameters);
        Assert.Empty(schema.Functions[2].OutputColumns);
    }

    [Fact]
    public void A_file_without_functions_has_none()
    {
        HuntingSchemaDocument schema = HuntingSchemaJson.Parse("""{"tables":[],"functions":null}""", Origin);

        Assert.Empty(schema.Functions);
    }

    [Theory]
    [InlineData("""{"tables":[],"functions":{}}""", "tenant.json(1,26) has a \"functions\" that is not an array.", null, null)]
    [InlineData("""{"tables":[],"functions":[3]}""", "tenant.json(1,27): function #1 is not an object.", null, null)]
    [InlineData("""{"tables":[],"functions":[{"kind":"saved"}]}""", "tenant.json(1,27): function #1 has no \"name\".", null, null)]
    [InlineData("""{"tables":[],"functions":[{"name":"F"}]}""", "tenant.json(1,27): function 'F' has no \"kind\" (\"builtIn\" or \"saved\").", "F", null)]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"Shared"}]}""", "tenant.json(1,46): function 'F' has unknown kind 'Shared' (\"builtIn\" or \"saved\").", "F", null)]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"saved","parameters":{}}]}""", "tenant.json(1,67): function 'F' has a \"parameters\" that is not an array.", "F", null)]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"saved","parameters":[{"type":"string"}]}]}""", "tenant.json(1,68): function 'F', parameter #1 has no \"name\".", "F", null)]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"saved","parameters":[{"name":"p","type":"text"}]}]}""", "tenant.json(1,87): function 'F', parameter 'p' has unknown type 'text' (a KQL type is one of: ", "F", "p")]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"saved","outputColumns":[{"name":"C","type":"Int64"}]}]}""", "tenant.json(1,90): function 'F', output column 'C' has unknown type 'Int64' (a KQL type is one of: ", "F", "C")]
    [InlineData("""{"tables":[{"name":"F","columns":[]}],"functions":[{"name":"F","kind":"saved"}]}""", "tenant.json(1,60): function 'F' is declared twice (tables and functions share one set of names).", "F", null)]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"saved"},{"name":"F","kind":"builtIn"}]}""", "tenant.json(1,63): function 'F' is declared twice (tables and functions share one set of names).", "F", null)]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"saved","parameters":[{"name":"p","type":"long"},{"name":"p","type":"string"}]}]}""", "tenant.json(1,103): function 'F', parameter 'p' is declared twice.", "F", "p")]
    [InlineData("""{"tables":[],"functions":[{"name":"F","kind":"saved","outputColumns":[{"name":"C","type":"long"},{"name":"C","type":"long"}]}]}""", "tenant.json(1,106): function 'F', output column 'C' is declared twice.", "F", "C")]
    [InlineData("""{"tables":[],"functions":[{"name":"my-function","kind":"saved"}]}""", "tenant.json(1,35): function 'my-function' has a name that is not a valid C# identifier", "my-function", null)]
    public void Bad_functions_are_rejected_naming_file_function_and_parameter(string json, string message, string? function, string? item)
    {
        HuntingSchemaFormatException ex = Assert.Throws<HuntingSchemaFormatException>(() => HuntingSchemaJson.Parse(json, Origin));

        Assert.StartsWith(message, ex.Message, System.StringComparison.Ordinal);
        Assert.Equal(Origin, ex.Origin);
        Assert.Equal(function, ex.Table);
        Assert.Equal(item, ex.Column);
    }

    [Fact]
    public void What_the_writer_writes_reads_back_strictly_and_writes_the_same_bytes()
    {
        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(WithFunctions, Origin);

        string written = HuntingSchemaJson.ToJson(schema);
        HuntingSchemaDocument again = HuntingSchemaJson.Parse(written, Origin);

        Assert.Equal(written, HuntingSchemaJson.ToJson(again));
        Assert.EndsWith("}\n", written, System.StringComparison.Ordinal);
        Assert.DoesNotContain("\r", written, System.StringComparison.Ordinal);
        Assert.Contains("File détails — \\\"SHA1\\\".", written, System.StringComparison.Ordinal); // readable, quotes escaped
        Assert.Equal(schema.Functions.Select(f => (f.Name, f.Kind, f.Parameters.Count, f.OutputColumns.Count)),
                     again.Functions.Select(f => (f.Name, f.Kind, f.Parameters.Count, f.OutputColumns.Count)));
        Assert.Equal("10", again.Functions[0].Parameters[1].DefaultValue);
        Assert.True(again.Functions[1].Parameters[0].IsTabular);
    }

    [Fact]
    public void The_writer_leaves_out_absent_values_and_an_empty_function_list()
    {
        var schema = new HuntingSchemaDocument(new[] { new HuntingSchemaTable("T", new[] { new HuntingSchemaColumn("A", "string") }) });

        string written = HuntingSchemaJson.ToJson(schema);

        Assert.Equal(
            "{\n  \"tables\": [\n    {\n      \"name\": \"T\",\n      \"columns\": [\n        {\n          \"name\": \"A\",\n          \"type\": \"string\"\n        }\n      ]\n    }\n  ]\n}\n",
            written);
    }

    [Fact]
    public void The_checked_in_schema_survives_a_write_and_a_strict_read_unchanged()
    {
        string path = Path.Combine(TestSchema.RepositoryRoot, "src", "Defender365Typed", "Schema", "hunting-schema.json");
        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(File.ReadAllText(path), path, HuntingSchemaStrictness.Strict);

        using var stream = new MemoryStream();
        HuntingSchemaJson.Write(schema, stream);
        HuntingSchemaDocument again = HuntingSchemaJson.Read(new MemoryStream(stream.ToArray()), "written", HuntingSchemaStrictness.Strict);

        Assert.Equal(
            schema.Tables.SelectMany(t => t.Columns.Select(c => (t.Name, t.Description, c.Name, c.Type, c.Description, c.DocType))),
            again.Tables.SelectMany(t => t.Columns.Select(c => (t.Name, t.Description, c.Name, c.Type, c.Description, c.DocType))));
        Assert.Equal(schema.Tables.Select(t => (t.Notes, t.Source)), again.Tables.Select(t => (t.Notes, t.Source)));
        Assert.Equal(schema.Source, again.Source);
    }
}
