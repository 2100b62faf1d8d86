using System.IO;
using System.Linq;
using System.Text;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.Generators.Tests.KqlFrontEnd;

public sealed class HuntingSchemaJsonTests
{
    private const string Origin = "tables.json";

    [Fact]
    public void Reads_tables_columns_and_optional_texts_in_file_order()
    {
        const string json = """
            {
              "source": "docs", "note": "n",
              "tables": [
                { "name": "Signals", "description": "Rows.", "notes": "caveat", "source": "page",
                  "columns": [
                    { "name": "Score", "type": "real", "description": "How sure." },
                    { "name": "Flag", "type": "boolean", "docType": "bool" }
                  ] },
                { "name": "Empty", "columns": [] }
              ]
            }
            """;

        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(json, Origin);

        Assert.Equal("docs", schema.Source);
        Assert.Equal("n", schema.Note);
        Assert.Equal(new[] { "Signals", "Empty" }, schema.Tables.Select(t => t.Name));
        HuntingSchemaTable signals = schema.Tables[0];
        Assert.Equal("Rows.", signals.Description);
        Assert.Equal("caveat", signals.Notes);
        Assert.Equal("page", signals.Source);
        Assert.Equal(new[] { "Score", "Flag" }, signals.Columns.Select(c => c.Name));
        Assert.Equal(KqlScalarType.Real, signals.Columns[0].ScalarType);
        Assert.Equal("boolean", signals.Columns[1].Type);
        Assert.Equal(KqlScalarType.Bool, signals.Columns[1].ScalarType);
        Assert.Equal("bool", signals.Columns[1].DocType);
        Assert.Null(signals.Columns[1].Description);
        Assert.Null(schema.Tables[1].Description);
    }

    [Fact]
    public void The_binder_view_keeps_names_and_types()
    {
        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(
            """{"tables":[{"name":"T","columns":[{"name":"When","type":"datetime"},{"name":"Bag","type":"dynamic"}]}]}""", Origin);

        KqlSchema kql = schema.ToKqlSchema();

        Assert.True(kql.TryGetTable("T", out KqlTable table));
        Assert.Equal(new[] { new KqlColumn("When", KqlScalarType.DateTime), new KqlColumn("Bag", KqlScalarType.Dynamic) }, table.Columns);
    }

    [Fact]
    public void A_stream_reads_like_text_and_lenient_files_may_hold_comments_and_trailing_commas()
    {
        const string json = "{ // custom tables\n \"tables\": [ { \"name\": \"T\", \"columns\": [ { \"name\": \"A\", \"type\": \"string\" }, ], \"extra\": 1 }, ] }";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        HuntingSchemaDocument schema = HuntingSchemaJson.Read(stream, Origin);

        HuntingSchemaColumn column = Assert.Single(Assert.Single(schema.Tables).Columns);
        Assert.Equal("A", column.Name);
        Assert.Equal(KqlScalarType.String, column.ScalarType);
    }

    [Theory]
    [InlineData("{ not json", "tables.json is not valid JSON: ", null, null)]
    [InlineData("""[1]""", "tables.json must be an object with a \"tables\" array.", null, null)]
    [InlineData("""{"tables":{}}""", "tables.json must be an object with a \"tables\" array.", null, null)]
    [InlineData("""{"tables":[{"columns":[]}]}""", "tables.json: table #1 has no \"name\".", null, null)]
    [InlineData("""{"tables":[7]}""", "tables.json: table #1 is not an object.", null, null)]
    [InlineData("""{"tables":[{"name":"T"}]}""", "tables.json: table 'T' has no \"columns\" array.", "T", null)]
    [InlineData("""{"tables":[{"name":"T","columns":[{"type":"string"}]}]}""", "tables.json: table 'T', column #1 has no \"name\".", "T", null)]
    [InlineData("""{"tables":[{"name":"T","columns":[{"name":"A"}]}]}""", "tables.json: table 'T', column 'A' has no \"type\".", "T", "A")]
    [InlineData("""{"tables":[{"name":"T","columns":[{"name":"A","type":"String"}]}]}""", "tables.json: table 'T', column 'A' has unknown type 'String' (a KQL type is one of: string, long, int, real, bool, datetime, timespan, guid, decimal, dynamic).", "T", "A")]
    [InlineData("""{"tables":[{"name":"T","description":5,"columns":[]}]}""", "tables.json: table 'T' has a \"description\" that is not a string.", "T", null)]
    public void Bad_files_are_rejected_naming_file_table_and_column(string json, string message, string? table, string? column)
    {
        HuntingSchemaFormatException ex = Assert.Throws<HuntingSchemaFormatException>(() => HuntingSchemaJson.Parse(json, Origin));

        Assert.StartsWith(message, ex.Message, System.StringComparison.Ordinal);
        Assert.Equal(Origin, ex.Origin);
        Assert.Equal(table, ex.Table);
        Assert.Equal(column, ex.Column);
    }

    [Theory]
    [InlineData("""{"tables":[{"name":"T","columns":[]}]}""", "tables.json: table 'T' has no \"description\".")]
    [InlineData("""{"tables":[{"name":"T","description":"d","columns":[{"name":"A","type":"long"}]}]}""", "tables.json: table 'T', column 'A' has no \"description\".")]
    [InlineData("""{"tables":[{"name":"T","description":"d","columns":[],"note":"x"}]}""", "tables.json: table 'T' has an unknown property \"note\" (known: name, description, columns, notes, source).")]
    [InlineData("""{"tables":[],"version":2}""", "tables.json has an unknown property \"version\" (known: tables, functions, source, note).")]
    [InlineData("{\"tables\":[],}", "tables.json is not valid JSON: ")]
    public void Strict_reading_requires_descriptions_known_properties_and_plain_json(string json, string message)
    {
        HuntingSchemaJson.Parse(json, Origin); // lenient: accepted

        HuntingSchemaFormatException ex = Assert.Throws<HuntingSchemaFormatException>(
            () => HuntingSchemaJson.Parse(json, Origin, HuntingSchemaStrictness.Strict));

        Assert.StartsWith(message, ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_checked_in_schema_reads_strictly_with_every_table()
    {
        string path = Path.Combine(TestSchema.RepositoryRoot, "src", "Defender365Typed", "Schema", "hunting-schema.json");

        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(File.ReadAllText(path), path, HuntingSchemaStrictness.Strict);

        Assert.Equal(66, schema.Tables.Count);
        Assert.Equal(1549, schema.Tables.Sum(t => t.Columns.Count));
        Assert.DoesNotContain(schema.Tables.SelectMany(t => t.Columns), c => c.ScalarType == KqlScalarType.Unknown);
    }
}
