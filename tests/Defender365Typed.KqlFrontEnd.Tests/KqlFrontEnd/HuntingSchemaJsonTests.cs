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
    [InlineData("{ not json", "tables.json(1,3) is not valid JSON: ", null, null)]
    [InlineData("""[1]""", "tables.json(1,1) must be an object with a \"tables\" array.", null, null)]
    [InlineData("""{"tables":{}}""", "tables.json(1,1) must be an object with a \"tables\" array.", null, null)]
    [InlineData("""{"tables":[{"columns":[]}]}""", "tables.json(1,12): table #1 has no \"name\".", null, null)]
    [InlineData("""{"tables":[7]}""", "tables.json(1,12): table #1 is not an object.", null, null)]
    [InlineData("""{"tables":[{"name":"T"}]}""", "tables.json(1,12): table 'T' has no \"columns\" array.", "T", null)]
    [InlineData("""{"tables":[{"name":"T","columns":[{"type":"string"}]}]}""", "tables.json(1,35): table 'T', column #1 has no \"name\".", "T", null)]
    [InlineData("""{"tables":[{"name":"T","columns":[{"name":"A"}]}]}""", "tables.json(1,35): table 'T', column 'A' has no \"type\".", "T", "A")]
    [InlineData("""{"tables":[{"name":"T","columns":[{"name":"A","type":"String"}]}]}""", "tables.json(1,54): table 'T', column 'A' has unknown type 'String' (a KQL type is one of: string, long, int, real, bool, datetime, timespan, guid, decimal, dynamic).", "T", "A")]
    [InlineData("""{"tables":[{"name":"T","description":5,"columns":[]}]}""", "tables.json(1,38): table 'T' has a \"description\" that is not a string.", "T", null)]
    public void Bad_files_are_rejected_naming_file_table_and_column(string json, string message, string? table, string? column)
    {
        HuntingSchemaFormatException ex = Assert.Throws<HuntingSchemaFormatException>(() => HuntingSchemaJson.Parse(json, Origin));

        Assert.StartsWith(message, ex.Message, System.StringComparison.Ordinal);
        Assert.Equal(Origin, ex.Origin);
        Assert.Equal(table, ex.Table);
        Assert.Equal(column, ex.Column);
    }

    [Theory]
    [InlineData("{\"tables\":[\n {\"name\":\"T\",\"columns\":[]},\n {\"name\":\"T\",\"columns\":[]}]}", "tables.json(3,10): table 'T' is declared twice.", 3, 10, "name", "T", null)]
    [InlineData("{\"tables\":[{\"name\":\"T\",\"columns\":[\n  {\"name\":\"A\",\"type\":\"long\"},\n  {\"name\":\"A\",\"type\":\"string\"}]}]}", "tables.json(3,11): table 'T', column 'A' is declared twice.", 3, 11, "name", "T", "A")]
    [InlineData("""{"tables":[{"name":"My Table","columns":[]}]}""", "tables.json(1,20): table 'My Table' has a name that is not a valid C# identifier", 1, 20, "name", "My Table", null)]
    [InlineData("""{"tables":[{"name":"T","columns":[{"name":"1st","type":"long"}]}]}""", "tables.json(1,43): table 'T', column '1st' has a name that is not a valid C# identifier", 1, 43, "name", "T", "1st")]
    [InlineData("{\n  \"tables\": [{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\n \"type\":\"text\"}]}]}", "tables.json(3,9): table 'T', column 'A' has unknown type 'text'", 3, 9, "type", "T", "A")]
    [InlineData("""{"tables":[{"name":"T","columns":{}}]}""", "tables.json(1,34): table 'T' has no \"columns\" array.", 1, 34, "columns", "T", null)]
    [InlineData("""{"tables":[{"name":7,"columns":[]}]}""", "tables.json(1,20): table #1 has a \"name\" that is not a string.", 1, 20, "name", null, null)]
    [InlineData("{\"tables\":[{\"name\":\"T\",\"name\":\"U\",\"columns\":[]}]}", "tables.json(1,24) is not valid JSON: the property \"name\" appears twice in one object.", 1, 24, null, null, null)]
    [InlineData("{\"tables\":[]} /* open", "tables.json(1,15) is not valid JSON: a /* comment is not closed.", 1, 15, null, null, null)]
    [InlineData("{\"tables\":[\"a\\qb\"]}", "tables.json(1,14) is not valid JSON: '\\q' is not a JSON escape.", 1, 14, null, null, null)]
    [InlineData("{\"tables\":[]} 1", "tables.json(1,15) is not valid JSON: unexpected '1' after the end of the document.", 1, 15, null, null, null)]
    [InlineData("{\"tables\":[\n", "tables.json(2,1) is not valid JSON: the document ends where a value was expected.", 2, 1, null, null, null)]
    public void Bad_files_name_the_line_position_and_field(string json, string message, int line, int position, string? field, string? table, string? column)
    {
        HuntingSchemaFormatException ex = Assert.Throws<HuntingSchemaFormatException>(() => HuntingSchemaJson.Parse(json, Origin));

        Assert.StartsWith(message, ex.Message, System.StringComparison.Ordinal);
        Assert.Equal((line, position), (ex.Line, ex.LinePosition));
        Assert.Equal(field, ex.Field);
        Assert.Equal(table, ex.Table);
        Assert.Equal(column, ex.Column);
    }

    [Fact]
    public void Deep_nesting_and_invalid_utf8_are_format_errors_not_crashes()
    {
        HuntingSchemaFormatException deep = Assert.Throws<HuntingSchemaFormatException>(
            () => HuntingSchemaJson.Parse("{\"tables\":" + new string('[', 10_000), Origin));
        Assert.Contains("nested deeper than 64 levels", deep.Message, System.StringComparison.Ordinal);

        using var stream = new MemoryStream(new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}' });
        HuntingSchemaFormatException utf8 = Assert.Throws<HuntingSchemaFormatException>(() => HuntingSchemaJson.Read(stream, Origin));
        Assert.StartsWith("tables.json is not valid UTF-8: ", utf8.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_and_a_byte_order_mark_read_like_any_JSON_reader()
    {
        HuntingSchemaDocument schema = HuntingSchemaJson.Parse(
            "\uFEFF{\"note\":\"a\\\"b\\u00e9\\n\\/\",\"tables\":[{\"name\":\"T\",\"columns\":[],\"extra\":[1.5e-3,-0,true,false,null,{}]}]}", Origin);

        Assert.Equal("a\"b\u00e9\n/", schema.Note);
        Assert.Equal("T", Assert.Single(schema.Tables).Name);
    }

    [Theory]
    [InlineData("""{"tables":[{"name":"T","columns":[]}]}""", "tables.json(1,12): table 'T' has no \"description\".")]
    [InlineData("""{"tables":[{"name":"T","description":"d","columns":[{"name":"A","type":"long"}]}]}""", "tables.json(1,53): table 'T', column 'A' has no \"description\".")]
    [InlineData("""{"tables":[{"name":"T","description":"d","columns":[],"note":"x"}]}""", "tables.json(1,55): table 'T' has an unknown property \"note\" (known: name, description, columns, notes, source).")]
    [InlineData("""{"tables":[],"version":2}""", "tables.json(1,14) has an unknown property \"version\" (known: tables, functions, source, note).")]
    [InlineData("{\"tables\":[],}", "tables.json(1,14) is not valid JSON: ")]
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
