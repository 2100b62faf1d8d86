using System;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine.Tests;

/// <summary>CSV quoting rules (RFC 4180) and the positions that CSV errors name.</summary>
public sealed class CsvTableLoaderTests
{
    private static readonly KqlResultColumn[] Columns =
    [
        new("Name", KqlScalarType.String), new("Note", KqlScalarType.String), new("Count", KqlScalarType.Long),
    ];

    [Fact]
    public void Quoted_cells_keep_commas_quotes_and_line_breaks()
    {
        string csv = "Name,Note,Count\n" +
            "\"a, b\",\"she said \"\"hi\"\"\",1\n" +
            "\"two\r\nlines\",\"\"\"\",2\n" +
            "plain,\"\",3\n";

        KqlResultTable t = CsvTableLoader.Parse(csv, "Notes", Columns, "notes.csv");

        Assert.Equal(3, t.Rows.Count);
        Assert.Equal(["a, b", "she said \"hi\"", 1L], t.Rows[0]);
        Assert.Equal(["two\r\nlines", "\"", 2L], t.Rows[1]);
        Assert.Equal(["plain", "", 3L], t.Rows[2]);
    }

    [Fact]
    public void Header_may_list_columns_in_any_order_and_skip_some()
    {
        KqlResultTable t = CsvTableLoader.Parse("\uFEFFCount, Name\n5,x\n\n", "Notes", Columns, "notes.csv");

        Assert.Equal(["x", "", 5L], Assert.Single(t.Rows));
    }

    [Fact]
    public void A_semicolon_in_the_header_is_part_of_a_name_not_a_separator()
    {
        var ex = Assert.Throws<TableLoadException>(() => CsvTableLoader.Parse("Name;Note\na;b\n", "Notes", Columns, "semi.csv"));

        Assert.Equal("Name;Note", ex.Column);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void A_bad_value_after_a_multi_line_cell_names_the_line_where_its_row_starts()
    {
        string csv = "Name,Note,Count\n\"x\ny\",\"1\n2\n3\",7\nz,,seven\n";

        var ex = Assert.Throws<TableLoadException>(() => CsvTableLoader.Parse(csv, "Notes", Columns, "notes.csv"));

        Assert.Equal("notes.csv", ex.File);
        Assert.Equal(6, ex.Line);
        Assert.Equal("Count", ex.Column);
        Assert.StartsWith("notes.csv, line 6, column 'Count': 'seven' is not a long", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_asks_for_a_header()
    {
        var ex = Assert.Throws<TableLoadException>(() => CsvTableLoader.Parse("", "Notes", Columns, "empty.csv"));

        Assert.Equal(1, ex.Line);
        Assert.Contains("expected a header row", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_quote_in_the_last_row_is_reported_at_that_row()
    {
        var ex = Assert.Throws<TableLoadException>(() => CsvTableLoader.Parse("Name,Note\na,b\nc,\"open\nd,e\n", "Notes", Columns, "open.csv"));

        Assert.Equal(3, ex.Line);
        Assert.Null(ex.Column);
        Assert.Contains("a quoted cell is not closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_cell_opens_a_quoted_cell_as_RFC_4180_reads_it()
    {
        // RFC 4180 has no quotes inside unquoted cells; write 5" as "5""". A stray quote runs to the end of the text.
        var ex = Assert.Throws<TableLoadException>(() => CsvTableLoader.Parse("Name,Note\na,5\" monitor\nb,c\n", "Notes", Columns, "stray.csv"));

        Assert.Equal(2, ex.Line);
        Assert.Contains("a quoted cell is not closed", ex.Message, StringComparison.Ordinal);
        Assert.Equal("5\" monitor", CsvTableLoader.Parse("Name,Note\na,\"5\"\" monitor\"\n", "Notes", Columns, "ok.csv").Rows[0][1]);
    }
}
