using System;
using System.Linq;

namespace Defender365Typed.KqlEngine.Tests.Reference;

/// <summary>
/// getschema, jaccard_index and parse_csv, added for the corpus queries that stopped at them, with the examples of
/// MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/getschema-operator.md, jaccard-index-function.md and
/// parse-csv-function.md.
/// </summary>
public sealed class SchemaAndSetReferenceTests
{
    // getschema-operator.md: ColumnName, ColumnOrdinal, DataType, ColumnType per column (StormEvents' types, on a
    // datatable with the same kinds of columns).
    [Fact]
    public void Getschema_lists_the_columns_like_the_reference()
    {
        KqlResultTable result = TestData.Run("datatable(StartTime: datetime, EpisodeId: int, State: string, BeginLat: real, StormSummary: dynamic) [] | getschema");
        Assert.Equal(["ColumnName", "ColumnOrdinal", "DataType", "ColumnType"], result.Columns.Select(c => c.Name));
        Assert.Equal(
            "StartTime 0 System.DateTime datetime / EpisodeId 1 System.Int32 int / State 2 System.String string / BeginLat 3 System.Double real / StormSummary 4 System.Object dynamic",
            string.Join(" / ", result.Rows.Select(r => string.Join(" ", r))));
    }

    // jaccard-index-function.md, "Examples": 0.75; duplicates are ignored.
    [Fact]
    public void Jaccard_index_matches_the_reference()
    {
        Assert.Equal(0.75, TestData.Run("print set1=dynamic([1,2,3]), set2=dynamic([1,2,3,4]) | extend jaccard=jaccard_index(set1, set2)").Rows[0][2]);
        Assert.Equal(1.0 / 3, TestData.Run("print j = jaccard_index(dynamic(['a','a','b']), dynamic(['b','c','c']))").Rows[0][0]);
    }

    // parse-csv-function.md, "Use escaping quotes" and "CSV with multiple records" (only the first record is taken).
    [Theory]
    [InlineData(""""parse_csv('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"')"""", """["aa","b,b,b","cc","Escaping quotes: \"Title\"","line1\nline2"]""")]
    [InlineData("""parse_csv('record1,a,b,c\nrecord2,x,y,z')""", """["record1","a","b","c"]""")]
    public void Parse_csv_matches_the_reference(string expression, string expected) =>
        Assert.Equal(expected, TestData.Run("print result = " + expression).Rows[0][0]!.ToString());
}
